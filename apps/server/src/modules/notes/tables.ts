import { bigint, bigserial, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Teammates' notes on a contact. */
export const notes = pgTable(
  'notes',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    contactId: text('contact_id').notNull(),
    authorId: bigint('author_id', { mode: 'number' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('notes_contact_idx').on(t.workspaceId, t.contactId, t.createdAt)],
);
