import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { searchWorkspace } from './service.ts';

/** `GET /app-api/search?q=&limit=` (session-authenticated): the command palette's search. */
export const searchAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.addHook('preHandler', sessionGuard(platform));
  app.get(
    '/search',
    { schema: { querystring: Type.Object({ q: Type.String({ maxLength: 200 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }) } },
    async (request) => searchWorkspace(platform, actorOf(request), request.query.q, request.query.limit ?? 10),
  );
};
