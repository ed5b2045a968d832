import type { Executor } from '../../platform/db/database.ts';
import { countContactsOfCompanies, workspaceIdCode } from '../contacts/service.ts';
import { tagsOf } from '../tags/service.ts';
import * as data from './data.ts';
import { type IntercomCompany, toIntercomCompany } from './intercom-company.ts';

export type { CompanyRow } from './data.ts';
export type { IntercomCompany } from './intercom-company.ts';

export const findCompany = (db: Executor, workspaceId: number, id: string) => data.findCompany(db, workspaceId, id);
export const findCompanyByCompanyId = (db: Executor, workspaceId: number, companyId: string) => data.findCompanyByCompanyId(db, workspaceId, companyId);

/** Companies in the REST shape, with user counts and tags loaded in one query each. */
export async function toIntercomCompanies(db: Executor, workspaceId: number, rows: data.CompanyRow[]): Promise<IntercomCompany[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [idCode, counts, tags] = await Promise.all([
    workspaceIdCode(db, workspaceId),
    countContactsOfCompanies(db, workspaceId, ids),
    tagsOf(db, workspaceId, 'company', ids),
  ]);
  return rows.map((row) => toIntercomCompany(row, { workspaceIdCode: idCode, userCount: counts.get(row.id) ?? 0, tags: tags.get(row.id) ?? [] }));
}

export async function loadIntercomCompany(db: Executor, workspaceId: number, id: string): Promise<IntercomCompany | undefined> {
  const row = await data.findCompany(db, workspaceId, id);
  if (!row) return undefined;
  const [company] = await toIntercomCompanies(db, workspaceId, [row]);
  return company;
}

