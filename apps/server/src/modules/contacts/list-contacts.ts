import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { invalid } from '../../platform/http/errors.ts';
import { cursorPages, decodeCursor, encodeCursor, perPage } from '../../platform/http/pagination.ts';
import * as data from './data.ts';
import { contactSearchCondition } from './search-fields.ts';
import { toIntercomContacts } from './service.ts';

export const defaultContactsPerPage = 50;

/** One page of contacts matching `condition`, oldest first, as rows: the REST list and the Inbox present them. */
async function contactRowPage(db: Executor, workspaceId: number, condition: SQL | undefined, options: { perPage?: number; startingAfter?: string }) {
  const size = perPage(options.perPage, defaultContactsPerPage);
  const cursor = decodeCursor(options.startingAfter);
  const position = cursor ? { micros: String(cursor.sort), id: cursor.id } : undefined;
  if (position && !/^-?[0-9]{1,20}$/.test(position.micros)) throw invalid('starting_after is not a cursor this server handed out', 'starting_after');
  const [found, totalCount, before] = await Promise.all([
    data.listContacts(db, workspaceId, { condition, after: position, limit: size + 1 }),
    data.countContacts(db, workspaceId, { condition }),
    position ? data.countContacts(db, workspaceId, { condition, atOrBefore: position }) : Promise.resolve(0),
  ]);
  const pageRows = found.slice(0, size);
  const last = pageRows.at(-1);
  const next = found.length > size && last ? { sort: last.micros, id: last.row.id } : undefined;
  return { rows: pageRows.map((item) => item.row), totalCount, next, page: Math.floor(before / size) + 1, size };
}

/** One page of a cursor list of contacts matching `condition`, oldest first, in the REST shape. */
async function contactPage(db: Executor, workspaceId: number, condition: SQL | undefined, options: { perPage?: number; startingAfter?: string }) {
  const page = await contactRowPage(db, workspaceId, condition, options);
  return {
    type: 'list' as const,
    data: await toIntercomContacts(db, workspaceId, page.rows),
    total_count: page.totalCount,
    pages: cursorPages({ page: page.page, perPage: page.size, totalCount: page.totalCount, next: page.next }),
  };
}

/** `GET /contacts?per_page&starting_after`: archived contacts are left out. */
export async function listContacts(db: Executor, workspaceId: number, options: { perPage?: number; startingAfter?: string }) {
  return contactPage(db, workspaceId, data.notArchived, options);
}

/** `POST /contacts/search {query, pagination}`: archived contacts are left out unless the query filters on `archived`. */
export async function searchContacts(db: Executor, workspaceId: number, query: unknown, pagination: { per_page?: number; starting_after?: string | null } = {}) {
  const condition = await contactSearchCondition(db, workspaceId, query);
  return contactPage(db, workspaceId, condition, { perPage: pagination.per_page, startingAfter: pagination.starting_after ?? undefined });
}

/**
 * Contacts matching a search query (Intercom's grammar), or every contact when there is none;
 * archived contacts left out as in the REST list and search.
 */
export async function findContactRows(db: Executor, workspaceId: number, query: unknown, options: { perPage?: number; startingAfter?: string }) {
  const condition = query === undefined ? data.notArchived : await contactSearchCondition(db, workspaceId, query);
  const page = await contactRowPage(db, workspaceId, condition, options);
  return { rows: page.rows, totalCount: page.totalCount, next: page.next ? encodeCursor(page.next) : null };
}
