import type { Actor } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { visibleConversation } from '../inbox/service.ts';
import * as data from './data.ts';
import { type PlaceholderConversation, placeholderValuesFor } from './placeholder-values.ts';
import { renderPlaceholders } from './placeholders.ts';

/** A stored body with its placeholders filled for this teammate answering this conversation. */
export async function renderForConversation(platform: Platform, actor: Actor, conversation: PlaceholderConversation, body: string): Promise<string> {
  const values = await placeholderValuesFor(platform.database.orm, actor.workspaceId, actor.teammateId, conversation);
  return renderPlaceholders(body, values);
}

/** `POST /app-api/saved-replies/:id/render`: the reply as the composer inserts it (404 when the conversation is hidden from the teammate). */
export async function renderSavedReply(platform: Platform, actor: Actor, id: string, conversationId: string): Promise<{ body: string }> {
  const savedReply = /^[0-9]{1,15}$/.test(id) ? await data.findSavedReply(platform.database.orm, actor.workspaceId, Number(id)) : undefined;
  if (!savedReply) throw notFound('Saved reply');
  const conversation = await visibleConversation(platform, actor, conversationId);
  return { body: await renderForConversation(platform, actor, conversation, savedReply.body) };
}
