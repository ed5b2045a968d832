import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { companies } from './tables.ts';

export type CompanyRow = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
export type CompanyChanges = Partial<Omit<NewCompany, 'workspaceId' | 'id' | 'companyId' | 'createdAt'>>;

export async function insertCompany(db: Executor, values: NewCompany): Promise<CompanyRow | undefined> {
  const [row] = await db.insert(companies).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findCompany(db: Executor, workspaceId: number, id: string): Promise<CompanyRow | undefined> {
  const [row] = await db.select().from(companies).where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, id)));
  return row;
}

export async function findCompaniesByIds(db: Executor, workspaceId: number, ids: string[]): Promise<CompanyRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), inArray(companies.id, ids)));
}

/** By the business's own company id (the upsert key); locked when inside a transaction that will update it. */
export async function findCompanyByCompanyId(db: Executor, workspaceId: number, companyId: string): Promise<CompanyRow | undefined> {
  const [row] = await db
    .select()
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), eq(companies.companyId, companyId)));
  return row;
}

export async function findCompanyByName(db: Executor, workspaceId: number, name: string): Promise<CompanyRow | undefined> {
  const [row] = await db
    .select()
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), eq(companies.name, name)))
    .orderBy(asc(companies.createdAt))
    .limit(1);
  return row;
}

export async function updateCompany(db: Executor, workspaceId: number, id: string, changes: CompanyChanges): Promise<CompanyRow | undefined> {
  const [row] = await db
    .update(companies)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, id)))
    .returning();
  return row;
}

export async function deleteCompany(db: Executor, workspaceId: number, id: string): Promise<CompanyRow | undefined> {
  const [row] = await db
    .delete(companies)
    .where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, id)))
    .returning();
  return row;
}

/** Companies whose name contains the text, case-insensitively (the Inbox's filter). */
const nameContains = (text: string | undefined) =>
  text ? sql`${companies.name} ilike ${`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'` : undefined;

/** A page of companies by creation time; `ids` restricts the list (a tag's companies), `nameContains` to names containing a text. */
export async function listCompanies(
  db: Executor,
  workspaceId: number,
  options: { order: 'asc' | 'desc'; limit: number; offset: number; ids?: string[]; nameContains?: string },
): Promise<CompanyRow[]> {
  if (options.ids?.length === 0) return [];
  const direction = options.order === 'asc' ? asc : desc;
  return db
    .select()
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), options.ids ? inArray(companies.id, options.ids) : undefined, nameContains(options.nameContains)))
    .orderBy(direction(companies.createdAt), direction(companies.id))
    .limit(options.limit)
    .offset(options.offset);
}

export async function countCompanies(db: Executor, workspaceId: number, ids?: string[], text?: string): Promise<number> {
  if (ids?.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), ids ? inArray(companies.id, ids) : undefined, nameContains(text)));
  return Number(row?.n ?? 0);
}

export interface CompanyPosition {
  micros: string;
  id: string;
}

/** The scroll: companies after a position in (created_at, id) order, with each row's position. */
export async function scrollCompanies(db: Executor, workspaceId: number, after: CompanyPosition | undefined, limit: number) {
  return db
    .select({ row: companies, micros: sql<string>`(extract(epoch from ${companies.createdAt}) * 1000000)::bigint::text` })
    .from(companies)
    .where(
      and(
        eq(companies.workspaceId, workspaceId),
        after
          ? sql`(${companies.createdAt}, ${companies.id}) > (timestamptz 'epoch' + ${after.micros}::bigint * interval '1 microsecond', ${after.id})`
          : undefined,
      ),
    )
    .orderBy(asc(companies.createdAt), asc(companies.id))
    .limit(limit);
}
