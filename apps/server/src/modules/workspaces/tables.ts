import { bigint, bigserial, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const workspaces = pgTable('workspaces', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  idCode: text('id_code').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  region: text('region').notNull().default('Self-hosted'),
  identityVerification: boolean('identity_verification').notNull().default(false),
  /** Every teammate must turn on two-factor authentication before using the workspace. */
  requireTwoFactor: boolean('require_two_factor').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A teammate's seat in a workspace: a role plus the explicit permission flags the server checks. */
export const memberships = pgTable(
  'memberships',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    teammateId: bigint('teammate_id', { mode: 'number' }).notNull(),
    role: text('role').notNull(),
    permissions: jsonb('permissions').notNull(),
    /** The teammate set themself away in this workspace (Intercom's away mode); they can still work. */
    awayModeEnabled: boolean('away_mode_enabled').notNull().default(false),
    /** While away, a contact's reply to a conversation assigned to them unassigns it. */
    awayModeReassign: boolean('away_mode_reassign').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.teammateId] }), index('memberships_teammate_idx').on(t.teammateId)],
);

export const invites = pgTable(
  'invites',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: bigint('invited_by', { mode: 'number' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('invites_token_idx').on(t.tokenHash)],
);
