import { bigint, index, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';

/** The last number handed out in each workspace's teammate stream (assigned by the realtime consumer). */
export const realtimeStreams = pgTable('realtime_streams', {
  workspaceId: bigint('workspace_id', { mode: 'number' }).primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});

/**
 * The teammate stream: the workspace's conversation events numbered in the order the realtime consumer
 * delivered them, so a reconnecting Inbox resumes by number. Pruned with the events it points at.
 */
export const realtimeStreamEvents = pgTable(
  'realtime_stream_events',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.seq] }), index('realtime_stream_events_created_idx').on(t.createdAt)],
);
