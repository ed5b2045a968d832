let context: CanvasRenderingContext2D | null | undefined;

/**
 * Any CSS color the browser understands (hex, rgb(), hsl(), a name) as #rrggbb, ignoring alpha;
 * undefined when it is not a color. The canvas does the parsing, as the Messenger's browser will.
 */
export function cssColorToHex(value: string): string | undefined {
  if (typeof CSS === 'undefined' || !CSS.supports('color', value)) return undefined;
  if (context === undefined) context = document.createElement('canvas').getContext('2d');
  if (!context) return undefined;
  context.fillStyle = '#000000';
  context.fillStyle = value;
  const resolved = String(context.fillStyle);
  if (resolved.startsWith('#')) return resolved;
  const [r = 0, g = 0, b = 0] = (resolved.match(/[\d.]+/g) ?? []).map(Number);
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** White or near-black text on `color`, by the same rule as the Messenger (relative brightness above 0.6). */
export function readableOn(color: string): string {
  const hex = cssColorToHex(color);
  if (!hex) return '#ffffff';
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return luminance > 0.6 ? '#1a1a1a' : '#ffffff';
}
