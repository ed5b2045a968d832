import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A workspace's Messenger: customization and content-safety settings (validated JSON), and the
 * identity-verification secret sealed with the keyring. Enforcement is `workspaces.identity_verification`.
 */
export const messengerSettings = pgTable('messenger_settings', {
  workspaceId: bigint('workspace_id', { mode: 'number' }).primaryKey(),
  settings: jsonb('settings').notNull().default({}),
  identitySecretSealed: text('identity_secret_sealed'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A browser that booted the Messenger. Anonymous until it identifies or writes (then `contact_id` is
 * its lead or user); its id is what `getVisitorId()` returns and what visitor tokens carry.
 */
export const messengerVisitors = pgTable(
  'messenger_visitors',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    contactId: text('contact_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('messenger_visitors_contact_idx').on(t.workspaceId, t.contactId)],
);

/** Uploaded files (Messenger and Inbox attachments), kept in the database so every node serves them. */
export const attachments = pgTable(
  'attachments',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: jsonb('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);
