import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { teamMembers, teams } from './tables.ts';

export type TeamRow = typeof teams.$inferSelect;

export async function insertTeam(db: Executor, workspaceId: number, name: string): Promise<TeamRow> {
  const [row] = await db.insert(teams).values({ workspaceId, name }).returning();
  return row as TeamRow;
}

export async function findTeam(db: Executor, workspaceId: number, id: number): Promise<TeamRow | undefined> {
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
  return row;
}

export async function listTeams(db: Executor, workspaceId: number): Promise<TeamRow[]> {
  return db.select().from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.id));
}

export async function renameTeam(db: Executor, workspaceId: number, id: number, name: string): Promise<void> {
  await db
    .update(teams)
    .set({ name })
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
}

export async function deleteTeam(db: Executor, workspaceId: number, id: number): Promise<boolean> {
  await db.delete(teamMembers).where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.teamId, id)));
  const deleted = await db
    .delete(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)))
    .returning({ id: teams.id });
  return deleted.length > 0;
}

export async function replaceMembers(db: Executor, workspaceId: number, teamId: number, teammateIds: number[]): Promise<void> {
  await db.delete(teamMembers).where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.teamId, teamId)));
  if (teammateIds.length) await db.insert(teamMembers).values(teammateIds.map((teammateId) => ({ workspaceId, teamId, teammateId })));
}

/** Member ids of each given team, in ascending order. */
export async function membersOfTeams(db: Executor, workspaceId: number, teamIds: number[]): Promise<Map<number, number[]>> {
  const members = new Map<number, number[]>(teamIds.map((id) => [id, []]));
  if (!teamIds.length) return members;
  const found = await db
    .select({ teamId: teamMembers.teamId, teammateId: teamMembers.teammateId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), inArray(teamMembers.teamId, teamIds)))
    .orderBy(asc(teamMembers.teammateId));
  for (const row of found) members.get(row.teamId)?.push(row.teammateId);
  return members;
}

/** Team ids of each given teammate, in ascending order. */
export async function teamsOfTeammates(db: Executor, workspaceId: number, teammateIds: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>(teammateIds.map((id) => [id, []]));
  if (!teammateIds.length) return result;
  const found = await db
    .select({ teamId: teamMembers.teamId, teammateId: teamMembers.teammateId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), inArray(teamMembers.teammateId, teammateIds)))
    .orderBy(asc(teamMembers.teamId));
  for (const row of found) result.get(row.teammateId)?.push(row.teamId);
  return result;
}

/** Removes a teammate from every team of the workspace (when they leave it). */
export async function removeTeammateFromTeams(db: Executor, workspaceId: number, teammateId: number): Promise<void> {
  await db.delete(teamMembers).where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.teammateId, teammateId)));
}
