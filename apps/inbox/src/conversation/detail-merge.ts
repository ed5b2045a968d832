import type { ConversationDetail, ServerFrame, TranscriptPart } from '@frontdesk/api-types';

/** Part types shown as messages; every other part is a line of history (assigned, closed, …). */
export const messagePartTypes = new Set(['comment', 'note', 'quick_reply']);

/**
 * Parts from any source (the first load, an action's answer, live frames) joined by id: a part
 * seen twice keeps its newest copy (a redaction changes it), the order is by time, stable.
 */
export function mergeParts(current: TranscriptPart[], incoming: TranscriptPart[]): TranscriptPart[] {
  const byId = new Map(current.map((part) => [part.id, part]));
  for (const part of incoming) byId.set(part.id, { ...byId.get(part.id), ...part });
  const order = new Map<string, number>();
  for (const part of [...current, ...incoming]) if (!order.has(part.id)) order.set(part.id, order.size);
  return [...byId.values()].sort((a, b) => a.created_at - b.created_at || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** A newer answer over what is shown: parts joined, the conversation from whichever is newer. */
export function mergeDetail(current: ConversationDetail | undefined, next: ConversationDetail): ConversationDetail {
  if (!current || current.conversation.id !== next.conversation.id) return next;
  const newer = next.conversation.updated_at >= current.conversation.updated_at;
  return {
    ...next,
    conversation: newer ? next.conversation : { ...next.conversation, ...pickLive(current.conversation) },
    parts: mergeParts(current.parts, next.parts),
    seq: Math.max(current.seq, next.seq),
    contact_seen_at: latest(current.contact_seen_at, next.contact_seen_at),
  };
}

const latest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

function pickLive(conversation: ConversationDetail['conversation']) {
  const { state, read, priority, admin_assignee_id, team_assignee_id, waiting_since, snoozed_until, updated_at } = conversation;
  return { state, read, priority, admin_assignee_id, team_assignee_id, waiting_since, snoozed_until, updated_at };
}

export interface FrameOutcome {
  detail: ConversationDetail;
  /** The frame says something the detail cannot show without asking the server (names, tags…). */
  reload: boolean;
}

/** Applies one live frame of this conversation to the detail. */
export function applyFrame(detail: ConversationDetail, frame: ServerFrame): FrameOutcome {
  if (frame.type === 'reset') return { detail, reload: true };
  // Moved out of this teammate's sight: reading it again says so (404), and the pane shows it.
  if (frame.type === 'conversation_hidden') return { detail, reload: frame.conversation_id === detail.conversation.id };
  if (frame.type !== 'event' || frame.conversation_id !== detail.conversation.id) return { detail, reload: false };
  let next: ConversationDetail = { ...detail, seq: Math.max(detail.seq, frame.seq) };
  let reload = false;
  if (frame.part) {
    next.parts = mergeParts(next.parts, [frame.part]);
    // History parts carry their details (assignee, snooze time) only in the HTTP answer.
    if (!messagePartTypes.has(frame.part.part_type)) reload = true;
  }
  if (frame.conversation) {
    const before = detail.conversation;
    const { id: _id, contact_ids: _contacts, ...live } = frame.conversation;
    next = { ...next, conversation: { ...before, ...live } };
    if (
      (live.admin_assignee_id !== undefined && live.admin_assignee_id !== before.admin_assignee_id) ||
      (live.team_assignee_id !== undefined && live.team_assignee_id !== before.team_assignee_id)
    ) {
      reload = true;
    }
  }
  if (frame.name === 'conversation.contact_seen') {
    const seenAt = Number(frame.data?.seen_at);
    if (Number.isFinite(seenAt)) next.contact_seen_at = latest(next.contact_seen_at, seenAt);
  } else if (frame.name.startsWith('conversation.tag.') || frame.name.startsWith('conversation.contact.') || frame.name === 'conversation.updated') {
    reload = true;
  }
  return { detail: next, reload };
}
