import type { OfficeHours } from '@frontdesk/api-types';

function nowIn(timezone: string, at: Date): { day: number; time: string } | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
    return day < 0 ? undefined : { day, time: `${part('hour')}:${part('minute')}` };
  } catch {
    return undefined; // An unknown time zone: say nothing rather than guess.
  }
}

/** Whether the office is open now in its time zone; null without office hours (the server's `office_open`). */
export function officeOpen(hours: OfficeHours | null, at = new Date()): boolean | null {
  if (!hours) return null;
  const now = nowIn(hours.timezone, at);
  if (!now) return null;
  return hours.intervals.some((interval) => interval.day === now.day && interval.start <= now.time && now.time < interval.end);
}
