import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const tags = pgTable(
  'tags',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('tags_name_idx').on(t.workspaceId, sql`lower(name)`)],
);

/** A tag applied to a contact, company or conversation. */
export const taggings = pgTable(
  'taggings',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    tagId: bigint('tag_id', { mode: 'number' }).notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    appliedBy: bigint('applied_by', { mode: 'number' }),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.tagId, t.targetType, t.targetId] }),
    index('taggings_target_idx').on(t.workspaceId, t.targetType, t.targetId),
  ],
);
