import { sql } from 'drizzle-orm';
import { bigint, bigserial, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL's 64-bit transaction id, read as a decimal string. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * The outbox and event log: written in the same transaction as the change it describes.
 * `txid` tells the dispatcher which transaction wrote it (see dispatcher.ts); `sequence` counts per aggregate.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull().unique().default(sql`gen_random_uuid()`),
    txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    sequence: integer('sequence').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_txid_idx').on(t.txid),
    index('events_aggregate_idx').on(t.workspaceId, t.aggregateType, t.aggregateId, t.sequence),
  ],
);

/** The last sequence number handed out per aggregate; the row lock serialises writers of one aggregate. */
export const aggregateSequences = pgTable(
  'aggregate_sequences',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    lastSequence: integer('last_sequence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.aggregateType, t.aggregateId] })],
);

/**
 * Each consumer's position in the event log, like a Kafka consumer's offset. `snapshot` is the
 * database snapshot up to which everything was delivered; `nextSnapshot` and `eventId` track the
 * generation being delivered (see dispatcher.ts).
 */
export const eventCursors = pgTable('event_cursors', {
  consumer: text('consumer').primaryKey(),
  snapshot: text('snapshot').notNull().default('1:1:'),
  nextSnapshot: text('next_snapshot'),
  eventId: bigint('event_id', { mode: 'number' }).notNull().default(0),
  /** The largest event id of the generation under way: later pages read ids up to it only. */
  generationEndId: bigint('generation_end_id', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
