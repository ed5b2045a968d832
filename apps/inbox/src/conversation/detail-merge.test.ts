import type { ConversationDetail, TranscriptPart } from '@frontdesk/api-types';
import { describe, expect, it } from 'vitest';
import { applyFrame, mergeDetail, mergeParts } from './detail-merge.ts';

const part = (id: string, created_at: number, part_type = 'comment'): TranscriptPart => ({
  id,
  part_type,
  body: `<p>${id}</p>`,
  author: { type: 'user', id: '1', name: 'Vera', avatar: null },
  attachments: [],
  created_at,
  redacted: false,
});

function detail(parts: TranscriptPart[], overrides: Partial<ConversationDetail['conversation']> = {}): ConversationDetail {
  return {
    conversation: {
      id: 'c1',
      state: 'open',
      read: true,
      priority: 'not_priority',
      admin_assignee_id: null,
      team_assignee_id: null,
      contact_ids: ['1'],
      waiting_since: null,
      snoozed_until: null,
      updated_at: 100,
      title: null,
      created_at: 1,
      contact: null,
      admin_assignee: null,
      team_assignee: null,
      last_message: null,
      tags: [],
      stream_seq: 0,
      ...overrides,
    },
    parts,
    contacts: [],
    custom_attributes: {},
    seq: 3,
    contact_seen_at: null,
  };
}

describe('the transcript joins parts from the load, action answers and live frames', () => {
  it('keeps each part once, in time order, with its newest copy', () => {
    const redacted = { ...part('b', 20), redacted: true };
    const merged = mergeParts([part('a', 10), part('b', 20)], [redacted, part('c', 15)]);
    expect(merged.map((p) => p.id)).toEqual(['a', 'c', 'b']);
    expect(merged[2]?.redacted).toBe(true);
  });

  it('a frame adds its part and the conversation as it is now; history parts ask for a reload', () => {
    const message = applyFrame(detail([part('a', 10)]), {
      type: 'event',
      conversation_id: 'c1',
      seq: 4,
      name: 'conversation.part.created',
      created_at: 11,
      part: part('b', 11),
      conversation: { id: 'c1', state: 'open', read: false },
    });
    expect(message.detail.parts.map((p) => p.id)).toEqual(['a', 'b']);
    expect(message.detail.seq).toBe(4);
    expect(message.detail.conversation.read).toBe(false);
    expect(message.reload).toBe(false);

    const assigned = applyFrame(message.detail, {
      type: 'event',
      conversation_id: 'c1',
      seq: 5,
      name: 'conversation.part.created',
      created_at: 12,
      part: part('c', 12, 'assignment'),
      conversation: { id: 'c1', admin_assignee_id: '7' },
    });
    expect(assigned.reload).toBe(true);
    expect(assigned.detail.conversation.admin_assignee_id).toBe('7');
  });

  it('"contact_seen" moves the seen time forward; frames of other conversations change nothing', () => {
    const base = detail([]);
    const seen = applyFrame(base, { type: 'event', conversation_id: 'c1', seq: 4, name: 'conversation.contact_seen', created_at: 50, data: { seen_at: 50 } });
    expect(seen.detail.contact_seen_at).toBe(50);
    const other = applyFrame(base, { type: 'event', conversation_id: 'c2', seq: 9, name: 'conversation.updated', created_at: 50 });
    expect(other.detail).toBe(base);
  });

  it('an older answer does not undo a newer state', () => {
    const current = detail([part('a', 10), part('b', 30)], { state: 'closed', updated_at: 200 });
    const stale = detail([part('a', 10)], { state: 'open', updated_at: 150 });
    const merged = mergeDetail(current, stale);
    expect(merged.conversation.state).toBe('closed');
    expect(merged.parts).toHaveLength(2);
  });
});
