import { describe, expect, it } from 'vitest';
import { describeTime, snoozeUntil } from './snooze-time.ts';

const at = (iso: string) => new Date(iso);

describe('snooze durations in the workspace time zone', () => {
  it('later today is three hours on, or 18:00 when that comes first', () => {
    expect(snoozeUntil('later_today', 'Europe/Paris', at('2025-01-13T09:00:00Z')).toISOString()).toBe('2025-01-13T12:00:00.000Z');
    expect(snoozeUntil('later_today', 'Europe/Paris', at('2025-01-13T16:00:00Z')).toISOString()).toBe('2025-01-13T17:00:00.000Z');
    expect(snoozeUntil('later_today', 'Europe/Paris', at('2025-01-13T20:00:00Z')).toISOString()).toBe('2025-01-13T23:00:00.000Z');
  });

  it('tomorrow is 09:00 on the next day there, across daylight-saving changes', () => {
    expect(snoozeUntil('tomorrow', 'Europe/Paris', at('2025-01-13T22:30:00Z')).toISOString()).toBe('2025-01-14T08:00:00.000Z');
    expect(snoozeUntil('tomorrow', 'America/New_York', at('2025-03-08T14:00:00Z')).toISOString()).toBe('2025-03-09T13:00:00.000Z');
    expect(snoozeUntil('tomorrow', 'Asia/Kolkata', at('2025-01-12T20:00:00Z')).toISOString()).toBe('2025-01-14T03:30:00.000Z');
  });

  it('next week is the next Monday 09:00 (a week on from a Monday)', () => {
    expect(snoozeUntil('next_week', 'Europe/Paris', at('2025-01-15T10:00:00Z')).toISOString()).toBe('2025-01-20T08:00:00.000Z');
    expect(snoozeUntil('next_week', 'Europe/Paris', at('2025-01-13T10:00:00Z')).toISOString()).toBe('2025-01-20T08:00:00.000Z');
    expect(snoozeUntil('next_week', 'Europe/Paris', at('2025-01-19T22:00:00Z')).toISOString()).toBe('2025-01-20T08:00:00.000Z');
  });

  it('hours are counted from now; an unknown zone counts as UTC', () => {
    expect(snoozeUntil({ hours: 5 }, 'Europe/Paris', at('2025-01-13T09:00:00Z')).toISOString()).toBe('2025-01-13T14:00:00.000Z');
    expect(snoozeUntil('tomorrow', 'Mars/Olympus', at('2025-01-13T09:00:00Z')).toISOString()).toBe('2025-01-14T09:00:00.000Z');
  });

  it('describes times as the workspace clocks show them', () => {
    const now = at('2025-01-13T16:00:00Z');
    expect(describeTime(at('2025-01-13T17:00:00Z'), 'Europe/Paris', now)).toBe('today 18:00');
    expect(describeTime(at('2025-01-14T08:00:00Z'), 'Europe/Paris', now)).toBe('tomorrow 09:00');
    expect(describeTime(at('2025-01-20T08:00:00Z'), 'Europe/Paris', now)).toBe('Monday 20 January 09:00');
  });
});
