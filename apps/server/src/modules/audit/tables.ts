import { bigint, bigserial, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Append-only: written only by the audit consumer of the event log, never updated or deleted. */
export const auditEvents = pgTable(
  'audit_events',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    eventId: uuid('event_id').notNull().unique(),
    action: text('action').notNull(),
    actorId: bigint('actor_id', { mode: 'number' }),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    metadata: jsonb('metadata').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);
