const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Formats API timestamps (Unix seconds). */
export function formatTime(seconds: number | null): string {
  return seconds === null ? 'Never' : dateTime.format(new Date(seconds * 1000));
}

export const roleLabels = { owner: 'Owner', admin: 'Admin', agent: 'Agent' } as const;
