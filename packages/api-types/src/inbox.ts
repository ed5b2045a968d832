/**
 * The Inbox's conversation API (`/app-api/inbox`, `/app-api/search`, `/app-api/saved-replies`,
 * `/app-api/macros`, `/app-api/contacts`): session-authenticated, CSRF on writes, errors in the envelope.
 * Every conversation endpoint applies the teammate's visibility: without `access_all_conversations`, a
 * conversation assigned to a team they are not in answers 404 and is left out of every list and count.
 */
import type { LiveConversation, LivePart } from './messenger.ts';

export type ConversationState = 'open' | 'snoozed' | 'closed';
export type ConversationSort = 'newest' | 'oldest' | 'waiting_longest' | 'priority';

/** Filters of a saved view (all optional; combined with AND). */
export interface ViewFilters {
  state?: ConversationState;
  /** Teammate id, "me", or "none" (unassigned to a teammate). */
  admin_assignee_id?: string;
  /** Team id or "none". */
  team_assignee_id?: string;
  tag_id?: string;
  priority?: boolean;
  /** Contact attribute conditions: built-in fields (email, name, role, …) or custom_attributes.<name>. */
  contact?: { field: string; operator: '=' | '!=' | '~' | '^'; value: string }[];
}

/** An inbox in the sidebar. Ids: "mine", "mentions", "unassigned", "all", "team:<id>", "view:<id>". */
export interface InboxView {
  id: string;
  name: string;
  kind: 'mine' | 'mentions' | 'unassigned' | 'all' | 'team' | 'saved';
  /** Open conversations in it (for "mentions": unread mentions). */
  count: number;
  filters?: ViewFilters;
}
/** GET /app-api/inbox/views */
export interface InboxViewList {
  views: InboxView[];
}
/** POST /app-api/inbox/views {name, filters} → InboxView; PUT /app-api/inbox/views/:id; DELETE → 204. Saved views belong to the workspace. */
export interface SavedViewInput {
  name: string;
  filters: ViewFilters;
}

export interface PersonSummary {
  id: string;
  type: 'admin' | 'user' | 'lead' | 'team';
  name: string | null;
  email: string | null;
  avatar: string | null;
}

export interface TagSummary {
  id: string;
  name: string;
}

/** A row of the conversation list. */
export interface ConversationSummary extends LiveConversation {
  title: string | null;
  created_at: number;
  contact: PersonSummary | null;
  admin_assignee: PersonSummary | null;
  team_assignee: PersonSummary | null;
  /** The last message (comment) of either side, as plain text (≤ 200 characters). */
  last_message: { text: string; author_type: 'admin' | 'user' | 'lead' | 'bot'; created_at: number } | null;
  tags: TagSummary[];
  /** The teammate stream number up to which this row is current (compare with live frames). */
  stream_seq: number;
}

/**
 * GET /app-api/inbox/conversations?view=<id>&state=open|snoozed|closed&sort=<ConversationSort>&cursor=<next>&per_page=25
 * Keyset pagination: `next` is an opaque cursor, null on the last page.
 */
export interface ConversationPage {
  conversations: ConversationSummary[];
  next: string | null;
  /** How many match (view + state). */
  total: number;
}

/** A part of the transcript: messages, notes and the inline history (assigned, closed, tagged, …). */
export interface TranscriptPart extends LivePart {
  /** Assignment target, snooze time, tag, attribute change… for history parts. */
  event?: { assigned_to?: PersonSummary | null; snoozed_until?: number | null; details?: Record<string, unknown> | null };
}

/** GET /app-api/inbox/conversations/:id */
export interface ConversationDetail {
  conversation: ConversationSummary;
  /** Oldest first; the opening message first. */
  parts: TranscriptPart[];
  contacts: PersonSummary[];
  custom_attributes: Record<string, string | number | boolean | null>;
  /** The conversation stream's number when read: subscribe with {type:'subscribe', after: seq}. */
  seq: number;
  /** When the visitor last saw the conversation (seen receipts), or null. */
  contact_seen_at: number | null;
}

/**
 * Actions (each answers the new ConversationDetail; 404 when hidden or missing):
 * POST /app-api/inbox/conversations/:id/reply  {body, attachment_ids?, note?: boolean}
 *   A note's body may mention teammates as `<span data-mention="<teammate id>">@Name</span>`: each
 *   mentioned teammate gets a mention (the "Mentions" inbox, a `conversation.mentioned` event).
 * POST /app-api/inbox/conversations/:id/assign  {admin_id?: string|null, team_id?: string|null}
 * POST /app-api/inbox/conversations/:id/snooze  {until: number}   (Unix seconds, future)
 * POST /app-api/inbox/conversations/:id/close   {}
 * POST /app-api/inbox/conversations/:id/open    {}
 * POST /app-api/inbox/conversations/:id/priority {priority: boolean}
 * POST /app-api/inbox/conversations/:id/tags    {tag_id?: string, name?: string}  (name creates the tag)
 * DELETE /app-api/inbox/conversations/:id/tags/:tag_id
 * PUT  /app-api/inbox/conversations/:id/attributes {custom_attributes: {...}}
 * POST /app-api/inbox/conversations/:id/read    {}  (marks read; mentions in it seen)
 */
export interface ReplyRequest {
  body: string;
  attachment_ids?: string[];
  note?: boolean;
}

/** GET /app-api/search?q=<text>&limit=10 — PostgreSQL full-text search with ranking and highlights. */
export interface SearchResults {
  conversations: { id: string; title: string | null; contact: PersonSummary | null; state: ConversationState; snippet: string; updated_at: number }[];
  contacts: { id: string; name: string | null; email: string | null; role: 'user' | 'lead'; snippet: string }[];
  companies: { id: string; name: string; snippet: string }[];
}
/** Snippets are HTML with matches wrapped in <mark>…</mark> and everything else escaped. */

/** Saved replies: GET/POST /app-api/saved-replies, PUT/DELETE /app-api/saved-replies/:id. */
export interface SavedReply {
  id: string;
  name: string;
  /** Typed after "/" or "#" in the composer to find it. */
  shortcut: string | null;
  /** HTML with placeholders like {{contact.first_name}} or {{contact.first_name | "there"}}. */
  body: string;
  updated_at: number;
}
export interface SavedReplyInput {
  name: string;
  shortcut?: string | null;
  body: string;
}
/** POST /app-api/saved-replies/:id/render {conversation_id} → {body} with placeholders filled. */
export interface RenderedReply {
  body: string;
}

export type MacroAction =
  | { type: 'add_tag'; tag_id: string }
  | { type: 'assign'; admin_id?: string | null; team_id?: string | null }
  | { type: 'set_priority'; priority: boolean }
  | { type: 'snooze'; duration: 'later_today' | 'tomorrow' | 'next_week' | { hours: number } }
  | { type: 'close' };

/** Macros: GET/POST /app-api/macros, PUT/DELETE /app-api/macros/:id. */
export interface Macro {
  id: string;
  name: string;
  /** Optional reply (placeholders as in saved replies). */
  body: string | null;
  /** Sent as a note instead of a reply. */
  note: boolean;
  actions: MacroAction[];
  updated_at: number;
}
export interface MacroInput {
  name: string;
  body?: string | null;
  note?: boolean;
  actions: MacroAction[];
}
/**
 * POST /app-api/macros/:id/preview {conversation_id} → MacroPreview (nothing applied).
 * POST /app-api/macros/:id/run {conversation_id} → ConversationDetail (reply then actions, in order).
 */
export interface MacroPreview {
  body: string | null;
  note: boolean;
  /** Human sentences, e.g. "Assign to Billing", "Snooze until tomorrow 9:00". */
  actions: string[];
}
