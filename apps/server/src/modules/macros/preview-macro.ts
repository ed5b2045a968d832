import type { MacroPreview } from '@frontdesk/api-types';
import type { Actor } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { visibleConversation } from '../inbox/service.ts';
import { renderForConversation } from '../saved-replies/service.ts';
import { findMacro, workspaceTimeZone } from './find-macro.ts';
import { describeStep, resolveMacroActions } from './macro-actions.ts';

/** `POST /app-api/macros/:id/preview`: what running the macro on this conversation would do; nothing is applied. */
export async function previewMacro(platform: Platform, actor: Actor, id: string, conversationId: string): Promise<MacroPreview> {
  const db = platform.database.orm;
  const macro = await findMacro(db, actor.workspaceId, id);
  if (!macro) throw notFound('Macro');
  const conversation = await visibleConversation(platform, actor, conversationId);
  const timeZone = await workspaceTimeZone(db, actor.workspaceId);
  const now = new Date();
  const steps = await resolveMacroActions(db, actor.workspaceId, macro.actions, { timeZone, now });
  return {
    body: macro.body === null ? null : await renderForConversation(platform, actor, conversation, macro.body),
    note: macro.note,
    actions: steps.map((step) => describeStep(step, timeZone, now)),
  };
}
