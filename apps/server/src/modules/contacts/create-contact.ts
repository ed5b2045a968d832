import { hexId } from '../../platform/crypto/tokens.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Platform } from '../../platform/platform.ts';
import { checkUserIsUnique, type ContactInput, columnsOf, customAttributesOf, isUniqueViolation } from './contact-input.ts';
import { mergeCustomAttributes } from '../data-attributes/service.ts';
import * as data from './data.ts';
import type { ContactRow } from './intercom-contact.ts';

/** `POST /contacts`: a user (the default) or a lead; users are unique by external id and email. */
export async function createContact(platform: Platform, workspaceId: number, actorId: number | null, input: ContactInput): Promise<ContactRow> {
  const db = platform.database.orm;
  if (!input.email && !input.external_id && !input.role) {
    throw invalid('A contact needs at least one of email, external_id or role', 'email');
  }
  const columns = await columnsOf(db, workspaceId, input);
  const customAttributes = mergeCustomAttributes({}, (await customAttributesOf(db, workspaceId, input.custom_attributes)) ?? {});
  const role = columns.role ?? 'user';
  const candidate = { role, externalId: columns.externalId ?? null, email: columns.email ?? null };
  try {
    return await platform.database.transaction(async (tx) => {
      await checkUserIsUnique(tx, workspaceId, candidate);
      const row = await data.insertContact(tx, { ...columns, workspaceId, id: hexId(), role, customAttributes });
      await appendEvent(tx, {
        workspaceId,
        aggregateType: 'contact',
        aggregateId: row.id,
        type: 'contact.created',
        payload: { actor_id: actorId, contact_id: row.id, role: row.role },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) await checkUserIsUnique(db, workspaceId, candidate);
    throw error;
  }
}

/**
 * A lead with just this email, in the caller's transaction (`contact.created` with it): what Intercom
 * does when a conversation is given a customer by an email it does not know. The email is checked as
 * `POST /contacts` checks it (400 naming `field`).
 */
export async function createLeadWithEmail(tx: Tx, workspaceId: number, actorId: number | null, email: string, field = 'email'): Promise<ContactRow> {
  const trimmed = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) throw invalid(`"${email}" is not an email address`, field);
  const row = await data.insertContact(tx, { workspaceId, id: hexId(), role: 'lead', email: trimmed, customAttributes: {} });
  await appendEvent(tx, {
    workspaceId,
    aggregateType: 'contact',
    aggregateId: row.id,
    type: 'contact.created',
    payload: { actor_id: actorId, contact_id: row.id, role: row.role },
  });
  return row;
}
