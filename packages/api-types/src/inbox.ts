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

/**
 * An inbox in the sidebar. Ids: "mine" (assigned to me), "mentions" (conversations in which I was
 * mentioned in a note), "unassigned" (no teammate and no team), "all", "team:<id>" (assigned to that
 * team; listed for every team with `access_all_conversations`, else for the teammate's own teams),
 * "view:<id>" (a saved view). Every view is further limited to the conversations the teammate may see.
 */
export interface InboxView {
  id: string;
  name: string;
  kind: 'mine' | 'mentions' | 'unassigned' | 'all' | 'team' | 'saved';
  /**
   * Open conversations in it (a saved view with a `state` filter: conversations in that state); for
   * "mentions": conversations with a mention of me I have not read yet (any state). Counted up to
   * 1000 — show "1000+" at the cap.
   */
  count: number;
  filters?: ViewFilters;
}
/** GET /app-api/inbox/views */
export interface InboxViewList {
  views: InboxView[];
}
/**
 * POST /app-api/inbox/views {name, filters} → 201 InboxView; PUT /app-api/inbox/views/:id {name?, filters?}
 * → InboxView; DELETE → 204 (`:id` is "view:<id>" or "<id>"). Saved views belong to the workspace.
 * Filters are checked (400 naming the filter: unknown teammate, team, tag, contact field or operator).
 */
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
 * Keyset pagination: `next` is an opaque cursor, null on the last page (a cursor is valid for its sort only).
 * Defaults: view "all", sort "newest", per_page 25 (≤ 100), state: the saved view's `state` filter, else "open"
 * (an explicit `state` wins over the view's). Sorts: newest = updated_at desc; oldest = created_at asc;
 * waiting_longest = waiting_since asc, conversations nobody waits on last; priority = priority first, then
 * updated_at desc.
 */
export interface ConversationPage {
  conversations: ConversationSummary[];
  next: string | null;
  /** How many match (view + state), counted up to 1000 ("1000+") when the first page is read; later pages repeat it. */
  total: number;
  /**
   * The teammate stream's number when the page was read (the Inbox follows the stream from there with
   * `subscribe_inbox {after}`, and skips frames the page already reflects). Optional: without it the
   * Inbox uses the largest `stream_seq` of the rows.
   */
  stream_seq?: number;
}

/**
 * A part of the transcript: messages (`comment`, `quick_reply`), notes (`note`) and the inline history,
 * which alone carries `event`: `assignment` (assigned_to: the teammate or team, null = unassigned),
 * `snoozed` (snoozed_until), `unsnoozed`, `open`, `close`, `priority_changed` (details {priority}),
 * `tag_added` / `tag_removed` (details {tag: {id, name}}), `conversation_attribute_updated_by_admin`
 * (details {attribute: {name}, value: {name}}), `title_changed` (details {title}).
 */
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
 * POST /app-api/attachments — a teammate uploads a file (permission `reply`): the body is the file, its
 * type in Content-Type, its name URI-encoded in X-File-Name; any type but programs and scripts, ≤ 20 MB
 * (413 beyond, 415 for a refused type) → 201 InboxAttachment. Only plain images are served inline.
 */
export interface InboxAttachment {
  id: string;
  url: string;
  name: string;
  content_type: string;
  size: number;
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
 * `reply` needs permission `reply` (403). `attachment_ids` name the teammate's own uploads. A mention
 * appends `conversation.mentioned` {teammate_ids} to the conversation's stream (realtime `data`). An
 * agent who assigns a conversation away from their teams still gets the answer (then it is hidden).
 */
export interface ReplyRequest {
  body: string;
  attachment_ids?: string[];
  note?: boolean;
}

/**
 * GET /app-api/search?q=<text>&limit=10 (≤ 50 per kind) — PostgreSQL full-text search with ranking and
 * highlights: every word must match, the last one as a prefix (results while typing). Conversations the
 * teammate may not see are left out; contacts (archived ones aside) and companies are not team-scoped.
 */
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
/** GET /app-api/saved-replies (sorted by name). Reading needs a session; writing needs permission `reply`. */
export interface SavedReplyList {
  saved_replies: SavedReply[];
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
/** GET /app-api/macros (sorted by name). Reading and previewing need a session; writing and running need `reply`. */
export interface MacroList {
  macros: Macro[];
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

/** GET /app-api/contacts/:id — the Inbox's contact sidebar and contact page. PUT {name?, email?, phone?, custom_attributes?} edits (permission `reply`). */
export interface ContactProfile {
  id: string;
  role: 'user' | 'lead';
  external_id: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  avatar: string | null;
  created_at: number;
  last_seen_at: number | null;
  custom_attributes: Record<string, string | number | boolean | null>;
  companies: { id: string; company_id: string; name: string }[];
  tags: TagSummary[];
  /** The newest 10 data events. */
  recent_events: { name: string; created_at: number; metadata: Record<string, unknown> }[];
  /** The newest 10 conversations the contact takes part in (visible to the teammate). */
  conversations: { id: string; title: string | null; state: ConversationState; updated_at: number }[];
  notes: { id: string; body: string; author: PersonSummary | null; created_at: number }[];
}
