/**
 * Shortcut notation: "r", "shift+a", "mod+k" (Cmd on Apple keyboards, Ctrl elsewhere), "?", "Escape",
 * and sequences of two strokes separated by a space ("g i").
 */
export interface Stroke {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

export interface KeyEventLike {
  key: string;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function parseKeys(keys: string): Stroke[] {
  return keys
    .trim()
    .split(/\s+/)
    .map((stroke) => {
      const parts = stroke.split('+');
      // "mod++" would be odd; a lone "+" key is written as "plus".
      const key = (parts.pop() ?? '').toLowerCase();
      const modifiers = new Set(parts.map((part) => part.toLowerCase()));
      return { key: key === 'plus' ? '+' : key, mod: modifiers.has('mod'), shift: modifiers.has('shift'), alt: modifiers.has('alt') };
    });
}

export function isApplePlatform(platform = typeof navigator === 'undefined' ? '' : navigator.platform): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

/** Whether a key press is this stroke. Shift is implied by punctuation ("?" is shift+/ on most layouts). */
export function matchesStroke(stroke: Stroke, event: KeyEventLike, apple = isApplePlatform()): boolean {
  const mod = apple ? event.metaKey : event.ctrlKey;
  const otherMod = apple ? event.ctrlKey : event.metaKey;
  if (mod !== stroke.mod || otherMod || event.altKey !== stroke.alt) return false;
  const key = event.key.toLowerCase();
  if (key !== stroke.key) return false;
  const printableSymbol = stroke.key.length === 1 && !/[a-z0-9]/.test(stroke.key);
  return printableSymbol || event.shiftKey === stroke.shift;
}

const names: Record<string, string> = { escape: 'Esc', enter: 'Enter', arrowup: '↑', arrowdown: '↓', ' ': 'Space' };

/** How a shortcut is shown in the help overlay: one label per key, e.g. ["Ctrl", "K"]. */
export function describeKeys(keys: string, apple = isApplePlatform()): string[][] {
  return parseKeys(keys).map((stroke) => {
    const labels: string[] = [];
    if (stroke.mod) labels.push(apple ? '⌘' : 'Ctrl');
    if (stroke.alt) labels.push(apple ? '⌥' : 'Alt');
    if (stroke.shift) labels.push('Shift');
    labels.push(names[stroke.key] ?? (stroke.key.length === 1 ? stroke.key.toUpperCase() : stroke.key));
    return labels;
  });
}
