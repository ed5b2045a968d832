import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    url: text('url').notNull(),
    topics: jsonb('topics').notNull(),
    /** The signing secret, sealed with the keyring. */
    secret: text('secret').notNull(),
    active: boolean('active').notNull().default(true),
    disabledReason: text('disabled_reason'),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** One row per attempt to deliver one notification: the delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    subscriptionId: text('subscription_id').notNull(),
    notificationId: text('notification_id').notNull(),
    eventId: uuid('event_id'),
    topic: text('topic').notNull(),
    attempt: integer('attempt').notNull(),
    requestBody: text('request_body').notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    error: text('error'),
    latencyMs: integer('latency_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('webhook_deliveries_subscription_idx').on(t.workspaceId, t.subscriptionId, t.id),
    index('webhook_deliveries_notification_idx').on(t.workspaceId, t.notificationId),
  ],
);

