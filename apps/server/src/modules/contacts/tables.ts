import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Users (identified) and leads (anonymous until they identify) of a workspace. */
export const contacts = pgTable(
  'contacts',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    role: text('role').notNull(),
    externalId: text('external_id'),
    email: text('email'),
    phone: text('phone'),
    name: text('name'),
    avatar: text('avatar'),
    ownerId: bigint('owner_id', { mode: 'number' }),
    unsubscribedFromEmails: boolean('unsubscribed_from_emails').notNull().default(false),
    hasHardBounced: boolean('has_hard_bounced').notNull().default(false),
    markedEmailAsSpam: boolean('marked_email_as_spam').notNull().default(false),
    /** Archived contacts are left out of lists and searches (unless a search filters on `archived`) until unarchived. */
    archived: boolean('archived').notNull().default(false),
    /** Standard attributes that are rarely queried: browser, os, location, utm_*, referrer, ios_*, android_*. */
    profile: jsonb('profile').notNull().default({}),
    customAttributes: jsonb('custom_attributes').notNull().default({}),
    signedUpAt: at('signed_up_at'),
    lastSeenAt: at('last_seen_at'),
    lastRepliedAt: at('last_replied_at'),
    lastContactedAt: at('last_contacted_at'),
    lastEmailOpenedAt: at('last_email_opened_at'),
    lastEmailClickedAt: at('last_email_clicked_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('contacts_user_external_id_idx').on(t.workspaceId, t.externalId).where(sql`role = 'user' and external_id is not null`),
    uniqueIndex('contacts_user_email_idx').on(t.workspaceId, sql`lower(email)`).where(sql`role = 'user' and email is not null`),
    index('contacts_email_idx').on(t.workspaceId, sql`lower(email)`),
    // Lookups by external_id of any role (the Messenger's boot, the API's find by user_id): the unique index covers users only.
    index('contacts_external_id_idx').on(t.workspaceId, t.externalId).where(sql`external_id is not null`),
    index('contacts_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('contacts_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
);

/** Which contacts belong to which companies. */
export const contactCompanies = pgTable(
  'contact_companies',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    contactId: text('contact_id').notNull(),
    companyId: text('company_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.contactId, t.companyId] }), index('contact_companies_company_idx').on(t.workspaceId, t.companyId)],
);
