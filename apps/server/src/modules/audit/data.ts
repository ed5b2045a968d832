import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { auditEvents } from './tables.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;

/** Idempotent on the event id: a redelivered event adds nothing. */
export async function insertAuditEvents(db: Executor, values: (typeof auditEvents.$inferInsert)[]): Promise<void> {
  if (values.length) await db.insert(auditEvents).values(values).onConflictDoNothing({ target: auditEvents.eventId });
}

export async function listAuditEvents(db: Executor, workspaceId: number, before: number | null, limit: number): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(before === null ? eq(auditEvents.workspaceId, workspaceId) : and(eq(auditEvents.workspaceId, workspaceId), lt(auditEvents.id, before)))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
