import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { listAuditEvents } from './service.ts';

/** The workspace's audit log, newest first: `/app-api/audit-events`. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.addHook('preHandler', sessionGuard(platform));
  app.get(
    '/audit-events',
    { schema: { querystring: Type.Object({ before: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })) }, { additionalProperties: false }) } },
    async (request) => listAuditEvents(platform, actorOf(request), request.query.before ? Number(request.query.before) : null),
  );
};
