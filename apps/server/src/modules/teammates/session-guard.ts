import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../platform/http/errors.ts';
import { sessionToken } from '../../platform/http/session-cookies.ts';
import type { Platform } from '../../platform/platform.ts';
import { actorForSession, findSession } from './sessions.ts';
import { lacksRequiredTwoFactor, twoFactorRequired } from './two-factor-requirement.ts';

/**
 * preHandler for Inbox routes: resolves the signed-in teammate and current workspace into `request.actor`.
 * In a workspace that requires two-factor, a teammate without it reaches only routes marked
 * `config: { twoFactorExempt: true }` (the session, their account, logout, workspace switch).
 */
export function sessionGuard(platform: Platform) {
  return async (request: FastifyRequest) => {
    const db = platform.database.orm;
    const session = await findSession(db, sessionToken(request));
    if (!session) throw unauthorized('Sign in to continue');
    const actor = await actorForSession(db, session);
    if (!request.routeOptions.config?.twoFactorExempt && (await lacksRequiredTwoFactor(db, actor))) throw twoFactorRequired();
    request.actor = actor;
  };
}
