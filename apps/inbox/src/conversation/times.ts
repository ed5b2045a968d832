/** Times in the conversation view: API timestamps are Unix seconds. */
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** "14:05" today, "Mon 3 Jun, 14:05" otherwise. */
export function shortTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return sameDay(date, new Date()) ? timeOfDay.format(date) : dayAndTime.format(date);
}

export function longTime(seconds: number): string {
  return fullDate.format(new Date(seconds * 1000));
}

export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

export interface SnoozeOption {
  label: string;
  until: number;
}

const atNine = (date: Date) => {
  date.setHours(9, 0, 0, 0);
  return date;
};

/**
 * The preset snooze times, as Intercom offers them: later today (three hours on, on the hour),
 * tomorrow 9:00, and next Monday 9:00.
 */
export function snoozeOptions(now = new Date()): SnoozeOption[] {
  const later = new Date(now.getTime() + 3 * 3600_000);
  later.setMinutes(0, 0, 0);
  const tomorrow = atNine(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  const nextWeek = atNine(new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysToMonday));
  const options: SnoozeOption[] = [];
  // Late in the evening "later today" would land tomorrow: offer it only while it is still today.
  if (sameDay(later, now)) options.push({ label: 'Later today', until: toSeconds(later) });
  options.push({ label: 'Tomorrow', until: toSeconds(tomorrow) }, { label: 'Next week', until: toSeconds(nextWeek) });
  return options;
}

export const toSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The value of a datetime-local input (local time) as Unix seconds, or null. */
export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : toSeconds(date);
}

/** A datetime-local value for `date` (local time, minutes). */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
