import type { Role, WorkspaceSummary } from '@frontdesk/api-types';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { randomCode } from '../../platform/crypto/tokens.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import type { RequestMeta } from '../../platform/platform.ts';
import * as data from './data.ts';
import { effectivePermissions, rolePermissions } from './roles.ts';

export type { WorkspaceRow } from './data.ts';

export async function createWorkspace(tx: Tx, input: { name: string; ownerId: number }, meta: RequestMeta | null) {
  const workspace = await data.insertWorkspace(tx, { idCode: randomCode(8), name: input.name });
  await data.insertMembership(tx, { workspaceId: workspace.id, teammateId: input.ownerId, role: 'owner', permissions: rolePermissions.owner });
  await appendEvent(tx, {
    workspaceId: workspace.id,
    aggregateType: 'workspace',
    aggregateId: String(workspace.id),
    type: 'workspace.created',
    payload: { actor_id: input.ownerId, name: workspace.name, ip: meta?.ip ?? null },
  });
  return workspace;
}

export const findWorkspace = data.findWorkspace;
export const findWorkspaceByIdCode = data.findWorkspaceByIdCode;
export const countWorkspaces = data.countWorkspaces;

/** Whether the workspace holds every teammate to two-factor authentication. */
export async function requiresTwoFactor(db: Executor, workspaceId: number): Promise<boolean> {
  return (await data.findWorkspace(db, workspaceId))?.requireTwoFactor === true;
}

/** The teammate's role and permissions in a workspace, or undefined when not a member. */
export async function findSeat(db: Executor, workspaceId: number, teammateId: number) {
  const membership = await data.findMembership(db, workspaceId, teammateId);
  if (!membership) return undefined;
  const role = membership.role as Role;
  return { role, permissions: effectivePermissions(role, membership.permissions as object) };
}

export async function listWorkspaceSummaries(db: Executor, teammateId: number): Promise<(WorkspaceSummary & { id: number })[]> {
  const rows = await data.listWorkspacesOfTeammate(db, teammateId);
  return rows.map(({ workspace, role }) => ({ id: workspace.id, id_code: workspace.idCode, name: workspace.name, role: role as Role }));
}

/** The first workspace this teammate owns, if any (for idempotent provisioning). */
export async function findOwnedWorkspace(db: Executor, teammateId: number) {
  const summaries = await listWorkspaceSummaries(db, teammateId);
  return summaries.find((summary) => summary.role === 'owner');
}
