import type { TranscriptPart } from '@frontdesk/api-types';
import { shortTime } from '../times.ts';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const get = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);

export function authorName(part: TranscriptPart): string {
  if (part.author.name) return part.author.name;
  if (part.author.type === 'bot') return 'Frontdesk';
  if (part.author.type === 'user' || part.author.type === 'lead') return 'The customer';
  return 'A teammate';
}

/** One line of the conversation's history: "Olivia assigned to Billing", "Snoozed until Mon 9:00". */
export function historyText(part: TranscriptPart): string {
  const who = authorName(part);
  const details = part.event?.details ?? null;
  switch (part.part_type) {
    case 'assignment': {
      const target = part.event?.assigned_to;
      if (!target && get(details, 'reason') === 'away_mode') return 'The customer replied while the teammate was away: unassigned';
      if (!target) return `${who} unassigned the conversation`;
      if (target.type === 'admin' && target.id === part.author.id) return `${who} assigned the conversation to themselves`;
      return `${who} assigned to ${target.name ?? (target.type === 'team' ? 'a team' : 'a teammate')}`;
    }
    case 'close':
      return `${who} closed the conversation`;
    case 'open':
      return `${who} reopened the conversation`;
    case 'snoozed': {
      const until = part.event?.snoozed_until;
      return until ? `${who} snoozed until ${shortTime(until)}` : `${who} snoozed the conversation`;
    }
    case 'unsnoozed':
      return 'The snooze ended: the conversation is open again';
    case 'priority_changed':
      return get(details, 'priority') === 'not_priority' ? `${who} removed the priority` : `${who} marked as priority`;
    case 'title_changed': {
      const title = str(get(details, 'title'));
      return title ? `${who} renamed the conversation “${title}”` : `${who} renamed the conversation`;
    }
    case 'conversation_attribute_updated_by_admin': {
      const name = str(get(details, 'attribute', 'name')) ?? 'an attribute';
      const value = get(details, 'value', 'name');
      return value === null || value === undefined ? `${who} cleared ${name}` : `${who} set ${name} to ${String(value)}`;
    }
    case 'participant_added':
      return `${who} added a participant`;
    case 'participant_removed':
      return `${who} removed a participant`;
    default: {
      const tag = str(get(details, 'tag', 'name')) ?? str(get(details, 'tag_name'));
      if (tag) return /untag|removed/.test(part.part_type) ? `${who} removed the tag ${tag}` : `${who} tagged ${tag}`;
      return `${who}: ${part.part_type.replaceAll('_', ' ')}`;
    }
  }
}
