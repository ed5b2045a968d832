import { bigint, bigserial, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Replies teammates insert by name or shortcut; bodies are sanitized HTML with {{placeholders}}. */
export const savedReplies = pgTable(
  'saved_replies',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    shortcut: text('shortcut'),
    body: text('body').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('saved_replies_shortcut_idx').on(t.workspaceId, t.shortcut)],
);
