import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { dataEvents } from './tables.ts';

export type DataEventRow = typeof dataEvents.$inferSelect;

export async function insertDataEvent(db: Executor, values: typeof dataEvents.$inferInsert): Promise<DataEventRow> {
  const [row] = await db.insert(dataEvents).values(values).returning();
  return row as DataEventRow;
}

/** Intercom de-duplicates events by contact, name and time; so do we. */
export async function dataEventExists(db: Executor, workspaceId: number, contactId: string, eventName: string, createdAt: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: dataEvents.id })
    .from(dataEvents)
    .where(
      and(
        eq(dataEvents.workspaceId, workspaceId),
        eq(dataEvents.contactId, contactId),
        eq(dataEvents.eventName, eventName),
        eq(dataEvents.createdAt, createdAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** A contact's events, newest first; `before` continues after the last row of the previous page. */
export async function listDataEvents(
  db: Executor,
  workspaceId: number,
  contactId: string,
  options: { limit: number; before?: { createdAt: Date; id: number } },
): Promise<DataEventRow[]> {
  const conditions = [eq(dataEvents.workspaceId, workspaceId), eq(dataEvents.contactId, contactId)];
  const { before } = options;
  if (before) {
    const earlier = or(lt(dataEvents.createdAt, before.createdAt), and(eq(dataEvents.createdAt, before.createdAt), lt(dataEvents.id, before.id)));
    if (earlier) conditions.push(earlier);
  }
  return db
    .select()
    .from(dataEvents)
    .where(and(...conditions))
    .orderBy(desc(dataEvents.createdAt), desc(dataEvents.id))
    .limit(options.limit);
}

export interface EventSummaryRow {
  name: string;
  first: Date;
  last: Date;
  count: number;
}

export async function summarizeDataEvents(db: Executor, workspaceId: number, contactId: string): Promise<EventSummaryRow[]> {
  const found = await db
    .select({
      name: dataEvents.eventName,
      first: sql<string>`min(${dataEvents.createdAt})`,
      last: sql<string>`max(${dataEvents.createdAt})`,
      count: sql<number>`count(*)::int`,
    })
    .from(dataEvents)
    .where(and(eq(dataEvents.workspaceId, workspaceId), eq(dataEvents.contactId, contactId)))
    .groupBy(dataEvents.eventName)
    .orderBy(dataEvents.eventName);
  return found.map((row) => ({ name: row.name, first: new Date(row.first), last: new Date(row.last), count: Number(row.count) }));
}
