import type { ConversationSort, ConversationSummary } from '@frontdesk/api-types';

type Row = Pick<ConversationSummary, 'id' | 'updated_at' | 'waiting_since' | 'priority' | 'created_at'>;

const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The list's order for each sort, as the server pages it: newest by last activity, oldest by creation,
 * waiting longest by how long the customer has waited (conversations nobody waits on last), priority
 * first then newest. Ties fall back on the id, in the sort's direction, as the server's keyset does.
 */
export function compareRows(sort: ConversationSort): (a: Row, b: Row) => number {
  switch (sort) {
    case 'oldest':
      return (a, b) => a.created_at - b.created_at || byId(a, b);
    case 'waiting_longest':
      return (a, b) => (a.waiting_since ?? Number.POSITIVE_INFINITY) - (b.waiting_since ?? Number.POSITIVE_INFINITY) || byId(a, b);
    case 'priority':
      return (a, b) => Number(b.priority === 'priority') - Number(a.priority === 'priority') || b.updated_at - a.updated_at || byId(b, a);
    default:
      return (a, b) => b.updated_at - a.updated_at || byId(b, a);
  }
}

export const sortLabels: Record<ConversationSort, string> = {
  newest: 'Newest',
  oldest: 'Oldest',
  waiting_longest: 'Waiting longest',
  priority: 'Priority first',
};
