import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../../platform/http/auth.ts';
import { unauthorized } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { actorForApiToken } from './service.ts';

/** preHandler for the REST API: `Authorization: Bearer <token>` resolves into `request.actor`. */
export function tokenGuard(platform: Platform) {
  return async (request: FastifyRequest) => {
    const token = bearerToken(request);
    const actor = token ? await actorForApiToken(platform.database.orm, token) : undefined;
    if (!actor) throw unauthorized('Access Token Invalid');
    request.actor = actor;
  };
}
