import { describe, expect, test } from 'vitest';
import { officeOpen } from './office-status.ts';

const hours = { timezone: 'Europe/Paris', intervals: [{ day: 1, start: '09:00', end: '17:00' }] };

describe('whether the office is open, as the preview tells visitors', () => {
  test('inside an interval in the office time zone', () => {
    // Monday 13 January 2025, 08:30 UTC = 09:30 in Paris.
    expect(officeOpen(hours, new Date(Date.UTC(2025, 0, 13, 8, 30)))).toBe(true);
  });
  test('before opening and on another day', () => {
    expect(officeOpen(hours, new Date(Date.UTC(2025, 0, 13, 7, 30)))).toBe(false);
    expect(officeOpen(hours, new Date(Date.UTC(2025, 0, 14, 9, 0)))).toBe(false);
  });
  test('no office hours, or an unknown time zone: nothing to say', () => {
    expect(officeOpen(null)).toBeNull();
    expect(officeOpen({ ...hours, timezone: 'Mars/Olympus' })).toBeNull();
  });
});
