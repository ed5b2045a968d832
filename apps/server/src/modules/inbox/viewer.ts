import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { teamIdsOf } from '../teams/service.ts';

/** A teammate looking at the workspace's conversations: what decides which ones they may see. */
export interface Viewer {
  workspaceId: number;
  teammateId: number;
  /** `access_all_conversations`. */
  seesAll: boolean;
  teamIds: number[];
}

export async function viewerOf(db: Executor, actor: Actor): Promise<Viewer> {
  const seesAll = actor.permissions.access_all_conversations === true;
  return {
    workspaceId: actor.workspaceId,
    teammateId: actor.teammateId,
    seesAll,
    teamIds: seesAll ? [] : await teamIdsOf(db, actor.workspaceId, actor.teammateId),
  };
}

/**
 * Without `access_all_conversations`, a conversation assigned to a team the teammate is not in is
 * hidden, unless it is assigned to them (as the realtime layer filters the teammate stream).
 */
export function maySee(viewer: Viewer, row: { adminAssigneeId: number | null; teamAssigneeId: number | null }): boolean {
  return viewer.seesAll || row.teamAssigneeId === null || row.adminAssigneeId === viewer.teammateId || viewer.teamIds.includes(row.teamAssigneeId);
}
