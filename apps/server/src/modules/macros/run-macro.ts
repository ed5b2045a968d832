import type { ConversationDetail } from '@frontdesk/api-types';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { addTagAsTeammate, manageConversation, replyAsTeammate, setPriority } from '../conversations/service.ts';
import { conversationDetail, visibleConversation } from '../inbox/service.ts';
import { renderForConversation } from '../saved-replies/service.ts';
import { findMacro, workspaceTimeZone } from './find-macro.ts';
import { type MacroStep, resolveMacroActions } from './macro-actions.ts';

/** Applies one step through the conversations module's services, as the Inbox's own buttons do. */
async function applyStep(platform: Platform, workspaceId: number, conversationId: string, adminId: number, step: MacroStep): Promise<void> {
  switch (step.type) {
    case 'add_tag':
      await addTagAsTeammate(platform, workspaceId, adminId, conversationId, { tagId: step.tag.id });
      return;
    case 'assign':
      // Unassigning is assignee 0, as in Intercom's API.
      if (step.admin !== undefined) {
        await manageConversation(platform, workspaceId, conversationId, { message_type: 'assignment', type: 'admin', admin_id: adminId, assignee_id: step.admin?.id ?? '0' });
      }
      if (step.team !== undefined) {
        await manageConversation(platform, workspaceId, conversationId, { message_type: 'assignment', type: 'team', admin_id: adminId, assignee_id: step.team?.id ?? '0' });
      }
      return;
    case 'set_priority':
      await setPriority(platform, workspaceId, conversationId, { priority: step.priority, adminId });
      return;
    case 'snooze':
      await manageConversation(platform, workspaceId, conversationId, { message_type: 'snoozed', admin_id: adminId, snoozed_until: Math.floor(step.until.getTime() / 1000) });
      return;
    case 'close':
      await manageConversation(platform, workspaceId, conversationId, { message_type: 'close', admin_id: adminId });
      return;
  }
}

/**
 * `POST /app-api/macros/:id/run`: the macro's reply (or note) with placeholders filled, then each
 * action in order. Everything it names is checked before anything is applied; each step is its own
 * conversation change (with its part and events), as if the teammate had clicked through them.
 */
export async function runMacro(platform: Platform, actor: Actor, id: string, conversationId: string): Promise<ConversationDetail> {
  requirePermission(actor, 'reply');
  const db = platform.database.orm;
  const macro = await findMacro(db, actor.workspaceId, id);
  if (!macro) throw notFound('Macro');
  const conversation = await visibleConversation(platform, actor, conversationId);
  const timeZone = await workspaceTimeZone(db, actor.workspaceId);
  const steps = await resolveMacroActions(db, actor.workspaceId, macro.actions, { timeZone, now: new Date() });
  if (macro.body !== null) {
    const body = await renderForConversation(platform, actor, conversation, macro.body);
    await replyAsTeammate(platform, actor.workspaceId, actor.teammateId, conversation.id, { body, note: macro.note, attachments: [] });
  }
  for (const step of steps) await applyStep(platform, actor.workspaceId, conversation.id, actor.teammateId, step);
  return conversationDetail(platform, actor, conversation.id);
}
