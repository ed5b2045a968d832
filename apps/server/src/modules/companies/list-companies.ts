import type { Executor } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor, offsetPages, pageNumber, perPage } from '../../platform/http/pagination.ts';
import { companyIdsOfContacts, contactIdsOfCompany, countContactsOfCompanies, findContact, findContactsByIds, toIntercomContacts } from '../contacts/service.ts';
import { targetIdsWithTag } from '../tags/service.ts';
import * as data from './data.ts';
import { toIntercomCompanies } from './service.ts';

export const defaultCompaniesPerPage = 15;
/** Companies per scroll page, as Intercom's scroll. */
export const scrollSize = 50;

interface OffsetRequest {
  page?: number;
  perPage?: number;
}

/** Builds `pages.next` of an offset list: the same address with the next page number. */
export type NextUrl = (page: number, perPage: number) => string;

function offset(request: OffsetRequest) {
  const page = pageNumber(request.page);
  const size = perPage(request.perPage, defaultCompaniesPerPage);
  return { page, size, offset: (page - 1) * size };
}

/** `POST /companies/list` and the list form of `GET /companies`: offset pages, `[]` past the end. */
export async function listCompanies(
  db: Executor,
  workspaceId: number,
  request: OffsetRequest & { order?: 'asc' | 'desc'; tagId?: string; nameContains?: string },
  nextUrl: NextUrl,
) {
  const { page, size, offset: skip } = offset(request);
  const ids = request.tagId === undefined ? undefined : await targetIdsWithTag(db, workspaceId, 'company', request.tagId);
  const nameContains = request.nameContains?.trim() || undefined;
  const [rows, totalCount] = await Promise.all([
    data.listCompanies(db, workspaceId, { order: request.order ?? 'desc', limit: size, offset: skip, ids, nameContains }),
    data.countCompanies(db, workspaceId, ids, nameContains),
  ]);
  return {
    type: 'list' as const,
    data: await toIntercomCompanies(db, workspaceId, rows),
    total_count: totalCount,
    pages: offsetPages({ page, perPage: size, totalCount, nextUrl: nextUrl(page + 1, size) }),
  };
}

/**
 * `GET /companies`: one company when asked by `company_id` or `name` (404 when none), otherwise a
 * list, optionally of a tag's companies.
 */
export async function retrieveCompanies(
  db: Executor,
  workspaceId: number,
  query: OffsetRequest & { companyId?: string; name?: string; tagId?: string; segmentId?: string },
  nextUrl: NextUrl,
) {
  if (query.companyId !== undefined || query.name !== undefined) {
    const row =
      query.companyId !== undefined
        ? await data.findCompanyByCompanyId(db, workspaceId, query.companyId)
        : await data.findCompanyByName(db, workspaceId, query.name as string);
    if (!row) throw notFound('Company');
    const [company] = await toIntercomCompanies(db, workspaceId, [row]);
    if (!company) throw notFound('Company');
    return company;
  }
  if (query.segmentId !== undefined) throw invalid('Listing companies by segment_id is not supported; segments here select contacts', 'segment_id');
  return listCompanies(db, workspaceId, { page: query.page, perPage: query.perPage, tagId: query.tagId }, nextUrl);
}

/** `GET /companies/scroll`: every company in pages of 50; the final, empty page has no `scroll_param`. */
export async function scrollCompanies(db: Executor, workspaceId: number, scrollParam: string | undefined) {
  let position: data.CompanyPosition | undefined;
  if (scrollParam) {
    const cursor = decodeCursor(scrollParam);
    if (!cursor || !/^-?[0-9]{1,20}$/.test(String(cursor.sort))) throw invalid('scroll_param is not one this server handed out', 'scroll_param');
    position = { micros: String(cursor.sort), id: cursor.id };
  }
  const [found, totalCount] = await Promise.all([data.scrollCompanies(db, workspaceId, position, scrollSize), data.countCompanies(db, workspaceId)]);
  const last = found.at(-1);
  return {
    type: 'list' as const,
    data: await toIntercomCompanies(
      db,
      workspaceId,
      found.map((item) => item.row),
    ),
    pages: null,
    total_count: totalCount,
    ...(last ? { scroll_param: encodeCursor({ sort: last.micros, id: last.row.id }) } : {}),
  };
}

/** `GET /contacts/{id}/companies`: offset pages of the contact's companies. */
export async function companiesOfContact(db: Executor, workspaceId: number, contactId: string, request: OffsetRequest, nextUrl: NextUrl) {
  if (!(await findContact(db, workspaceId, contactId))) throw notFound('Contact');
  const { page, size, offset: skip } = offset(request);
  const ids = (await companyIdsOfContacts(db, workspaceId, [contactId])).get(contactId) ?? [];
  const pageIds = ids.slice(skip, skip + size);
  const rows = new Map((await data.findCompaniesByIds(db, workspaceId, pageIds)).map((row) => [row.id, row]));
  return {
    type: 'list' as const,
    companies: await toIntercomCompanies(
      db,
      workspaceId,
      pageIds.flatMap((id) => rows.get(id) ?? []),
    ),
    total_count: ids.length,
    pages: offsetPages({ page, perPage: size, totalCount: ids.length, nextUrl: nextUrl(page + 1, size) }),
  };
}

/** `GET /companies/{id}/contacts`: offset pages of the company's contacts. */
export async function contactsOfCompany(db: Executor, workspaceId: number, companyId: string, request: OffsetRequest, nextUrl: NextUrl) {
  if (!(await data.findCompany(db, workspaceId, companyId))) throw notFound('Company');
  const { page, size, offset: skip } = offset({ page: request.page, perPage: request.perPage ?? 50 });
  const [ids, counts] = await Promise.all([
    contactIdsOfCompany(db, workspaceId, companyId, { limit: size, offset: skip }),
    countContactsOfCompanies(db, workspaceId, [companyId]),
  ]);
  const rows = new Map((await findContactsByIds(db, workspaceId, ids)).map((row) => [row.id, row]));
  const totalCount = counts.get(companyId) ?? 0;
  return {
    type: 'list' as const,
    data: await toIntercomContacts(
      db,
      workspaceId,
      ids.flatMap((id) => rows.get(id) ?? []),
    ),
    total_count: totalCount,
    pages: offsetPages({ page, perPage: size, totalCount, nextUrl: nextUrl(page + 1, size) }),
  };
}
