import { appendEvent } from '../../platform/events/outbox.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { checkUserIsUnique, type ContactInput, columnsOf, customAttributesOf, isUniqueViolation } from './contact-input.ts';
import { mergeCustomAttributes } from '../data-attributes/service.ts';
import * as data from './data.ts';
import type { ContactRow } from './intercom-contact.ts';

/**
 * `PUT /contacts/{id}`: changes the named fields; custom attributes are merged into the existing ones.
 * A lead given the role `user` signs up (`contact.signed_up`); a user cannot go back to being a lead.
 */
export async function updateContact(platform: Platform, workspaceId: number, actorId: number | null, id: string, input: ContactInput): Promise<ContactRow> {
  const db = platform.database.orm;
  const columns = await columnsOf(db, workspaceId, input);
  const customAttributes = await customAttributesOf(db, workspaceId, input.custom_attributes);
  let candidate: { role: string; externalId: string | null; email: string | null } | undefined;
  try {
    return await platform.database.transaction(async (tx) => {
      const existing = await data.findContact(tx, workspaceId, id);
      if (!existing) throw notFound('Contact');
      if (existing.role === 'user' && columns.role === 'lead') throw invalid('A user cannot be turned back into a lead', 'role');
      candidate = {
        role: columns.role ?? existing.role,
        externalId: columns.externalId === undefined ? existing.externalId : columns.externalId,
        email: columns.email === undefined ? existing.email : columns.email,
      };
      await checkUserIsUnique(tx, workspaceId, candidate, id);
      const merged = customAttributes ? mergeCustomAttributes(existing.customAttributes, customAttributes) : undefined;
      const row = await data.updateContact(tx, workspaceId, id, { ...columns, ...(merged ? { customAttributes: merged } : {}) });
      if (!row) throw notFound('Contact');
      await appendEvent(tx, {
        workspaceId,
        aggregateType: 'contact',
        aggregateId: id,
        type: 'contact.updated',
        payload: { actor_id: actorId, contact_id: id, role: row.role },
      });
      if (existing.role === 'lead' && row.role === 'user') {
        await appendEvent(tx, { workspaceId, aggregateType: 'contact', aggregateId: id, type: 'contact.signed_up', payload: { actor_id: actorId, contact_id: id } });
      }
      return row;
    });
  } catch (error) {
    if (candidate && isUniqueViolation(error)) await checkUserIsUnique(db, workspaceId, candidate, id);
    throw error;
  }
}
