import { appendEvent } from '../../platform/events/outbox.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';
import type { ContactRow } from './intercom-contact.ts';

/**
 * `POST /contacts/{id}/archive` and `/unarchive`. An archived contact keeps its data and can still be
 * fetched by id, but `GET /contacts` and searches leave it out (a search that filters on `archived`
 * sees it). Archiving an archived contact changes nothing and appends no event.
 */
export async function setContactArchived(platform: Platform, workspaceId: number, actorId: number | null, id: string, archived: boolean): Promise<ContactRow> {
  return platform.database.transaction(async (tx) => {
    const existing = await data.findContact(tx, workspaceId, id);
    if (!existing) throw notFound('Contact');
    if (existing.archived === archived) return existing;
    const row = await data.updateContact(tx, workspaceId, id, { archived });
    if (!row) throw notFound('Contact');
    await appendEvent(tx, {
      workspaceId,
      aggregateType: 'contact',
      aggregateId: id,
      type: archived ? 'contact.archived' : 'contact.unarchived',
      payload: { actor_id: actorId, contact_id: id, external_id: row.externalId, role: row.role },
    });
    return row;
  });
}
