import type { ConversationPage, ConversationSort, ConversationState, ConversationSummary, InboxView, LiveConversation, ServerFrame } from '@frontdesk/api-types';
import { compareRows } from './conversation-order.ts';
import { belongsTo } from './view-rule.ts';

type EventFrame = Extract<ServerFrame, { type: 'event' }>;

/** The rows loaded so far for one view, tab and sort. */
export interface ListState {
  rows: ConversationSummary[];
  /** Cursor of the next page (null: everything is loaded). */
  next: string | null;
  total: number;
  /** The teammate stream number the loaded pages are current to: older frames are already in them. */
  seq: number;
  /**
   * Per row, the conversation's highest event number applied (previews carry no stream number and
   * may arrive out of order: an older event then only brings its message).
   */
  seqs: Record<string, number>;
}

export interface ListContext {
  view: Pick<InboxView, 'id' | 'kind' | 'filters'>;
  tab: ConversationState;
  sort: ConversationSort;
  me: string;
}

/** What a frame asks of the list besides the new state: a row from the server, or the first page again. */
export type FollowUp = 'none' | 'fetch-row' | 'refetch';

/** Text of a part body for the preview (rendered as text: tags are dropped, entities read). */
export function previewText(html: string | null): string {
  if (!html) return '';
  const text = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|li|div|blockquote|h[1-6])>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (_whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower[0] === '#') {
        const code = lower[1] === 'x' ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[lower] ?? ' ';
    });
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The stream number a page is current to. */
export function pageSeq(page: ConversationPage): number {
  return page.stream_seq ?? page.conversations.reduce((highest, row) => Math.max(highest, row.stream_seq), 0);
}

function sorted(rows: ConversationSummary[], sort: ConversationSort): ConversationSummary[] {
  return [...rows].sort(compareRows(sort));
}

/** Whether `row` falls inside what is loaded: after the last loaded row is the next page's business. */
function withinLoaded(state: ListState, row: ConversationSummary, sort: ConversationSort): boolean {
  const last = state.rows.at(-1);
  return state.next === null || last === undefined || compareRows(sort)(row, last) <= 0;
}

/** The newer of two copies of a row (by the stream number each is current to). */
function newer(a: ConversationSummary, b: ConversationSummary): ConversationSummary {
  return b.stream_seq > a.stream_seq ? b : a;
}

/** Adds a further page (keyset paging); rows already there keep the newer copy. */
export function appendPage(state: ListState, page: ConversationPage, sort: ConversationSort): ListState {
  const byId = new Map(state.rows.map((row) => [row.id, row]));
  for (const row of page.conversations) {
    const known = byId.get(row.id);
    byId.set(row.id, known ? newer(known, row) : row);
  }
  return { ...state, rows: sorted([...byId.values()], sort), next: page.next, total: page.total, seq: Math.max(state.seq, pageSeq(page)) };
}

/**
 * The first page read again (after a change the browser could not place): it replaces the top of the
 * list; rows loaded from further pages stay if they still sort after it.
 */
export function mergeFirstPage(state: ListState | undefined, page: ConversationPage, sort: ConversationSort): ListState {
  const seq = Math.max(state?.seq ?? 0, pageSeq(page));
  if (!state) return { rows: sorted(page.conversations, sort), next: page.next, total: page.total, seq, seqs: {} };
  const known = new Map(state.rows.map((row) => [row.id, row]));
  const fresh = new Map(page.conversations.map((row) => [row.id, row]));
  const last = page.conversations.at(-1);
  const compare = compareRows(sort);
  const readAt = pageSeq(page);
  // Rows changed by frames newer than the page keep their live copy and place.
  const top = page.conversations.map((row) => {
    const live = known.get(row.id);
    return live ? newer(row, live) : row;
  });
  const kept = state.rows.filter((row) => {
    if (fresh.has(row.id)) return false;
    if (row.stream_seq > readAt) return true;
    return page.next !== null && last !== undefined && compare(row, last) > 0;
  });
  const loadedMore = page.next !== null && kept.some((row) => last !== undefined && compare(row, last) > 0);
  return { rows: sorted([...top, ...kept], sort), next: loadedMore ? state.next : page.next, total: page.total, seq, seqs: state.seqs };
}

/** What a frame says of a conversation (anything else on it is not the row's business). */
const liveKeys = ['state', 'read', 'priority', 'admin_assignee_id', 'team_assignee_id', 'contact_ids', 'waiting_since', 'snoozed_until', 'updated_at'] as const;

/** The message a frame brings, as the row's preview. */
function lastMessageOf(frame: EventFrame): ConversationSummary['last_message'] | undefined {
  const part = frame.part;
  if (part?.part_type !== 'comment') return undefined;
  const author = part.author.type === 'team' ? 'admin' : part.author.type;
  return { text: previewText(part.body) || (part.attachments.length ? 'Sent an attachment' : ''), author_type: author, created_at: part.created_at };
}

function patchRow(row: ConversationSummary, frame: EventFrame): ConversationSummary {
  const live: Partial<LiveConversation> = {};
  for (const key of liveKeys) {
    const value = frame.conversation?.[key];
    if (value !== undefined) Object.assign(live, { [key]: value });
  }
  const patched: ConversationSummary = { ...row, ...live, stream_seq: frame.stream_seq ?? row.stream_seq };
  // Assignees are shown by name: when the id moved, the old name is wrong (the row is fetched again).
  if (live.admin_assignee_id !== undefined && live.admin_assignee_id !== row.admin_assignee?.id) patched.admin_assignee = null;
  if (live.team_assignee_id !== undefined && live.team_assignee_id !== row.team_assignee?.id) patched.team_assignee = null;
  const message = lastMessageOf(frame);
  if (message) patched.last_message = message;
  return patched;
}

/** Changes shown in the row that the frame does not carry (names, tags): the row is read again. */
function needsFetch(before: ConversationSummary, after: ConversationSummary, frame: EventFrame): boolean {
  if (frame.name.startsWith('conversation.tag.')) return true;
  return (after.admin_assignee_id !== null && after.admin_assignee === null) || (after.team_assignee_id !== null && after.team_assignee === null) || before.contact_ids.join() !== after.contact_ids.join();
}

/**
 * Applies one teammate-stream frame to the list: updates, moves, removes the row, or says what to ask
 * the server. Frames the page already reflects (by stream number) change nothing.
 */
export function applyFrame(state: ListState, frame: EventFrame, context: ListContext): { state: ListState; followUp: FollowUp } {
  const index = state.rows.findIndex((row) => row.id === frame.conversation_id);
  const existing = index >= 0 ? state.rows[index] : undefined;
  if (existing && frame.stream_seq !== undefined && frame.stream_seq <= existing.stream_seq) return { state, followUp: 'none' };

  if (!frame.conversation || frame.name === 'conversation.deleted') {
    if (!existing) return { state, followUp: 'none' };
    return { state: { ...state, rows: state.rows.filter((row) => row !== existing), total: Math.max(0, state.total - 1) }, followUp: 'none' };
  }

  if (!existing) {
    if (frame.stream_seq !== undefined && frame.stream_seq <= state.seq) return { state, followUp: 'none' };
    const verdict = belongsTo(context.view, context.tab, frame.conversation, context.me);
    if (verdict === false) return { state, followUp: 'none' };
    return { state, followUp: verdict === true ? 'fetch-row' : 'refetch' };
  }

  const applied = state.seqs[existing.id] ?? 0;
  if (frame.seq <= applied) {
    // Late or repeated: the row is newer already; only a newer message than the one shown is taken.
    const message = lastMessageOf(frame);
    if (!message || (existing.last_message && existing.last_message.created_at > message.created_at) || frame.seq === applied) return { state, followUp: 'none' };
    const rows = state.rows.map((row) => (row === existing ? { ...row, last_message: message } : row));
    return { state: { ...state, rows }, followUp: 'none' };
  }
  const seqs = { ...state.seqs, [existing.id]: frame.seq };
  const patched = patchRow(existing, frame);
  const verdict = belongsTo(context.view, context.tab, patched, context.me);
  if (verdict === false) {
    return { state: { ...state, rows: state.rows.filter((row) => row !== existing), total: Math.max(0, state.total - 1), seqs }, followUp: 'none' };
  }
  const rows = state.rows.map((row) => (row === existing ? patched : row));
  const next: ListState = { ...state, rows: sorted(rows, context.sort), seqs };
  // A row that now sorts past the loaded ones (the next cursor stands at the last row as loaded) leaves
  // the list: the next page will bring it.
  if (!withinLoaded(state, patched, context.sort)) next.rows = next.rows.filter((row) => row !== patched);
  const followUp: FollowUp = verdict === 'unknown' ? 'refetch' : needsFetch(existing, patched, frame) ? 'fetch-row' : 'none';
  return { state: next, followUp };
}

/**
 * The conversation moved out of this teammate's sight (`conversation_hidden`): its row leaves the
 * list, unless the row was read after that (it came back into sight since).
 */
export function hideConversation(state: ListState, frame: Extract<ServerFrame, { type: 'conversation_hidden' }>): ListState {
  const existing = state.rows.find((row) => row.id === frame.conversation_id);
  if (!existing || (frame.stream_seq !== undefined && frame.stream_seq <= existing.stream_seq)) return state;
  return { ...state, rows: state.rows.filter((row) => row !== existing), total: Math.max(0, state.total - 1) };
}

/** A row read from the server (a newcomer, or one whose names changed): placed, replaced or left out. */
export function placeRow(state: ListState, row: ConversationSummary, context: ListContext, seq?: number): ListState {
  const existing = state.rows.find((candidate) => candidate.id === row.id);
  if (existing && existing.stream_seq > row.stream_seq) return state;
  if (seq !== undefined && (state.seqs[row.id] ?? 0) > seq) return state;
  if (seq !== undefined) state = { ...state, seqs: { ...state.seqs, [row.id]: seq } };
  const others = state.rows.filter((candidate) => candidate.id !== row.id);
  const verdict = belongsTo(context.view, context.tab, row, context.me);
  if (verdict === false) {
    return existing ? { ...state, rows: others, total: Math.max(0, state.total - 1) } : state;
  }
  if (!withinLoaded(state, row, context.sort)) return existing ? { ...state, rows: others } : state;
  return { ...state, rows: sorted([...others, row], context.sort), total: existing ? state.total : state.total + 1 };
}
