import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { requestMeta } from '../../platform/http/session-cookies.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './service.ts';

/** API access tokens, managed from the Inbox: `/app-api/api-tokens`. */
export const apiTokenRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.addHook('preHandler', sessionGuard(platform));

  app.get('/api-tokens', async (request) => ({ tokens: await listApiTokens(platform, actorOf(request)) }));

  app.post(
    '/api-tokens',
    { schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }) } },
    async (request, reply) => {
      reply.status(201);
      return createApiToken(platform, actorOf(request), request.body.name, requestMeta(request));
    },
  );

  app.delete('/api-tokens/:id', { schema: { params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) }) } }, async (request, reply) => {
    await revokeApiToken(platform, actorOf(request), Number(request.params.id), requestMeta(request));
    return reply.status(204).send();
  });
};
