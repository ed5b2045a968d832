import { AppError, invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { teammatesReassigningReplies } from '../workspaces/away-mode.ts';
import { type AdminAuthor, type Author, adminAuthor, type ContactAuthor, contactByReference } from './authors.ts';
import { type ChangePlan, changeConversationBatched, type Locked, type PartDraft } from './change-conversation.ts';
import { messageBody } from './create-conversation.ts';
import { attachmentsFromUrls, personKey } from './intercom-conversation.ts';
import { adminReplied, contactReplied, unassignedWhileAway, withTeammate } from './part-effects.ts';
import { presentChange } from './service.ts';

export interface AdminReplyInput {
  message_type: 'comment' | 'note' | 'quick_reply';
  type: 'admin';
  admin_id: string | number;
  body?: string;
  created_at?: number;
  attachment_urls?: string[];
  reply_options?: { text: string; uuid: string }[];
}

export interface ContactReplyInput {
  message_type: 'comment';
  type: 'user';
  intercom_user_id?: string;
  user_id?: string;
  email?: string;
  body: string;
  created_at?: number;
  attachment_urls?: string[];
  reply_options?: { text: string; uuid: string }[];
}

export type ReplyInput = AdminReplyInput | ContactReplyInput;

function adminPlan(input: AdminReplyInput, admin: AdminAuthor): (locked: Locked) => ChangePlan {
  const quickReply = input.message_type === 'quick_reply';
  const body = quickReply && input.body === undefined ? null : messageBody(input.body);
  if (quickReply && !input.reply_options?.length) throw invalid('A quick reply needs reply_options', 'reply_options');
  const part = {
    partType: input.message_type,
    body,
    author: { type: 'admin' as const, id: admin.id },
    attachments: attachmentsFromUrls(input.attachment_urls),
    metadata: quickReply ? { quick_reply_options: (input.reply_options ?? []).map((option) => ({ ...option, translations: {} })) } : {},
  };
  return ({ row, now }) => ({
    patch: input.message_type === 'note' ? withTeammate(row, admin.teammateId) : adminReplied(row, now, admin.teammateId),
    parts: [part],
  });
}

function contactPlan(input: ContactReplyInput, contact: ContactAuthor): (locked: Locked) => Promise<ChangePlan> {
  const body = messageBody(input.body);
  const part = {
    partType: 'comment',
    body,
    author: { type: contact.type, id: contact.id },
    attachments: attachmentsFromUrls(input.attachment_urls),
    metadata: input.reply_options?.length ? { quick_reply_uuid: input.reply_options[0]?.uuid } : {},
  };
  return async (locked) => {
    const { row, contactIds } = locked;
    if (!contactIds.includes(contact.id)) throw new AppError(422, 'parameter_invalid', 'The contact is not a participant of this conversation', { field: 'intercom_user_id' });
    const events = row.state === 'snoozed' ? [{ type: 'conversation.updated', payload: { changes: ['state', 'snoozed_until'] } }] : [];
    return { ...(await contactReplyChange(locked, part)), events };
  };
}

/**
 * A contact's reply (REST or Messenger): the conversation now waits for the team; if its teammate is
 * away with "reassign replies" on, the same change unassigns them (read in the change's transaction).
 */
export async function contactReplyChange({ row, now, tx }: Locked, part: PartDraft): Promise<Pick<ChangePlan, 'patch' | 'parts'>> {
  const patch = contactReplied(row, now);
  if (row.adminAssigneeId === null || !(await teammatesReassigningReplies(tx, row.workspaceId)).has(row.adminAssigneeId)) return { patch, parts: [part] };
  const away = unassignedWhileAway(row);
  return { patch: { ...patch, ...away.patch }, parts: [part, away.part] };
}

/**
 * `POST /conversations/{id}/reply` (the hot path): concurrent replies share one transaction (group
 * commit: one lock statement and one write statement for the whole batch, see ChangeBatcher). The
 * response is the conversation with the new part, as Intercom answers; its participants and tags come
 * with the lock and the author is known, so building it reads nothing.
 */
export async function replyToConversation(platform: Platform, workspaceId: number, conversationId: string, input: ReplyInput) {
  const db = platform.database.orm;
  const author: Author & (AdminAuthor | ContactAuthor) =
    input.type === 'admin' ? await adminAuthor(db, workspaceId, input.admin_id) : await contactByReference(db, workspaceId, input);
  if (conversationId === 'last' && author.type === 'admin') throw invalid('"last" names a contact\'s latest conversation: reply as the contact', 'conversation_id');
  const plan = author.type === 'admin' ? adminPlan(input as AdminReplyInput, author) : contactPlan(input as ContactReplyInput, author);
  const target = conversationId === 'last' ? { lastOfContact: author.id } : { id: conversationId };
  const result = await changeConversationBatched(platform, { workspaceId, target, actorId: author.type === 'admin' ? author.teammateId : null, plan });
  return presentChange(db, workspaceId, result, { known: new Map([[personKey(author.type, author.id), { name: author.name, email: author.email }]]) });
}
