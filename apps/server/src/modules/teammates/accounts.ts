import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform, RequestMeta } from '../../platform/platform.ts';
import { createWorkspace } from '../workspaces/service.ts';
import { appendAccountEvent } from './account-events.ts';
import * as data from './data.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { endOtherSessions, startSession } from './sessions.ts';

export type TeammateRow = data.TeammateRow;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function createAccount(tx: Tx, input: { email: string; name: string; password: string }): Promise<TeammateRow> {
  const email = normalizeEmail(input.email);
  checkPasswordPolicy(input.password, email);
  if (await data.findTeammateByEmail(tx, email)) {
    throw conflict('An account with this email already exists: log in instead', 'email');
  }
  return data.insertTeammate(tx, { email, name: input.name.trim(), passwordHash: await hashPassword(input.password) });
}

/** Sign-up: a new account owning a new workspace, signed in. */
export async function signup(
  platform: Platform,
  input: { name: string; email: string; password: string; workspaceName: string },
  meta: RequestMeta,
): Promise<{ token: string; teammateId: number; workspaceId: number }> {
  if (!input.name.trim()) throw invalid('Your name is required', 'name');
  if (!input.workspaceName.trim()) throw invalid('A workspace name is required', 'workspace_name');
  return platform.database.transaction(async (tx) => {
    const teammate = await createAccount(tx, input);
    const workspace = await createWorkspace(tx, { name: input.workspaceName.trim(), ownerId: teammate.id }, meta);
    const token = await startSession(tx, teammate.id, workspace.id, meta);
    await appendAccountEvent(tx, teammate.id, 'teammate.logged_in', { actor_id: teammate.id, ip: meta.ip, method: 'signup' });
    return { token, teammateId: teammate.id, workspaceId: workspace.id };
  });
}

export async function findTeammate(db: Executor, id: number): Promise<TeammateRow | undefined> {
  return data.findTeammate(db, id);
}

export const findTeammates = data.findTeammates;

export async function findTeammateByEmail(db: Executor, email: string): Promise<TeammateRow | undefined> {
  return data.findTeammateByEmail(db, normalizeEmail(email));
}

/** Changes the password and signs out every other session of the teammate. */
export async function changePassword(
  platform: Platform,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const teammate = await data.findTeammate(platform.database.orm, actor.teammateId);
  if (!teammate) throw notFound('Teammate');
  if (!(await verifyPassword(teammate.passwordHash, input.currentPassword))) {
    throw new AppError(400, 'parameter_invalid', 'Current password is incorrect', { field: 'current_password' });
  }
  checkPasswordPolicy(input.newPassword, teammate.email, 'new_password');
  if (input.newPassword === input.currentPassword) throw invalid('The new password must differ from the current one', 'new_password');
  const passwordHash = await hashPassword(input.newPassword);
  await platform.database.transaction(async (tx) => {
    await data.updateTeammate(tx, teammate.id, { passwordHash, passwordChangedAt: new Date() });
    await endOtherSessions(tx, teammate.id, actor.sessionId ?? null);
    await appendAccountEvent(tx, teammate.id, 'teammate.password_changed', { actor_id: teammate.id, ip: meta.ip });
  });
}
