import type { Tx } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { removeAllTags } from '../tags/service.ts';
import * as data from './data.ts';
import type { ContactRow } from './intercom-contact.ts';

/** Deletes the contact row with its tags and company memberships, and appends `contact.deleted`. */
export async function deleteContactIn(tx: Tx, workspaceId: number, actorId: number | null, id: string): Promise<ContactRow> {
  await removeAllTags(tx, workspaceId, 'contact', id);
  const row = await data.deleteContact(tx, workspaceId, id);
  if (!row) throw notFound('Contact');
  await appendEvent(tx, {
    workspaceId,
    aggregateType: 'contact',
    aggregateId: id,
    type: 'contact.deleted',
    payload: { actor_id: actorId, contact_id: id, external_id: row.externalId, role: row.role },
  });
  return row;
}

/** `DELETE /contacts/{id}`. */
export async function deleteContact(platform: Platform, workspaceId: number, actorId: number | null, id: string): Promise<ContactRow> {
  return platform.database.transaction(async (tx) => {
    if (!(await data.findContact(tx, workspaceId, id))) throw notFound('Contact');
    return deleteContactIn(tx, workspaceId, actorId, id);
  });
}
