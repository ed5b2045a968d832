const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** A list's compact time: "now", "5m", "3h", "Mon", "12 Mar" (Unix seconds in, text out). */
export function shortTime(seconds: number, nowMs = Date.now()): string {
  const ago = Math.max(0, Math.floor(nowMs / 1000) - seconds);
  if (ago < 60) return 'now';
  if (ago < 3600) return `${Math.floor(ago / 60)}m`;
  if (ago < 86_400) return `${Math.floor(ago / 3600)}h`;
  if (ago < 6 * 86_400) return weekday.format(new Date(seconds * 1000));
  return dayMonth.format(new Date(seconds * 1000));
}

/** Two letters for an avatar: "Ada Lovelace" → "AL", "ada@example.com" → "A". */
export function initialsOf(name: string | null | undefined): string {
  const words = (name ?? '').replace(/@.*$/, '').split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words.slice(0, 1);
  return letters.map((word) => Array.from(word ?? '')[0]?.toUpperCase() ?? '').join('') || '?';
}
