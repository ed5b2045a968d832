import type { Session } from '@frontdesk/api-types';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { hashToken, randomToken } from '../../platform/crypto/tokens.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { unauthorized } from '../../platform/http/errors.ts';
import type { RequestMeta } from '../../platform/platform.ts';
import { findAwayMode } from '../workspaces/away-mode.ts';
import { findSeat, listWorkspaceSummaries } from '../workspaces/service.ts';
import * as data from './data.ts';
import { lacksRequiredTwoFactor } from './two-factor-requirement.ts';

export const sessionLifetimeMs = 14 * 24 * 3600 * 1000;
/** How long a sign-in may wait for its second factor. */
export const twoFactorWindowMs = 10 * 60 * 1000;

export type SessionRow = data.SessionRow;

export async function startSession(
  tx: Executor,
  teammateId: number,
  workspaceId: number | null,
  meta: RequestMeta,
  options: { pendingTwoFactor?: boolean } = {},
): Promise<string> {
  const token = randomToken('', 32);
  await data.insertSession(tx, {
    tokenHash: hashToken(token),
    teammateId,
    workspaceId,
    pendingTwoFactor: options.pendingTwoFactor ? new Date() : null,
    ip: meta.ip,
    userAgent: meta.userAgent,
    expiresAt: new Date(Date.now() + (options.pendingTwoFactor ? twoFactorWindowMs : sessionLifetimeMs)),
  });
  return token;
}

export async function findSession(db: Executor, token: string | undefined): Promise<SessionRow | undefined> {
  if (!token) return undefined;
  return data.findLiveSession(db, hashToken(token));
}

export const endSession = data.deleteSession;
export const endOtherSessions = data.deleteOtherSessions;

/**
 * The actor of a fully signed-in session. The session remembers the current workspace; when the
 * teammate has left it, the next workspace they belong to is used instead.
 */
export async function actorForSession(db: Executor, session: SessionRow): Promise<Actor> {
  if (session.pendingTwoFactor) throw unauthorized('Two-factor authentication is not complete');
  let workspaceId = session.workspaceId;
  let seat = workspaceId === null ? undefined : await findSeat(db, workspaceId, session.teammateId);
  if (!seat) {
    const [first] = await listWorkspaceSummaries(db, session.teammateId);
    if (!first) throw unauthorized('You are not a member of any workspace');
    workspaceId = first.id;
    seat = await findSeat(db, workspaceId, session.teammateId);
    await data.updateSession(db, session.id, { workspaceId });
  }
  if (!seat || workspaceId === null) throw unauthorized();
  // Sliding expiry, written at most once a minute.
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await data.updateSession(db, session.id, { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + sessionLifetimeMs) });
  }
  return { workspaceId, teammateId: session.teammateId, role: seat.role, permissions: seat.permissions, via: 'session', sessionId: session.id };
}

export async function switchWorkspace(tx: Tx, actor: Actor, workspaceId: number): Promise<void> {
  if (actor.sessionId === undefined) throw unauthorized();
  await data.updateSession(tx, actor.sessionId, { workspaceId });
}

export async function describeSession(db: Executor, actor: Actor): Promise<Session> {
  const teammate = await data.findTeammate(db, actor.teammateId);
  if (!teammate) throw unauthorized();
  const summaries = await listWorkspaceSummaries(db, actor.teammateId);
  const current = summaries.find((summary) => summary.id === actor.workspaceId);
  if (!current) throw unauthorized();
  const strip = ({ id_code, name, role }: (typeof summaries)[number]) => ({ id_code, name, role });
  return {
    type: 'session',
    teammate: { id: String(teammate.id), name: teammate.name, email: teammate.email, two_factor_enabled: teammate.twoFactorEnabledAt !== null },
    workspace: strip(current),
    workspaces: summaries.map(strip),
    permissions: actor.permissions,
    two_factor_required: await lacksRequiredTwoFactor(db, actor),
    away_mode: await findAwayMode(db, actor.workspaceId, actor.teammateId),
  };
}

/** Housekeeping: expired sessions and sign-in failures older than a day. */
export async function pruneSessions(db: Executor): Promise<void> {
  await data.deleteExpiredSessions(db);
  await data.deleteLoginFailuresBefore(db, new Date(Date.now() - 24 * 3600 * 1000));
}
