import type { ConversationDetail, ReplyRequest } from '@frontdesk/api-types';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import {
  addTagAsTeammate,
  type ManageInput,
  manageConversation,
  removeTagAsTeammate,
  replyAsTeammate,
  setPriority,
  updateConversation,
} from '../conversations/service.ts';
import { teammateAttachments } from '../messenger/teammate-attachments.ts';
import { loadDetail, visibleConversation } from './conversation-detail.ts';
import { markMentionsSeen, mentionedTeammates, recordMentions } from './mentions.ts';

/**
 * The Inbox's conversation actions. Each checks that the teammate may see the conversation (404
 * otherwise), acts through the conversations module's services — the REST API's rules and events —
 * and answers the conversation as it now is (visibility is not checked again: an agent who hands a
 * conversation to another team still gets the answer to what they did).
 */
async function act(platform: Platform, actor: Actor, conversationId: string, action: () => Promise<unknown>): Promise<ConversationDetail> {
  await visibleConversation(platform, actor, conversationId);
  await action();
  return loadDetail(platform.database.orm, actor.workspaceId, conversationId);
}

/** A reply to the customer, or a note (`note: true`) whose @mentions notify those teammates. Needs permission `reply`. */
export async function replyFromInbox(platform: Platform, actor: Actor, conversationId: string, input: ReplyRequest): Promise<ConversationDetail> {
  requirePermission(actor, 'reply');
  const db = platform.database.orm;
  return act(platform, actor, conversationId, async () => {
    const note = input.note === true;
    const [attachments, mentioned] = await Promise.all([
      teammateAttachments(platform, actor.workspaceId, actor.teammateId, input.attachment_ids ?? []),
      note ? mentionedTeammates(db, actor.workspaceId, input.body) : [],
    ]);
    await replyAsTeammate(
      platform,
      actor.workspaceId,
      actor.teammateId,
      conversationId,
      { body: input.body, note, attachments, mentionedTeammateIds: mentioned },
      recordMentions(actor.workspaceId, actor.teammateId, mentioned),
    );
  });
}

const manage = (platform: Platform, actor: Actor, conversationId: string, input: ManageInput) => manageConversation(platform, actor.workspaceId, conversationId, input);

/** Assigns to a teammate and/or a team; null unassigns; a field left out is not changed. */
export async function assignFromInbox(platform: Platform, actor: Actor, conversationId: string, input: { admin_id?: string | null; team_id?: string | null }) {
  if (input.admin_id === undefined && input.team_id === undefined) throw invalid('Name a teammate (admin_id) or a team (team_id), or null to unassign', 'admin_id');
  return act(platform, actor, conversationId, async () => {
    const admin_id = actor.teammateId;
    if (input.admin_id !== undefined) await manage(platform, actor, conversationId, { message_type: 'assignment', type: 'admin', admin_id, assignee_id: input.admin_id ?? '0' });
    if (input.team_id !== undefined) await manage(platform, actor, conversationId, { message_type: 'assignment', type: 'team', admin_id, assignee_id: input.team_id ?? '0' });
  });
}

export const snoozeFromInbox = (platform: Platform, actor: Actor, conversationId: string, until: number) =>
  act(platform, actor, conversationId, () => manage(platform, actor, conversationId, { message_type: 'snoozed', admin_id: actor.teammateId, snoozed_until: until }));

export const closeFromInbox = (platform: Platform, actor: Actor, conversationId: string) =>
  act(platform, actor, conversationId, () => manage(platform, actor, conversationId, { message_type: 'close', admin_id: actor.teammateId }));

export const openFromInbox = (platform: Platform, actor: Actor, conversationId: string) =>
  act(platform, actor, conversationId, () => manage(platform, actor, conversationId, { message_type: 'open', admin_id: actor.teammateId }));

export const prioritizeFromInbox = (platform: Platform, actor: Actor, conversationId: string, priority: boolean) =>
  act(platform, actor, conversationId, () => setPriority(platform, actor.workspaceId, conversationId, { priority, adminId: actor.teammateId }));

/** Applies a tag by id, or by name (a new name creates the tag). */
export async function tagFromInbox(platform: Platform, actor: Actor, conversationId: string, input: { tag_id?: string; name?: string }) {
  if ((input.tag_id === undefined) === (input.name === undefined)) throw invalid('Give either tag_id or name', 'tag_id');
  const tag = input.tag_id !== undefined ? { tagId: input.tag_id } : { name: input.name as string };
  return act(platform, actor, conversationId, () => addTagAsTeammate(platform, actor.workspaceId, actor.teammateId, conversationId, tag));
}

export const untagFromInbox = (platform: Platform, actor: Actor, conversationId: string, tagId: string) =>
  act(platform, actor, conversationId, () => removeTagAsTeammate(platform, actor.workspaceId, actor.teammateId, conversationId, tagId));

/** Conversation attributes, validated against the conversation data attributes (null clears one). */
export const updateAttributesFromInbox = (platform: Platform, actor: Actor, conversationId: string, customAttributes: object) =>
  act(platform, actor, conversationId, () => updateConversation(platform, actor.workspaceId, actor.teammateId, conversationId, { custom_attributes: customAttributes }, false));

/** The teammate read the conversation: it is marked read and their mentions in it are seen. */
export const readFromInbox = (platform: Platform, actor: Actor, conversationId: string) =>
  act(platform, actor, conversationId, async () => {
    await updateConversation(platform, actor.workspaceId, actor.teammateId, conversationId, { read: true }, false);
    await markMentionsSeen(platform, actor.workspaceId, actor.teammateId, conversationId);
  });
