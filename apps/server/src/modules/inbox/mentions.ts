import { and, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { toMessageHtml } from '../../platform/html/message-html.ts';
import type { Platform } from '../../platform/platform.ts';
import type { PartRow } from '../conversations/service.ts';
import { findSeat } from '../workspaces/service.ts';
import * as data from './data.ts';

/** A note mentions at most this many teammates. */
const maxMentions = 20;

/**
 * The teammates a note mentions, as the sanitizer keeps them: `<span data-mention="<teammate id>">`
 * (the sanitizer drops any other value), limited to teammates of the workspace.
 */
export async function mentionedTeammates(db: Executor, workspaceId: number, body: string): Promise<number[]> {
  const html = toMessageHtml(body);
  const ids = [...new Set([...html.matchAll(/<span data-mention="([0-9]{1,15})">/g)].map((match) => Number(match[1])))].slice(0, maxMentions);
  const seats = await Promise.all(ids.map((id) => findSeat(db, workspaceId, id)));
  return ids.filter((_, index) => seats[index] !== undefined);
}

/** Writes the mentions of a note, in the note's transaction (see replyAsTeammate). */
export function recordMentions(workspaceId: number, mentionedBy: number, teammateIds: number[]) {
  return (tx: Tx, part: PartRow) =>
    data.insertMentions(
      tx,
      teammateIds.map((teammateId) => ({ workspaceId, teammateId, partId: part.id, conversationId: part.conversationId, mentionedBy })),
    );
}

/**
 * The teammate read the conversation: their mentions in it are seen. Written with a
 * `conversation.mentions_seen` {teammate_ids} event on the conversation's aggregate in one
 * transaction, so realtime tells the teammate's other tabs (their Mentions count drops) as it tells
 * any change; a read with nothing unseen writes nothing.
 */
export async function markMentionsSeen(platform: Platform, workspaceId: number, teammateId: number, conversationId: string): Promise<void> {
  await platform.database.transaction(async (tx) => {
    const [unseen = 0] = await data.counts(tx, [data.countUnreadMentions(workspaceId, teammateId, and(data.inWorkspace(workspaceId), data.idIs(conversationId)) as SQL, 1)]);
    if (unseen === 0) return;
    await data.markMentionsSeen(tx, workspaceId, teammateId, conversationId);
    await appendEvent(tx, {
      workspaceId,
      aggregateType: 'conversation',
      aggregateId: conversationId,
      type: 'conversation.mentions_seen',
      payload: { actor_id: teammateId, conversation_id: conversationId, teammate_ids: [String(teammateId)] },
    });
  });
}
