import type { StoredEvent } from '../../platform/events/outbox.ts';

/** Intercom's webhook topics this server sends (reference §(e)); `ping` is always subscribed. */
export const supportedTopics = [
  'conversation.user.created',
  'conversation.user.replied',
  'conversation.admin.single.created',
  'conversation.admin.replied',
  'conversation.admin.noted',
  'conversation.admin.assigned',
  'conversation.admin.closed',
  'conversation.admin.opened',
  'conversation.admin.snoozed',
  'conversation.admin.unsnoozed',
  'conversation.operator.replied',
  'conversation.priority.updated',
  'conversation.contact.attached',
  'conversation.contact.detached',
  'conversation.read',
  'conversation.deleted',
  'conversation_part.tag.created',
  'contact.user.created',
  'contact.lead.created',
  'contact.user.updated',
  'contact.lead.updated',
  'contact.deleted',
  'contact.merged',
  'contact.lead.signed_up',
  'contact.user.tag.created',
  'contact.user.tag.deleted',
  'contact.lead.tag.created',
  'contact.lead.tag.deleted',
  'company.created',
  'company.updated',
  'company.deleted',
  'company.contact.attached',
  'company.contact.detached',
  'event.created',
  'ping',
] as const;

export type Topic = (typeof supportedTopics)[number];

const known = new Set<string>(supportedTopics);
export const isTopic = (value: string): value is Topic => known.has(value);

/** Does a subscription with these topics receive this one? */
export const subscribedTo = (topics: readonly string[], topic: string) => topic === 'ping' || topics.includes(topic);

const partTopics: Record<string, string> = {
  note: 'conversation.admin.noted',
  assignment: 'conversation.admin.assigned',
  default_assignment: 'conversation.admin.assigned',
  away_mode_assignment: 'conversation.admin.assigned',
  assign_and_reopen: 'conversation.admin.assigned',
  close: 'conversation.admin.closed',
  open: 'conversation.admin.opened',
  snoozed: 'conversation.admin.snoozed',
  unsnoozed: 'conversation.admin.unsnoozed',
};

function partTopic(payload: Record<string, unknown>): string | undefined {
  if (payload.part_type === 'comment') {
    if (payload.author_type === 'user' || payload.author_type === 'lead') return 'conversation.user.replied';
    if (payload.author_type === 'admin') return 'conversation.admin.replied';
    if (payload.author_type === 'bot') return 'conversation.operator.replied';
    return undefined;
  }
  return partTopics[String(payload.part_type)];
}

const roleOf = (payload: Record<string, unknown>) => (payload.role === 'lead' ? 'lead' : 'user');

/**
 * The topics a domain event may be announced under. Contact tag topics depend on the contact's role,
 * which the event does not carry: both are candidates here and the delivery picks one when it loads
 * the contact.
 */
export function candidateTopics(event: Pick<StoredEvent, 'type' | 'payload'>): string[] {
  const payload = event.payload;
  switch (event.type) {
    case 'conversation.created':
      return [payload.initiator === 'admin' ? 'conversation.admin.single.created' : 'conversation.user.created'];
    case 'conversation.part.created': {
      const topic = partTopic(payload);
      return topic ? [topic] : [];
    }
    case 'conversation.updated':
      return Array.isArray(payload.changes) && payload.changes.includes('priority') ? ['conversation.priority.updated'] : [];
    case 'conversation.read':
    case 'conversation.deleted':
    case 'conversation.contact.attached':
    case 'conversation.contact.detached':
      return [event.type];
    case 'conversation.tag.created':
      return ['conversation_part.tag.created'];
    case 'contact.created':
      return [`contact.${roleOf(payload)}.created`];
    case 'contact.updated':
      return [`contact.${roleOf(payload)}.updated`];
    case 'contact.deleted':
    case 'contact.merged':
      return [event.type];
    case 'contact.signed_up':
      return ['contact.lead.signed_up'];
    case 'contact.tag.created':
      return ['contact.user.tag.created', 'contact.lead.tag.created'];
    case 'contact.tag.deleted':
      return ['contact.user.tag.deleted', 'contact.lead.tag.deleted'];
    case 'company.created':
    case 'company.updated':
    case 'company.deleted':
    case 'company.contact.attached':
    case 'company.contact.detached':
      return [event.type];
    case 'data_event.created':
      return ['event.created'];
    default:
      return [];
  }
}
