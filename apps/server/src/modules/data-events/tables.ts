import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Things a contact did in the business's product (`POST /events`). */
export const dataEvents = pgTable(
  'data_events',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    contactId: text('contact_id').notNull(),
    eventName: text('event_name').notNull(),
    metadata: jsonb('metadata').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('data_events_contact_idx').on(t.workspaceId, t.contactId, t.createdAt)],
);
