import type { FastifyRequest } from 'fastify';
import { hashToken } from '../../platform/crypto/tokens.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { bearerToken } from '../../platform/http/auth.ts';
import { unauthorized } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { actorForApiToken, revokedChannel } from './service.ts';

/**
 * How long a resolved token is trusted without asking the database. Revocation evicts at once on
 * every node (pub/sub); a role change reaches a token's permissions within this time.
 */
const cacheMs = 10_000;
const maxEntries = 10_000;

/** preHandler for the REST API: `Authorization: Bearer <token>` resolves into `request.actor`. */
export async function tokenGuard(platform: Platform) {
  const cache = new Map<string, { actor: Actor; expires: number }>();
  await platform.pubsub.subscribe(revokedChannel(platform), (tokenHash) => cache.delete(tokenHash));

  return async (request: FastifyRequest) => {
    const token = bearerToken(request);
    if (!token) throw unauthorized('Access Token Invalid');
    const tokenHash = hashToken(token);
    const cached = cache.get(tokenHash);
    if (cached && cached.expires > Date.now()) {
      request.actor = cached.actor;
      return;
    }
    const actor = await actorForApiToken(platform.database.orm, tokenHash);
    if (!actor) throw unauthorized('Access Token Invalid');
    if (cache.size >= maxEntries) cache.clear();
    cache.set(tokenHash, { actor, expires: Date.now() + cacheMs });
    request.actor = actor;
  };
}
