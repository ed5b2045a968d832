import { hexId } from '../../platform/crypto/tokens.ts';
import type { Tx } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { detachAllContactsFromCompany } from '../contacts/service.ts';
import { removeAllTags } from '../tags/service.ts';
import { type CompanyInput, companyColumnsOf } from './company-input.ts';
import * as data from './data.ts';

async function companyEvent(tx: Tx, workspaceId: number, actorId: number | null, type: string, row: data.CompanyRow) {
  const payload: Record<string, unknown> = { actor_id: actorId, company_id: row.id };
  if (type === 'company.deleted') payload.external_company_id = row.companyId;
  await appendEvent(tx, { workspaceId, aggregateType: 'company', aggregateId: row.id, type, payload });
}

/** `POST /companies`: creates the company with this `company_id`, or updates the one that has it. */
export async function upsertCompany(platform: Platform, workspaceId: number, actorId: number | null, input: CompanyInput & { company_id?: string }) {
  const companyId = input.company_id?.trim();
  if (!companyId) throw new AppError(400, 'parameter_not_found', 'company_id is required to create or update a company', { field: 'company_id' });
  return platform.database.transaction(async (tx) => {
    // Two concurrent upserts of one company_id: the insert that loses finds the winner's row and updates it.
    let existing = await data.findCompanyByCompanyId(tx, workspaceId, companyId);
    if (!existing) {
      const columns = await companyColumnsOf(tx, workspaceId, input);
      const row = await data.insertCompany(tx, { customAttributes: {}, ...columns, workspaceId, id: hexId(), companyId });
      if (row) {
        await companyEvent(tx, workspaceId, actorId, 'company.created', row);
        return row;
      }
      existing = await data.findCompanyByCompanyId(tx, workspaceId, companyId);
      if (!existing) throw new Error('company vanished during upsert');
    }
    return updateIn(tx, workspaceId, actorId, existing, input);
  });
}

async function updateIn(tx: Tx, workspaceId: number, actorId: number | null, existing: data.CompanyRow, input: CompanyInput) {
  const columns = await companyColumnsOf(tx, workspaceId, input, existing.customAttributes as Record<string, unknown>);
  const row = await data.updateCompany(tx, workspaceId, existing.id, columns);
  if (!row) throw notFound('Company');
  await companyEvent(tx, workspaceId, actorId, 'company.updated', row);
  return row;
}

/** `PUT /companies/{id}`. */
export async function updateCompany(platform: Platform, workspaceId: number, actorId: number | null, id: string, input: CompanyInput) {
  return platform.database.transaction(async (tx) => {
    const existing = await data.findCompany(tx, workspaceId, id);
    if (!existing) throw notFound('Company');
    return updateIn(tx, workspaceId, actorId, existing, input);
  });
}

/** `DELETE /companies/{id}`: contacts are detached (with `company.contact.detached`) and its tags removed. */
export async function deleteCompany(platform: Platform, workspaceId: number, actorId: number | null, id: string) {
  return platform.database.transaction(async (tx) => {
    const existing = await data.findCompany(tx, workspaceId, id);
    if (!existing) throw notFound('Company');
    for (const contactId of await detachAllContactsFromCompany(tx, workspaceId, id)) {
      await appendEvent(tx, {
        workspaceId,
        aggregateType: 'company',
        aggregateId: id,
        type: 'company.contact.detached',
        payload: { actor_id: actorId, company_id: id, contact_id: contactId },
      });
    }
    await removeAllTags(tx, workspaceId, 'company', id);
    const row = await data.deleteCompany(tx, workspaceId, id);
    if (!row) throw notFound('Company');
    await companyEvent(tx, workspaceId, actorId, 'company.deleted', row);
    return row;
  });
}
