import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A workspace's saved conversation views (filters on state, assignee, team, tag, priority, contact attributes). */
export const savedViews = pgTable(
  'saved_views',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    filters: jsonb('filters').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** A teammate @mentioned in a note: the "Mentions" inbox, unread until they read the conversation. */
export const mentions = pgTable(
  'mentions',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    teammateId: bigint('teammate_id', { mode: 'number' }).notNull(),
    partId: text('part_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    mentionedBy: bigint('mentioned_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    seenAt: timestamp('seen_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.teammateId, t.partId] }),
    index('mentions_conversation_idx').on(t.workspaceId, t.teammateId, t.conversationId),
    index('mentions_unread_idx').on(t.workspaceId, t.teammateId, t.conversationId).where(sql`seen_at is null`),
  ],
);
