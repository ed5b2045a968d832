import { appendEvent } from '../../platform/events/outbox.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';
import { deleteContactIn } from './delete-contact.ts';
import type { ContactRow } from './intercom-contact.ts';

/**
 * `POST /contacts/merge`: the lead's conversations, events, notes, tags and companies move to the
 * user, the user keeps its own values and gains the lead's where it had none, and the lead is deleted.
 */
export async function mergeContacts(platform: Platform, workspaceId: number, actorId: number | null, fromId: string, intoId: string): Promise<ContactRow> {
  if (fromId === intoId) throw invalid('A contact cannot be merged into itself', 'into');
  return platform.database.transaction(async (tx) => {
    const lead = await data.findContact(tx, workspaceId, fromId);
    if (!lead) throw notFound('Contact');
    const user = await data.findContact(tx, workspaceId, intoId);
    if (!user) throw notFound('Contact');
    if (lead.role !== 'lead') throw invalid(`Contact ${fromId} is a user; only a lead can be merged into another contact`, 'from');
    if (user.role !== 'user') throw invalid(`Contact ${intoId} is a lead; a lead can only be merged into a user`, 'into');
    await data.moveLeadRecords(tx, workspaceId, lead.id, user.id);
    await deleteContactIn(tx, workspaceId, actorId, lead.id);
    const merged = await data.updateContact(tx, workspaceId, user.id, {
      phone: user.phone ?? lead.phone,
      name: user.name ?? lead.name,
      avatar: user.avatar ?? lead.avatar,
      lastSeenAt: latest(user.lastSeenAt, lead.lastSeenAt),
      profile: { ...(lead.profile as object), ...(user.profile as object) },
      customAttributes: { ...(lead.customAttributes as object), ...(user.customAttributes as object) },
    });
    if (!merged) throw notFound('Contact');
    await appendEvent(tx, {
      workspaceId,
      aggregateType: 'contact',
      aggregateId: user.id,
      type: 'contact.merged',
      payload: { actor_id: actorId, from_contact_id: lead.id, into_contact_id: user.id },
    });
    return merged;
  });
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
