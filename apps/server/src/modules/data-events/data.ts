import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { dataEventSummaries, dataEvents } from './tables.ts';

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

/**
 * Per event name: the events recorded one by one plus the imported summary of that name, if any
 * (counts add up; first is the earlier, last the later of the two).
 */
export async function summarizeDataEvents(db: Executor, workspaceId: number, contactId: string): Promise<EventSummaryRow[]> {
  const [tracked, imported] = await Promise.all([
    db
      .select({
        name: dataEvents.eventName,
        first: sql<string>`min(${dataEvents.createdAt})`,
        last: sql<string>`max(${dataEvents.createdAt})`,
        count: sql<number>`count(*)::int`,
      })
      .from(dataEvents)
      .where(and(eq(dataEvents.workspaceId, workspaceId), eq(dataEvents.contactId, contactId)))
      .groupBy(dataEvents.eventName),
    db
      .select()
      .from(dataEventSummaries)
      .where(and(eq(dataEventSummaries.workspaceId, workspaceId), eq(dataEventSummaries.contactId, contactId))),
  ]);
  const byName = new Map<string, EventSummaryRow>();
  for (const row of tracked) byName.set(row.name, { name: row.name, first: new Date(row.first), last: new Date(row.last), count: Number(row.count) });
  for (const row of imported) {
    const seen = byName.get(row.eventName);
    byName.set(
      row.eventName,
      seen
        ? {
            name: row.eventName,
            first: new Date(Math.min(seen.first.getTime(), row.firstAt.getTime())),
            last: new Date(Math.max(seen.last.getTime(), row.lastAt.getTime())),
            count: seen.count + row.count,
          }
        : { name: row.eventName, first: row.firstAt, last: row.lastAt, count: row.count },
    );
  }
  return [...byName.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

export interface ImportedSummary {
  eventName: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

/** Stores imported summaries of a contact's events; a summary replaces the earlier one of the same name. */
export async function upsertEventSummaries(tx: Tx, workspaceId: number, contactId: string, summaries: ImportedSummary[]): Promise<void> {
  if (summaries.length === 0) return;
  await tx
    .insert(dataEventSummaries)
    .values(summaries.map((summary) => ({ workspaceId, contactId, ...summary })))
    .onConflictDoUpdate({
      target: [dataEventSummaries.workspaceId, dataEventSummaries.contactId, dataEventSummaries.eventName],
      set: { count: sql`excluded.count`, firstAt: sql`excluded.first_at`, lastAt: sql`excluded.last_at`, updatedAt: sql`now()` },
    });
}
