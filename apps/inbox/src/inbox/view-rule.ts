import type { ConversationState, InboxView, LiveConversation, TagSummary, ViewFilters } from '@frontdesk/api-types';

/** What the list knows of a conversation when a frame arrives: the live state, and tags if it is listed. */
export interface KnownConversation extends Partial<LiveConversation> {
  id: string;
  tags?: TagSummary[];
}

/** true or false when the browser can tell; 'unknown' when only the server can (mentions, contact filters). */
export type Verdict = boolean | 'unknown';

/** The filters a built-in inbox stands for (the server may also send them with the view). */
export function filtersOf(view: Pick<InboxView, 'id' | 'kind' | 'filters'>): ViewFilters | 'mentions' {
  if (view.filters) return view.filters;
  switch (view.kind) {
    case 'mine':
      return { admin_assignee_id: 'me' };
    case 'unassigned':
      // Nobody and no team owns it yet.
      return { admin_assignee_id: 'none', team_assignee_id: 'none' };
    case 'team':
      return { team_assignee_id: view.id.replace(/^team:/, '') };
    case 'mentions':
      return 'mentions';
    default:
      return {};
  }
}

function and(a: Verdict, b: Verdict): Verdict {
  if (a === false || b === false) return false;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return true;
}

function matchesPerson(wanted: string | undefined, actual: string | null | undefined, me: string): Verdict {
  if (wanted === undefined) return true;
  if (actual === undefined) return 'unknown';
  if (wanted === 'none') return actual === null;
  return actual === (wanted === 'me' ? me : wanted);
}

/**
 * Whether a conversation belongs in a view's tab (the state tab overrides a view's own state filter,
 * as the list endpoint does). Used to place live updates without asking the server each time.
 */
export function belongsTo(view: Pick<InboxView, 'id' | 'kind' | 'filters'>, tab: ConversationState, conversation: KnownConversation, me: string): Verdict {
  if (conversation.state === undefined) return 'unknown';
  let verdict: Verdict = conversation.state === tab;
  const filters = filtersOf(view);
  if (filters === 'mentions') return and(verdict, 'unknown');
  verdict = and(verdict, matchesPerson(filters.admin_assignee_id, conversation.admin_assignee_id, me));
  verdict = and(verdict, matchesPerson(filters.team_assignee_id, conversation.team_assignee_id, me));
  if (filters.priority !== undefined) {
    verdict = and(verdict, conversation.priority === undefined ? 'unknown' : (conversation.priority === 'priority') === filters.priority);
  }
  if (filters.tag_id !== undefined) {
    verdict = and(verdict, conversation.tags ? conversation.tags.some((tag) => tag.id === filters.tag_id) : 'unknown');
  }
  if (filters.contact?.length) verdict = and(verdict, 'unknown');
  return verdict;
}
