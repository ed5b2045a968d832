import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { applyTag, removeTag } from '../tags/service.ts';
import { adminAuthor } from './authors.ts';
import * as data from './data.ts';

/**
 * `POST /conversations/{id}/tags`: tags a conversation as an admin. The tags module appends
 * `conversation.tag.created` on the conversation's aggregate (only when newly applied).
 */
export async function tagConversation(platform: Platform, workspaceId: number, conversationId: string, input: { id: string; admin_id: string | number }) {
  const admin = await adminAuthor(platform.database.orm, workspaceId, input.admin_id);
  return platform.database.transaction(async (tx) => {
    if (!(await data.lockConversation(tx, workspaceId, conversationId))) throw notFound('Conversation');
    return applyTag(tx, workspaceId, { tagId: input.id, targetType: 'conversation', targetId: conversationId, actorId: admin.teammateId });
  });
}

/** `DELETE /conversations/{id}/tags/{tag_id}`: removes a tag (`conversation.tag.deleted` when it was applied). */
export async function untagConversation(platform: Platform, workspaceId: number, conversationId: string, tagId: string, input: { admin_id: string | number }) {
  const admin = await adminAuthor(platform.database.orm, workspaceId, input.admin_id);
  return platform.database.transaction(async (tx) => {
    if (!(await data.lockConversation(tx, workspaceId, conversationId))) throw notFound('Conversation');
    return removeTag(tx, workspaceId, { tagId, targetType: 'conversation', targetId: conversationId, actorId: admin.teammateId });
  });
}
