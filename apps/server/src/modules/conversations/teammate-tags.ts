import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { applyTag, findOrCreateTag, findTag, removeTag } from '../tags/service.ts';
import { type ChangeResult, changeConversation } from './change-conversation.ts';
import { withTeammate } from './part-effects.ts';

/**
 * Tags as the Inbox applies them: the tags module's rules (and its `conversation.tag.created/deleted`
 * events), plus a `tag_added` / `tag_removed` part so the transcript shows who tagged what and when.
 * Applying a tag the conversation has, or removing one it has not, writes nothing.
 */
export async function addTagAsTeammate(
  platform: Platform,
  workspaceId: number,
  teammateId: number,
  conversationId: string,
  input: { tagId: string } | { name: string },
): Promise<ChangeResult> {
  return changeConversation(platform, workspaceId, { id: conversationId }, teammateId, async ({ row, tags, tx }) => {
    const tag = 'name' in input ? await findOrCreateTag(tx, workspaceId, input.name, teammateId) : await findTag(tx, workspaceId, input.tagId);
    if (!tag) throw notFound('Tag');
    if (tags.some((applied) => applied.id === tag.id)) return { patch: {}, parts: [] };
    await applyTag(tx, workspaceId, { tagId: tag.id, targetType: 'conversation', targetId: row.id, actorId: teammateId });
    return {
      patch: withTeammate(row, teammateId),
      parts: [{ partType: 'tag_added', author: { type: 'admin', id: String(teammateId) }, eventDetails: { tag: { id: tag.id, name: tag.name } } }],
    };
  });
}

export async function removeTagAsTeammate(platform: Platform, workspaceId: number, teammateId: number, conversationId: string, tagId: string): Promise<ChangeResult> {
  return changeConversation(platform, workspaceId, { id: conversationId }, teammateId, async ({ row, tags, tx }) => {
    const tag = await findTag(tx, workspaceId, tagId);
    if (!tag) throw notFound('Tag');
    if (!tags.some((applied) => applied.id === tag.id)) return { patch: {}, parts: [] };
    await removeTag(tx, workspaceId, { tagId: tag.id, targetType: 'conversation', targetId: row.id, actorId: teammateId });
    return {
      patch: withTeammate(row, teammateId),
      parts: [{ partType: 'tag_removed', author: { type: 'admin', id: String(teammateId) }, eventDetails: { tag: { id: tag.id, name: tag.name } } }],
    };
  });
}
