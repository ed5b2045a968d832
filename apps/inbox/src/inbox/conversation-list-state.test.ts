import type { ConversationPage, ConversationSummary, ServerFrame } from '@frontdesk/api-types';
import { describe, expect, test } from 'vitest';
import { appendPage, applyFrame, hideConversation, type ListContext, mergeFirstPage, placeRow, previewText } from './conversation-list-state.ts';

type EventFrame = Extract<ServerFrame, { type: 'event' }>;

const me = '7';
const unassigned: ListContext = { view: { id: 'unassigned', kind: 'unassigned' }, tab: 'open', sort: 'newest', me };
const mine: ListContext = { view: { id: 'mine', kind: 'mine' }, tab: 'open', sort: 'newest', me };

function row(id: string, updated: number, extra: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    state: 'open',
    read: true,
    priority: 'not_priority',
    admin_assignee_id: null,
    team_assignee_id: null,
    contact_ids: ['c1'],
    waiting_since: null,
    snoozed_until: null,
    updated_at: updated,
    title: null,
    created_at: updated - 100,
    contact: { id: 'c1', type: 'user', name: 'Ada Lovelace', email: 'ada@example.com', avatar: null },
    admin_assignee: null,
    team_assignee: null,
    last_message: null,
    tags: [],
    stream_seq: 10,
    ...extra,
  };
}

function page(rows: ConversationSummary[], next: string | null = null, streamSeq = 10): ConversationPage {
  return { conversations: rows, next, total: rows.length, stream_seq: streamSeq };
}

function frame(conversationId: string, streamSeq: number, conversation: Partial<ConversationSummary>, extra: Partial<EventFrame> = {}): EventFrame {
  return {
    type: 'event',
    conversation_id: conversationId,
    seq: streamSeq,
    stream_seq: streamSeq,
    name: 'conversation.updated',
    created_at: 2000,
    conversation: { ...row(conversationId, conversation.updated_at ?? 2000), ...conversation, id: conversationId },
    ...extra,
  };
}

describe('the conversation list, kept current by the teammate stream', () => {
  const loaded = mergeFirstPage(undefined, page([row('a', 1000), row('b', 900), row('c', 800)]), 'newest');

  test('a conversation moved out of my sight (conversation_hidden) leaves the list at once', () => {
    const state = hideConversation(loaded, { type: 'conversation_hidden', conversation_id: 'b', stream_seq: 12 });
    expect(state.rows.map((r) => r.id)).toEqual(['a', 'c']);
    expect(state.total).toBe(2);
    // Unknown ids, and a row read after the move (it came back into sight), are left alone.
    expect(hideConversation(loaded, { type: 'conversation_hidden', conversation_id: 'zz' })).toBe(loaded);
    expect(hideConversation(loaded, { type: 'conversation_hidden', conversation_id: 'b', stream_seq: 9 })).toBe(loaded);
    // A preview's notice carries no number: it applies.
    expect(hideConversation(loaded, { type: 'conversation_hidden', conversation_id: 'a' }).rows.map((r) => r.id)).toEqual(['b', 'c']);
  });

  test('a customer message moves its conversation to the top, with the message as the preview', () => {
    const { state, followUp } = applyFrame(
      loaded,
      frame('c', 11, { updated_at: 1100, read: false }, {
        name: 'conversation.part.created',
        part: { id: 'p1', part_type: 'comment', body: '<p>Where is <b>my</b> order?</p>', author: { type: 'user', id: 'c1', name: 'Ada', avatar: null }, attachments: [], created_at: 1100, redacted: false },
      }),
      unassigned,
    );
    expect(state.rows.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(state.rows[0]).toMatchObject({ read: false, stream_seq: 11, last_message: { text: 'Where is my order?', author_type: 'user', created_at: 1100 } });
    expect(followUp).toBe('none');
  });

  test('a frame the page already reflects changes nothing (no duplicates, no regressions)', () => {
    const { state, followUp } = applyFrame(loaded, frame('a', 10, { state: 'closed' }), unassigned);
    expect(state).toBe(loaded);
    expect(followUp).toBe('none');
    expect(applyFrame(loaded, frame('zz', 9, {}), unassigned)).toEqual({ state: loaded, followUp: 'none' });
  });

  test('assigned to me, a conversation leaves Unassigned and is read again for Your inbox', () => {
    const assigned = frame('b', 12, { admin_assignee_id: me, updated_at: 1200 });
    const out = applyFrame(loaded, assigned, unassigned);
    expect(out.state.rows.map((r) => r.id)).toEqual(['a', 'c']);
    expect(out.state.total).toBe(2);
    const elsewhere = mergeFirstPage(undefined, page([row('x', 500, { admin_assignee_id: me })]), 'newest');
    expect(applyFrame(elsewhere, assigned, mine).followUp).toBe('fetch-row');
  });

  test('a new conversation that matches is fetched and placed; one that does not is ignored', () => {
    const created = frame('n', 13, { updated_at: 1300 }, { name: 'conversation.created' });
    expect(applyFrame(loaded, created, unassigned)).toEqual({ state: loaded, followUp: 'fetch-row' });
    expect(applyFrame(loaded, created, mine).followUp).toBe('none');
    const placed = placeRow(loaded, row('n', 1300, { stream_seq: 13 }), unassigned);
    expect(placed.rows.map((r) => r.id)).toEqual(['n', 'a', 'b', 'c']);
    expect(placed.total).toBe(4);
    // Placed twice (two frames, two fetches): still once.
    expect(placeRow(placed, row('n', 1300, { stream_seq: 13 }), unassigned).rows).toHaveLength(4);
  });

  test('snoozed or closed, a conversation leaves the Open tab', () => {
    expect(applyFrame(loaded, frame('a', 14, { state: 'snoozed', snoozed_until: 5000 }), unassigned).state.rows.map((r) => r.id)).toEqual(['b', 'c']);
  });

  test('Mentions cannot be judged in the browser: the first page is read again', () => {
    const mentions: ListContext = { ...unassigned, view: { id: 'mentions', kind: 'mentions' } };
    expect(applyFrame(loaded, frame('q', 15, {}, { name: 'conversation.mentioned', data: { teammate_ids: [me] } }), mentions).followUp).toBe('refetch');
  });

  test('a new assignee or a tag is shown by name: the row is read again', () => {
    const withTeam = frame('a', 16, { team_assignee_id: '3' });
    const all: ListContext = { ...unassigned, view: { id: 'all', kind: 'all' } };
    const out = applyFrame(loaded, withTeam, all);
    expect(out.followUp).toBe('fetch-row');
    expect(out.state.rows.find((r) => r.id === 'a')?.team_assignee).toBeNull();
    expect(applyFrame(loaded, frame('a', 17, {}, { name: 'conversation.tag.created' }), all).followUp).toBe('fetch-row');
  });

  test('a row that now sorts after the loaded ones leaves: the next page brings it', () => {
    const partial = mergeFirstPage(undefined, page([row('a', 1000), row('b', 900)], 'cursor-1'), 'newest');
    const oldest: ListContext = { ...unassigned, sort: 'oldest' };
    const sortedOldest = mergeFirstPage(undefined, page([row('b', 900), row('a', 1000)], 'cursor-1'), 'oldest');
    expect(applyFrame(partial, frame('a', 18, { updated_at: 700 }), unassigned).state.rows.map((r) => r.id)).toEqual(['b']);
    expect(sortedOldest.rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(applyFrame(sortedOldest, frame('a', 19, { priority: 'priority' }), oldest).state.rows.map((r) => r.id)).toEqual(['b', 'a']);
  });

  test('keyset pages append without duplicates; the newer copy of a row wins', () => {
    const first = mergeFirstPage(undefined, page([row('a', 1000), row('b', 900)], 'cursor-1'), 'newest');
    const more = appendPage(first, page([row('b', 900, { stream_seq: 5 }), row('c', 800)], null, 12), 'newest');
    expect(more.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(more.rows[1]?.stream_seq).toBe(10);
    expect(more.next).toBeNull();
    expect(more.seq).toBe(12);
  });

  test('the first page read again replaces the top and keeps rows loaded further down', () => {
    const two = appendPage(mergeFirstPage(undefined, page([row('a', 1000), row('b', 900)], 'cursor-1'), 'newest'), page([row('c', 800), row('d', 700)], 'cursor-2'), 'newest');
    const again = mergeFirstPage(two, page([row('n', 1100, { stream_seq: 20 }), row('a', 1000, { stream_seq: 20 })], 'cursor-x', 20), 'newest');
    expect(again.rows.map((r) => r.id)).toEqual(['n', 'a', 'b', 'c', 'd']);
    expect(again.next).toBe('cursor-2');
    expect(again.seq).toBe(20);
  });

  test('previews of changes (no stream number) apply in conversation order; a late one only brings its message', () => {
    const preview = (seq: number, conversation: Partial<ConversationSummary>, extra: Partial<EventFrame> = {}) => {
      const { stream_seq: _omitted, ...rest } = frame('b', 0, conversation, extra);
      return { ...rest, seq };
    };
    const assigned = applyFrame(loaded, preview(7, { admin_assignee_id: '8', admin_assignee: undefined, updated_at: 1500 }), { ...unassigned, view: { id: 'all', kind: 'all' } });
    expect(assigned.state.rows[0]).toMatchObject({ id: 'b', admin_assignee_id: '8' });
    const late = applyFrame(
      assigned.state,
      preview(6, { admin_assignee_id: null, updated_at: 1400 }, {
        name: 'conversation.part.created',
        part: { id: 'p6', part_type: 'comment', body: '<p>On it</p>', author: { type: 'admin', id: '8', name: 'Max', avatar: null }, attachments: [], created_at: 1400, redacted: false },
      }),
      { ...unassigned, view: { id: 'all', kind: 'all' } },
    );
    expect(late.state.rows[0]).toMatchObject({ id: 'b', admin_assignee_id: '8', last_message: { text: 'On it', author_type: 'admin' } });
  });

  test('previews are plain text', () => {
    expect(previewText('<p>Hi &amp; welcome</p><p>Line&nbsp;2 &lt;img src=x onerror=alert(1)&gt;</p>')).toBe('Hi & welcome Line 2 <img src=x onerror=alert(1)>');
    expect(previewText(null)).toBe('');
  });
});
