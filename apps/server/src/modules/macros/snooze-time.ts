/**
 * Snooze times in the workspace's time zone (`workspaces.timezone`, an IANA name). Node has no
 * zoned date arithmetic, so wall-clock times are converted through Intl's offsets.
 */
export type SnoozeDuration = 'later_today' | 'tomorrow' | 'next_week' | { hours: number };

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A zone Intl knows, else UTC (a bad stored value must not break every macro). */
export function knownTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallClock(instant: Date, timeZone: string): WallClock & { second: number } {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays.indexOf(String(parts.weekday)),
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const clock = wallClock(new Date(instant), timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant the zone's clocks show this date and time. Days may overflow (day 32 is the 1st of the
 * next month). In a DST gap the time moves forward by the gap, as clocks do.
 */
export function zonedTime(timeZone: string, date: { year: number; month: number; day: number }, hour: number, minute = 0): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}

/** When a snooze of this duration, started now, ends. */
export function snoozeUntil(duration: SnoozeDuration, timeZone: string, now = new Date()): Date {
  const zone = knownTimeZone(timeZone);
  const today = wallClock(now, zone);
  const inDays = (days: number) => ({ year: today.year, month: today.month, day: today.day + days });
  if (typeof duration === 'object') return new Date(now.getTime() + duration.hours * 3_600_000);
  switch (duration) {
    case 'later_today': {
      const inThreeHours = new Date(now.getTime() + 3 * 3_600_000);
      const evening = zonedTime(zone, inDays(0), 18);
      return evening > now && evening < inThreeHours ? evening : inThreeHours;
    }
    case 'tomorrow':
      return zonedTime(zone, inDays(1), 9);
    case 'next_week': {
      const daysToMonday = ((8 - today.weekday) % 7) || 7;
      return zonedTime(zone, inDays(daysToMonday), 9);
    }
  }
}

const dayNumber = (clock: { year: number; month: number; day: number }) => Date.UTC(clock.year, clock.month - 1, clock.day) / 86_400_000;
const twoDigits = (value: number) => String(value).padStart(2, '0');
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "today 18:00", "tomorrow 09:00", "Monday 13 January 09:00": as the workspace's clocks will show it. */
export function describeTime(instant: Date, timeZone: string, now = new Date()): string {
  const zone = knownTimeZone(timeZone);
  const at = wallClock(instant, zone);
  const time = `${twoDigits(at.hour)}:${twoDigits(at.minute)}`;
  const days = dayNumber(at) - dayNumber(wallClock(now, zone));
  if (days === 0) return `today ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  return `${weekdayNames[at.weekday]} ${at.day} ${months[at.month - 1]} ${time}`;
}
