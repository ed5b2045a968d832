import type { AwayMode } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { teamIdsOf, teamIdsOfTeammates } from '../teams/service.ts';
import { findTeammate, type TeammateRow } from '../teammates/accounts.ts';
import { findAwayMode } from '../workspaces/away-mode.ts';
import { listTeammates } from '../workspaces/members.ts';
import { findSeat } from '../workspaces/service.ts';
import { toIntercomAdmin } from './intercom-admin.ts';

/** A teammate with a seat in the workspace, seen as Intercom's `admin`. */
export type Admin = TeammateRow & { teamIds: number[]; away: AwayMode };

const adminIdOf = (id: string | number): number | undefined => {
  const value = typeof id === 'number' ? id : /^[0-9]{1,15}$/.test(id) ? Number(id) : Number.NaN;
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
};

/** The admin with this id in the workspace; 404 `not_found` when there is none (or it is another workspace's). */
export async function findAdmin(db: Executor, workspaceId: number, adminId: string | number): Promise<Admin> {
  const id = adminIdOf(adminId);
  const [teammate, seat] = id === undefined ? [] : await Promise.all([findTeammate(db, id), findSeat(db, workspaceId, id)]);
  if (!teammate || !seat) throw notFound('Admin');
  const [teamIds, away] = await Promise.all([teamIdsOf(db, workspaceId, teammate.id), findAwayMode(db, workspaceId, teammate.id)]);
  return { ...teammate, teamIds, away };
}

/** Every teammate of the workspace in Intercom's `admin` shape, oldest seat first. */
export async function listIntercomAdmins(platform: Platform, actor: Actor) {
  const { teammates } = await listTeammates(platform, actor);
  const ids = teammates.map((teammate) => Number(teammate.id));
  const teams = await teamIdsOfTeammates(platform.database.orm, actor.workspaceId, ids);
  return teammates.map((teammate) =>
    toIntercomAdmin({ id: Number(teammate.id), name: teammate.name, email: teammate.email, away: teammate }, teams.get(Number(teammate.id)) ?? []),
  );
}
