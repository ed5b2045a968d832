import { bigint, bigserial, boolean, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A reply (or note) plus actions — tag, assign, priority, snooze, close — run together from the composer. */
export const macros = pgTable(
  'macros',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    body: text('body'),
    note: boolean('note').notNull().default(false),
    actions: jsonb('actions').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);
