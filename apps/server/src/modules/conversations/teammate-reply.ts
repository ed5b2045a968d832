import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { applyChanges, type ChangeIntent, type ChangeResult, changeConversationBatched } from './change-conversation.ts';
import { messageBody } from './create-conversation.ts';
import type { PartRow } from './data.ts';
import type { StoredAttachment } from './intercom-conversation.ts';
import { adminReplied, withTeammate } from './part-effects.ts';

export interface TeammateReply {
  /** HTML or plain text (sanitized here); may be empty when files are attached. */
  body: string;
  note: boolean;
  /** Files the teammate uploaded (checked by the caller). */
  attachments: StoredAttachment[];
  /** Teammates a note mentions (checked by the caller): announced by `conversation.mentioned`. */
  mentionedTeammateIds?: number[];
}

function partBody(reply: TeammateReply): string | null {
  if (reply.attachments.length && !reply.body.replace(/<[^>]*>/g, '').trim()) return null;
  return messageBody(reply.body);
}

/**
 * A teammate's reply or note from the Inbox, with uploaded files: the same effects as the REST reply
 * (a reply answers the customer, a note only adds the teammate). A note that mentions teammates also
 * appends `conversation.mentioned` {teammate_ids} on the conversation's aggregate (so realtime carries
 * it) and runs `alongside` — the Inbox's mention rows — in the same transaction. Everything else shares
 * the reply path's group commit.
 */
export async function replyAsTeammate(
  platform: Platform,
  workspaceId: number,
  teammateId: number,
  conversationId: string,
  reply: TeammateReply,
  alongside?: (tx: Tx, part: PartRow) => Promise<void>,
): Promise<ChangeResult> {
  const body = partBody(reply);
  const mentioned = reply.note ? [...new Set(reply.mentionedTeammateIds ?? [])] : [];
  const part = { partType: reply.note ? 'note' : 'comment', body, author: { type: 'admin' as const, id: String(teammateId) }, attachments: reply.attachments };
  const intent: ChangeIntent = {
    workspaceId,
    target: { id: conversationId },
    actorId: teammateId,
    plan: ({ row, now }) => ({
      patch: reply.note ? withTeammate(row, teammateId) : adminReplied(row, now, teammateId),
      parts: [part],
      events: mentioned.length ? [{ type: 'conversation.mentioned', payload: { teammate_ids: mentioned.map(String) } }] : [],
    }),
  };
  if (!mentioned.length) return changeConversationBatched(platform, intent);
  return platform.database.transaction(async (tx) => {
    const [result] = await applyChanges(tx, [intent]);
    if (!result) throw new Error('a change returned no result');
    if (result instanceof AppError) throw result;
    const written = result.parts[0];
    if (!written) throw new Error('a note wrote no part');
    await alongside?.(tx, written);
    return result;
  });
}
