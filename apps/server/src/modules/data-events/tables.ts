import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

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

/**
 * Imported counts of a contact's events (`POST /events/summaries`): per event name, how often it
 * happened and the first and last time. A new summary for a name replaces the previous one; the
 * `GET /events?summary=true` view adds the events recorded one by one.
 */
export const dataEventSummaries = pgTable(
  'data_event_summaries',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    contactId: text('contact_id').notNull(),
    eventName: text('event_name').notNull(),
    count: integer('count').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.contactId, t.eventName] })],
);
