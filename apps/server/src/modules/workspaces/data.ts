import type { Permissions, Role } from '@frontdesk/api-types';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { invites, memberships, workspaces } from './tables.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type InviteRow = typeof invites.$inferSelect;

export async function insertWorkspace(db: Executor, values: { idCode: string; name: string }): Promise<WorkspaceRow> {
  const [row] = await db.insert(workspaces).values(values).returning();
  return row as WorkspaceRow;
}

export async function findWorkspace(db: Executor, id: number): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return row;
}

export async function findWorkspaceByIdCode(db: Executor, idCode: string): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.idCode, idCode));
  return row;
}

export async function countWorkspaces(db: Executor): Promise<number> {
  return db.$count(workspaces);
}

export async function insertMembership(
  db: Executor,
  values: { workspaceId: number; teammateId: number; role: Role; permissions: Permissions },
): Promise<void> {
  await db.insert(memberships).values(values);
}

export async function findMembership(db: Executor, workspaceId: number, teammateId: number): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.teammateId, teammateId)));
  return row;
}

/** Every workspace a teammate belongs to, oldest membership first. */
export async function listWorkspacesOfTeammate(db: Executor, teammateId: number) {
  return db
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.teammateId, teammateId))
    .orderBy(memberships.createdAt);
}

export async function listMemberships(db: Executor, workspaceId: number): Promise<MembershipRow[]> {
  return db.select().from(memberships).where(eq(memberships.workspaceId, workspaceId)).orderBy(memberships.createdAt);
}

export async function updateMembershipRole(
  db: Executor,
  workspaceId: number,
  teammateId: number,
  role: Role,
  permissions: Permissions,
): Promise<void> {
  await db
    .update(memberships)
    .set({ role, permissions })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.teammateId, teammateId)));
}

export async function insertInvite(
  db: Executor,
  values: { workspaceId: number; email: string; role: Role; tokenHash: string; invitedBy: number; expiresAt: Date },
): Promise<InviteRow> {
  const [row] = await db.insert(invites).values(values).returning();
  return row as InviteRow;
}

/** An invite that can still be accepted. The token is global, so this is the one lookup not scoped by workspace. */
export async function findOpenInviteByTokenHash(db: Executor, tokenHash: string): Promise<InviteRow | undefined> {
  const [row] = await db
    .select()
    .from(invites)
    .where(and(eq(invites.tokenHash, tokenHash), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, new Date())));
  return row;
}

export async function listOpenInvites(db: Executor, workspaceId: number): Promise<InviteRow[]> {
  return db
    .select()
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, new Date())))
    .orderBy(desc(invites.createdAt));
}

export async function markInviteAccepted(db: Executor, workspaceId: number, id: number): Promise<void> {
  await db.update(invites).set({ acceptedAt: new Date() }).where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, id)));
}

/** Revokes an open invite; false when there is none with that id in the workspace. */
export async function revokeInvite(db: Executor, workspaceId: number, id: number): Promise<InviteRow | undefined> {
  const [row] = await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, id), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
    .returning();
  return row;
}

/** A new invite supersedes earlier open ones to the same email: only the newest link works. */
export async function revokeOpenInvitesTo(db: Executor, workspaceId: number, email: string): Promise<void> {
  await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.email, email), isNull(invites.acceptedAt), isNull(invites.revokedAt)));
}

export async function updateRequireTwoFactor(db: Executor, workspaceId: number, required: boolean): Promise<void> {
  await db.update(workspaces).set({ requireTwoFactor: required }).where(eq(workspaces.id, workspaceId));
}

/** Sets a teammate's away mode in a workspace (reassign left as it is when not given); the row as it was before, undefined when not a member. */
export async function updateAwayMode(
  db: Executor,
  workspaceId: number,
  teammateId: number,
  values: { awayModeEnabled: boolean; awayModeReassign?: boolean },
): Promise<MembershipRow | undefined> {
  const where = and(eq(memberships.workspaceId, workspaceId), eq(memberships.teammateId, teammateId));
  // The old values come from a locked read, so the audit event says what really changed.
  const [before] = await db.select().from(memberships).where(where).for('update');
  if (!before) return undefined;
  await db.update(memberships).set(values).where(where);
  return before;
}

/** Teammates away with "reassign replies" on. */
export async function listAwayReassigning(db: Executor, workspaceId: number): Promise<number[]> {
  const rows = await db
    .select({ teammateId: memberships.teammateId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.awayModeEnabled, true), eq(memberships.awayModeReassign, true)));
  return rows.map((row) => row.teammateId);
}
