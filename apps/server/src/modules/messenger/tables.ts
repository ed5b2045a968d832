import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A workspace's Messenger: customization and content-safety settings (validated JSON), and the
 * identity-verification secret sealed with the keyring. Enforcement is `workspaces.identity_verification`.
 */
export const messengerSettings = pgTable('messenger_settings', {
  workspaceId: bigint('workspace_id', { mode: 'number' }).primaryKey(),
  settings: jsonb('settings').notNull().default({}),
  identitySecretSealed: text('identity_secret_sealed'),
  /** When the current secret was made: identities verified before it are verified again. */
  identitySecretCreatedAt: timestamp('identity_secret_created_at', { withTimezone: true }),
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
    /** Attributes an anonymous visitor booted with, kept until its lead is created (first message). */
    pendingAttributes: jsonb('pending_attributes').notNull().default({}),
    /** When an identified boot bound this visitor to its user (null: anonymous or a lead). */
    identifiedAt: timestamp('identified_at', { withTimezone: true }),
    /** When that identity last passed verification (user_hash or JWT under the current secret). */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** The page it was last on (a conversation it starts records it as the source's url). */
    lastPageUrl: text('last_page_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('messenger_visitors_contact_idx').on(t.workspaceId, t.contactId),
    // The daily prune of anonymous visitors runs across workspaces: the one index not led by workspace_id.
    index('messenger_visitors_anonymous_seen_idx').on(t.lastSeenAt).where(sql`contact_id is null`),
  ],
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
  // File URLs name the id only (it is unguessable), so it is unique on its own.
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('attachments_id_idx').on(t.id)],
);
