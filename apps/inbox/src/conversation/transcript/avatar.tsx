/** Initials of a name ("Vera Lind" → "VL"), or "?" without one. */
export function initialsOf(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue per person, so the same person keeps their colour across the transcript. */
function hueOf(seed: string): number {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(hash) % 360;
}

export function Avatar({ name, seed, size = 'medium' }: { name: string | null; seed?: string | null; size?: 'small' | 'medium' }) {
  const hue = hueOf(seed ?? name ?? '?');
  return (
    <span
      className={`conversation-avatar conversation-avatar-${size}`}
      style={{ background: `hsl(${hue} 70% 90%)`, color: `hsl(${hue} 55% 30%)` }}
      aria-hidden="true"
    >
      {initialsOf(name)}
    </span>
  );
}
