import { appendEvent } from '../../platform/events/outbox.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { attachContactToCompany, detachContactFromCompany, findContact } from '../contacts/service.ts';
import * as data from './data.ts';

type Change = 'attached' | 'detached';

async function changeMembership(platform: Platform, workspaceId: number, actorId: number | null, contactId: string, companyId: string, change: Change) {
  return platform.database.transaction(async (tx) => {
    if (!(await findContact(tx, workspaceId, contactId))) throw notFound('Contact');
    const company = await data.findCompany(tx, workspaceId, companyId);
    if (!company) throw notFound('Company');
    const changed =
      change === 'attached'
        ? await attachContactToCompany(tx, workspaceId, contactId, companyId)
        : await detachContactFromCompany(tx, workspaceId, contactId, companyId);
    if (changed) {
      await appendEvent(tx, {
        workspaceId,
        aggregateType: 'company',
        aggregateId: companyId,
        type: `company.contact.${change}`,
        payload: { actor_id: actorId, company_id: companyId, contact_id: contactId },
      });
    }
    return company;
  });
}

/** `POST /contacts/{id}/companies {id}`: attaching twice is not an error. */
export const attachContact = (platform: Platform, workspaceId: number, actorId: number | null, contactId: string, companyId: string) =>
  changeMembership(platform, workspaceId, actorId, contactId, companyId, 'attached');

/** `DELETE /contacts/{id}/companies/{company_id}`: 404 only when the contact or company does not exist. */
export const detachContact = (platform: Platform, workspaceId: number, actorId: number | null, contactId: string, companyId: string) =>
  changeMembership(platform, workspaceId, actorId, contactId, companyId, 'detached');
