import type { Platform, RequestMeta } from '../../platform/platform.ts';
import { AppError, unauthorized } from '../../platform/http/errors.ts';
import { appendAccountEvent } from './account-events.ts';
import { normalizeEmail } from './accounts.ts';
import * as data from './data.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import { endSession, findSession, type SessionRow, startSession } from './sessions.ts';
import { verifySecondFactor } from './two-factor.ts';

const throttleWindowMs = 15 * 60 * 1000;
const maxFailuresPerAccount = 5;
const maxFailuresPerAddress = 30;

export type LoginResult = { status: 'signed_in'; token: string } | { status: 'two_factor_required'; token: string };

/** Refuses a sign-in while an account or an address has failed too often in the window. */
async function checkThrottle(platform: Platform, email: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - throttleWindowMs);
  const db = platform.database.orm;
  for (const [by, limit] of [[{ email }, maxFailuresPerAccount], [{ ip }, maxFailuresPerAddress]] as const) {
    const { count, oldest } = await data.countRecentLoginFailures(db, since, by);
    if (count >= limit && oldest) {
      const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + throttleWindowMs - Date.now()) / 1000));
      throw new AppError(429, 'rate_limit_exceeded', `Too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minutes`, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }
}

async function recordFailure(platform: Platform, email: string, teammateId: number | undefined, meta: RequestMeta, reason: string) {
  await platform.database.transaction(async (tx) => {
    await data.recordLoginFailure(tx, email, meta.ip);
    if (teammateId !== undefined) {
      await appendAccountEvent(tx, teammateId, 'teammate.login_failed', { actor_id: teammateId, ip: meta.ip, reason });
    }
  });
}

export async function login(platform: Platform, input: { email: string; password: string }, meta: RequestMeta): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  await checkThrottle(platform, email, meta.ip);
  const teammate = await data.findTeammateByEmail(platform.database.orm, email);
  const valid = await verifyPassword(teammate?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!teammate || !valid) {
    await recordFailure(platform, email, teammate?.id, meta, 'password');
    throw unauthorized('Email or password is incorrect');
  }
  return platform.database.transaction(async (tx) => {
    await data.clearLoginFailures(tx, email);
    if (teammate.twoFactorEnabledAt) {
      return { status: 'two_factor_required', token: await startSession(tx, teammate.id, null, meta, { pendingTwoFactor: true }) };
    }
    await appendAccountEvent(tx, teammate.id, 'teammate.logged_in', { actor_id: teammate.id, ip: meta.ip, method: 'password' });
    return { status: 'signed_in', token: await startSession(tx, teammate.id, null, meta) };
  });
}

/** Completes a sign-in waiting for its second factor; the pending session is replaced by a new one. */
export async function loginTwoFactor(
  platform: Platform,
  pendingToken: string | undefined,
  input: { code?: string; recoveryCode?: string },
  meta: RequestMeta,
): Promise<string> {
  const pending: SessionRow | undefined = await findSession(platform.database.orm, pendingToken);
  if (!pending?.pendingTwoFactor) throw unauthorized('Your sign-in expired; enter your email and password again');
  const teammate = await data.findTeammate(platform.database.orm, pending.teammateId);
  if (!teammate) throw unauthorized();
  await checkThrottle(platform, teammate.email, meta.ip);
  const method = await verifySecondFactor(platform, teammate, input);
  if (!method) {
    await recordFailure(platform, teammate.email, teammate.id, meta, 'two_factor');
    throw new AppError(401, 'unauthorized', input.recoveryCode ? 'That recovery code is not valid or was already used' : 'That authentication code is not valid');
  }
  return platform.database.transaction(async (tx) => {
    await endSession(tx, pending.id);
    await data.clearLoginFailures(tx, teammate.email);
    await appendAccountEvent(tx, teammate.id, 'teammate.logged_in', { actor_id: teammate.id, ip: meta.ip, method });
    return startSession(tx, teammate.id, null, meta);
  });
}

export async function logout(platform: Platform, token: string | undefined, meta: RequestMeta): Promise<void> {
  const session = await findSession(platform.database.orm, token);
  if (!session) return;
  await platform.database.transaction(async (tx) => {
    await endSession(tx, session.id);
    if (!session.pendingTwoFactor) {
      await appendAccountEvent(tx, session.teammateId, 'teammate.logged_out', { actor_id: session.teammateId, ip: meta.ip });
    }
  });
}
