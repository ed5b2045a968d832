import { and, desc, eq, inArray, lt, max, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { webhookDeliveries, webhookSubscriptions } from './tables.ts';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewDelivery = typeof webhookDeliveries.$inferInsert;

export async function insertSubscription(
  db: Executor,
  values: { workspaceId: number; id: string; url: string; topics: string[]; secret: string; createdBy: number | null },
): Promise<SubscriptionRow> {
  const [row] = await db.insert(webhookSubscriptions).values(values).returning();
  return row as SubscriptionRow;
}

export async function findSubscription(db: Executor, workspaceId: number, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.workspaceId, workspaceId), eq(webhookSubscriptions.id, id)));
  return row;
}

export async function listSubscriptions(db: Executor, workspaceId: number): Promise<SubscriptionRow[]> {
  return db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.workspaceId, workspaceId)).orderBy(webhookSubscriptions.createdAt);
}

/** The active subscriptions of these workspaces: what the event consumer matches against. */
export async function activeSubscriptionsOf(db: Executor, workspaceIds: number[]): Promise<Pick<SubscriptionRow, 'workspaceId' | 'id' | 'topics'>[]> {
  if (!workspaceIds.length) return [];
  return db
    .select({ workspaceId: webhookSubscriptions.workspaceId, id: webhookSubscriptions.id, topics: webhookSubscriptions.topics })
    .from(webhookSubscriptions)
    .where(and(inArray(webhookSubscriptions.workspaceId, workspaceIds), eq(webhookSubscriptions.active, true)));
}

export async function updateSubscription(
  db: Executor,
  workspaceId: number,
  id: string,
  values: Partial<Pick<SubscriptionRow, 'url' | 'topics' | 'active' | 'disabledReason'>>,
): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .update(webhookSubscriptions)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(webhookSubscriptions.workspaceId, workspaceId), eq(webhookSubscriptions.id, id)))
    .returning();
  return row;
}

export async function deleteSubscription(db: Executor, workspaceId: number, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .delete(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.workspaceId, workspaceId), eq(webhookSubscriptions.id, id)))
    .returning();
  return row;
}

export async function deleteDeliveriesOf(db: Executor, workspaceId: number, subscriptionId: string): Promise<void> {
  await db.delete(webhookDeliveries).where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.subscriptionId, subscriptionId)));
}

export async function insertDelivery(db: Executor, values: NewDelivery): Promise<DeliveryRow> {
  const [row] = await db.insert(webhookDeliveries).values(values).returning();
  return row as DeliveryRow;
}

export async function findDelivery(db: Executor, workspaceId: number, subscriptionId: string, id: number): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.subscriptionId, subscriptionId), eq(webhookDeliveries.id, id)));
  return row;
}

/** A subscription's delivery log, newest first, `limit` rows after the cursor (an id). */
export async function listDeliveries(db: Executor, workspaceId: number, subscriptionId: string, options: { before?: number; limit: number }): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, workspaceId),
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        options.before === undefined ? undefined : lt(webhookDeliveries.id, options.before),
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(options.limit);
}

export async function lastAttemptOf(db: Executor, workspaceId: number, notificationId: string): Promise<number> {
  const [row] = await db
    .select({ attempt: max(webhookDeliveries.attempt) })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.notificationId, notificationId)));
  return row?.attempt ?? 0;
}

export async function pruneDeliveries(db: Executor, retentionDays: number): Promise<void> {
  await db.delete(webhookDeliveries).where(lt(webhookDeliveries.createdAt, sql`now() - ${retentionDays} * interval '1 day'`));
}

/**
 * Enqueues a job in the embedded jobs table inside the caller's transaction. The event consumer runs
 * in the dispatcher's transaction, and PGlite has one connection: `Jobs.enqueue` (which uses its own)
 * would wait for that transaction for ever. Written here, the job also commits exactly with the
 * cursor. Same row as platform/jobs/table-jobs.ts writes; it belongs there as `enqueue(..., {tx})`.
 */
