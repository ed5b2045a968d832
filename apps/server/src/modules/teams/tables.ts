import { bigint, bigserial, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const teams = pgTable(
  'teams',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    teamId: bigint('team_id', { mode: 'number' }).notNull(),
    teammateId: bigint('teammate_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.teamId, t.teammateId] }), index('team_members_teammate_idx').on(t.workspaceId, t.teammateId)],
);
