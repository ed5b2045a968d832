import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../platform/http/errors.ts';
import { sessionToken } from '../../platform/http/session-cookies.ts';
import type { Platform } from '../../platform/platform.ts';
import { actorForSession, findSession } from './sessions.ts';

/** preHandler for Inbox routes: resolves the signed-in teammate and current workspace into `request.actor`. */
export function sessionGuard(platform: Platform) {
  return async (request: FastifyRequest) => {
    const session = await findSession(platform.database.orm, sessionToken(request));
    if (!session) throw unauthorized('Sign in to continue');
    request.actor = await actorForSession(platform.database.orm, session);
  };
}
