import { bigint, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A saved contact filter: a search query in Intercom's grammar, evaluated when read. */
export const segments = pgTable(
  'segments',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    personType: text('person_type').notNull(),
    query: jsonb('query').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);
