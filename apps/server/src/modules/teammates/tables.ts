import { bigint, bigserial, index, inet, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A person's account: one login across every workspace they belong to (memberships). */
export const teammates = pgTable('teammates', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** TOTP secret sealed with the keyring; set while enrolling, active once `twoFactorEnabledAt` is set. */
  totpSecret: text('totp_secret'),
  twoFactorEnabledAt: timestamp('two_factor_enabled_at', { withTimezone: true }),
  /** The last TOTP time step accepted, so a code cannot be replayed. */
  totpLastTimeStep: bigint('totp_last_time_step', { mode: 'number' }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teammateId: bigint('teammate_id', { mode: 'number' }).notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_teammate_idx').on(t.teammateId)],
);

/** Browser sessions of the Inbox. A session waiting for its second factor has `pendingTwoFactor`. */
export const sessions = pgTable(
  'sessions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    teammateId: bigint('teammate_id', { mode: 'number' }).notNull(),
    workspaceId: bigint('workspace_id', { mode: 'number' }),
    pendingTwoFactor: timestamp('pending_two_factor', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_teammate_idx').on(t.teammateId)],
);

/** Failed sign-ins, counted per account and per address to throttle guessing. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: inet('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_email_idx').on(t.email, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
);
