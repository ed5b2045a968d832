import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { contacts } from '../contacts/tables.ts';
import { segments } from './tables.ts';

export type SegmentRow = typeof segments.$inferSelect;

export async function insertSegment(db: Executor, values: typeof segments.$inferInsert): Promise<SegmentRow> {
  const [row] = await db.insert(segments).values(values).returning();
  return row as SegmentRow;
}

export async function findSegment(db: Executor, workspaceId: number, id: string): Promise<SegmentRow | undefined> {
  const [row] = await db
    .select()
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)));
  return row;
}

export async function listSegments(db: Executor, workspaceId: number): Promise<SegmentRow[]> {
  return db.select().from(segments).where(eq(segments.workspaceId, workspaceId)).orderBy(asc(segments.createdAt), asc(segments.id));
}

/**
 * How many contacts of the workspace match a compiled contact search condition. The condition is
 * written over the contacts table by the contacts module's search fields, so it is counted there.
 */
export async function countContacts(db: Executor, workspaceId: number, role: 'user' | 'lead' | undefined, condition: SQL): Promise<number> {
  const conditions = [eq(contacts.workspaceId, workspaceId), condition];
  if (role) conditions.push(eq(contacts.role, role));
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(...conditions));
  return Number(row?.count ?? 0);
}

/** A contact search condition narrowed to one role (a segment's person type). */
export const withRole = (role: 'user' | 'lead', condition: SQL): SQL => sql`(${contacts.role} = ${role} and ${condition})`;

/**
 * Which of the given compiled segment conditions one contact satisfies, in one query; a condition that
 * is null for the contact (a missing attribute) does not match.
 */
export async function matchingConditions(db: Executor, workspaceId: number, contactId: string, conditions: SQL[]): Promise<boolean[]> {
  if (conditions.length === 0) return [];
  const columns = Object.fromEntries(conditions.map((condition, index) => [`s${index}`, sql<boolean>`coalesce((${condition}), false)`]));
  const [row] = await db
    .select(columns)
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  return conditions.map((_, index) => row?.[`s${index}`] === true);
}
