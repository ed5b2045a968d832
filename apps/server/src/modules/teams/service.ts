import { appendEvent } from '../../platform/events/outbox.ts';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Platform } from '../../platform/platform.ts';
import { findSeat } from '../workspaces/service.ts';
import * as data from './data.ts';

/** A team with its members' teammate ids. */
export interface Team {
  id: number;
  name: string;
  adminIds: number[];
  createdAt: Date;
}

/** Team ids are numeric; anything else simply names no team. */
const teamIdOf = (id: string | number): number | undefined => {
  const value = typeof id === 'number' ? id : /^[0-9]{1,15}$/.test(id) ? Number(id) : Number.NaN;
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
};

export async function findTeam(db: Executor, workspaceId: number, id: string | number): Promise<Team | undefined> {
  const teamId = teamIdOf(id);
  if (teamId === undefined) return undefined;
  const row = await data.findTeam(db, workspaceId, teamId);
  if (!row) return undefined;
  const members = await data.membersOfTeams(db, workspaceId, [row.id]);
  return { id: row.id, name: row.name, adminIds: members.get(row.id) ?? [], createdAt: row.createdAt };
}

export async function listTeams(db: Executor, workspaceId: number): Promise<Team[]> {
  const rows = await data.listTeams(db, workspaceId);
  const members = await data.membersOfTeams(
    db,
    workspaceId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ id: row.id, name: row.name, adminIds: members.get(row.id) ?? [], createdAt: row.createdAt }));
}

/** The ids of the teams a teammate belongs to. */
export async function teamIdsOf(db: Executor, workspaceId: number, teammateId: number): Promise<number[]> {
  return (await data.teamsOfTeammates(db, workspaceId, [teammateId])).get(teammateId) ?? [];
}

/** Team ids of several teammates at once (for admin lists). */
export const teamIdsOfTeammates = data.teamsOfTeammates;

export interface TeamInput {
  name: string;
  admin_ids?: (number | string)[];
}

async function checkMembers(db: Executor, workspaceId: number, adminIds: (number | string)[]): Promise<number[]> {
  const ids = [...new Set(adminIds.map(Number))];
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || !(await findSeat(db, workspaceId, id))) {
      throw invalid(`Admin ${id} is not a teammate of this workspace`, 'admin_ids');
    }
  }
  return ids.sort((a, b) => a - b);
}

const cleanName = (name: string) => {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('Give the team a name', 'name');
  return trimmed;
};

export async function createTeam(platform: Platform, actor: Actor, input: TeamInput): Promise<Team> {
  requirePermission(actor, 'manage_teammates');
  const name = cleanName(input.name);
  const adminIds = await checkMembers(platform.database.orm, actor.workspaceId, input.admin_ids ?? []);
  return platform.database.transaction(async (tx) => {
    const row = await data.insertTeam(tx, actor.workspaceId, name);
    await data.replaceMembers(tx, actor.workspaceId, row.id, adminIds);
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'team',
      aggregateId: String(row.id),
      type: 'team.created',
      payload: { actor_id: actor.teammateId, team_id: row.id, name, admin_ids: adminIds },
    });
    return { id: row.id, name, adminIds, createdAt: row.createdAt };
  });
}

export async function updateTeam(platform: Platform, actor: Actor, id: string, input: Partial<TeamInput>): Promise<Team> {
  requirePermission(actor, 'manage_teammates');
  const db = platform.database.orm;
  const existing = await findTeam(db, actor.workspaceId, id);
  if (!existing) throw notFound('Team');
  const name = input.name === undefined ? existing.name : cleanName(input.name);
  const adminIds = input.admin_ids === undefined ? existing.adminIds : await checkMembers(db, actor.workspaceId, input.admin_ids);
  return platform.database.transaction(async (tx) => {
    if (name !== existing.name) await data.renameTeam(tx, actor.workspaceId, existing.id, name);
    if (input.admin_ids !== undefined) await data.replaceMembers(tx, actor.workspaceId, existing.id, adminIds);
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'team',
      aggregateId: String(existing.id),
      type: 'team.updated',
      payload: { actor_id: actor.teammateId, team_id: existing.id, name, admin_ids: adminIds },
    });
    return { ...existing, name, adminIds };
  });
}

export async function deleteTeam(platform: Platform, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'manage_teammates');
  const existing = await findTeam(platform.database.orm, actor.workspaceId, id);
  if (!existing) throw notFound('Team');
  await platform.database.transaction(async (tx) => {
    if (!(await data.deleteTeam(tx, actor.workspaceId, existing.id))) throw notFound('Team');
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'team',
      aggregateId: String(existing.id),
      type: 'team.deleted',
      payload: { actor_id: actor.teammateId, team_id: existing.id, name: existing.name },
    });
  });
}
