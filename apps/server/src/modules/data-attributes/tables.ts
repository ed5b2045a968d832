import { bigint, bigserial, boolean, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Declared custom attributes of contacts, companies and conversations; values are validated against them. */
export const dataAttributes = pgTable(
  'data_attributes',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    model: text('model').notNull(),
    name: text('name').notNull(),
    label: text('label').notNull(),
    description: text('description'),
    dataType: text('data_type').notNull(),
    options: jsonb('options'),
    messengerWritable: boolean('messenger_writable').notNull().default(false),
    archived: boolean('archived').notNull().default(false),
    adminId: bigint('admin_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('data_attributes_name_idx').on(t.workspaceId, t.model, t.name)],
);
