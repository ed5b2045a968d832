import { appendEvent } from '../../platform/events/outbox.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findCompany } from '../companies/service.ts';
import { mergeCustomAttributes, validateCustomAttributes } from '../data-attributes/service.ts';
import { removeAllTags } from '../tags/service.ts';
import { type ChangePlan, changeConversation, type PartDraft } from './change-conversation.ts';
import * as data from './data.ts';
import { withTeammate } from './part-effects.ts';
import { presentChange } from './service.ts';

export interface UpdateInput {
  read?: boolean;
  title?: string | null;
  custom_attributes?: object;
  company_id?: string | null;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * `PUT /conversations/{id}`: title, read, custom attributes (validated against the conversation data
 * attributes and merged; `null` clears one) and company. Title and attribute changes append parts
 * authored by the teammate behind the token, as Intercom shows them in the conversation.
 */
export async function updateConversation(platform: Platform, workspaceId: number, teammateId: number, id: string, input: UpdateInput, plaintext: boolean) {
  const db = platform.database.orm;
  const [attributes, company] = await Promise.all([
    input.custom_attributes === undefined ? undefined : validateCustomAttributes(db, workspaceId, 'conversation', input.custom_attributes),
    input.company_id ? findCompany(db, workspaceId, input.company_id) : undefined,
  ]);
  if (input.company_id && !company) throw notFound('Company');
  const author = { type: 'admin' as const, id: String(teammateId) };
  const result = await changeConversation(platform, workspaceId, { id }, teammateId, ({ row }): ChangePlan => {
    const patch: data.ConversationPatch = {};
    const parts: PartDraft[] = [];
    const changes: string[] = [];
    const events: ChangePlan['events'] = [];
    if (input.title !== undefined && (input.title ?? null) !== row.title) {
      patch.title = input.title === null || input.title.trim() === '' ? null : input.title;
      parts.push({ partType: 'title_changed', body: null, author, eventDetails: { title: patch.title } });
      changes.push('title');
    }
    if (attributes) {
      const current = row.customAttributes as Record<string, unknown>;
      const changed = Object.entries(attributes).filter(([name, value]) => !sameValue(current[name], value));
      if (changed.length) {
        patch.customAttributes = mergeCustomAttributes(current, attributes);
        for (const [name, value] of changed) {
          parts.push({ partType: 'conversation_attribute_updated_by_admin', author, eventDetails: { attribute: { name }, value: { name: value } } });
        }
        changes.push('custom_attributes');
      }
    }
    if (input.company_id !== undefined && (company?.id ?? null) !== row.companyId) {
      patch.companyId = company?.id ?? null;
      changes.push('company_id');
    }
    if (input.read !== undefined && input.read !== row.read) {
      patch.read = input.read;
      if (input.read) events.push({ type: 'conversation.read', payload: {} });
      else changes.push('read');
    }
    if (parts.length) Object.assign(patch, withTeammate(row, teammateId));
    if (changes.length) events.push({ type: 'conversation.updated', payload: { changes } });
    return { patch, parts, events };
  });
  return presentChange(db, workspaceId, result, { plaintext });
}

/** `DELETE /conversations/{id}`: the conversation, its parts, participants and tags. */
export async function deleteConversation(platform: Platform, workspaceId: number, teammateId: number, id: string) {
  await platform.database.transaction(async (tx) => {
    const locked = await data.lockConversation(tx, workspaceId, id);
    if (!locked) throw notFound('Conversation');
    await removeAllTags(tx, workspaceId, 'conversation', id);
    await data.deleteConversation(tx, workspaceId, id);
    await appendEvent(tx, { workspaceId, aggregateType: 'conversation', aggregateId: id, type: 'conversation.deleted', payload: { actor_id: teammateId, conversation_id: id } });
  });
  return { id, object: 'conversation' as const, deleted: true as const };
}
