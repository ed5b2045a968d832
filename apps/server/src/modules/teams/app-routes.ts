import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { createTeam, deleteTeam, listTeams, type Team, updateTeam } from './service.ts';

const toInboxTeam = (team: Team) => ({ id: String(team.id), name: team.name, admin_ids: team.adminIds.map(String) });
const adminIds = Type.Array(Type.Union([Type.String({ pattern: '^[0-9]{1,15}$' }), Type.Integer({ minimum: 1 })]), { maxItems: 1000 });
const params = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** The Inbox's management of teams, under `/app-api` (session-authenticated). */
export const teamsAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.addHook('preHandler', sessionGuard(platform));

  app.get('/teams', async (request) => ({ teams: (await listTeams(platform.database.orm, actorOf(request).workspaceId)).map(toInboxTeam) }));

  app.post(
    '/teams',
    { schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), admin_ids: Type.Optional(adminIds) }, { additionalProperties: false }) } },
    async (request, reply) => {
      reply.status(201);
      return toInboxTeam(await createTeam(platform, actorOf(request), request.body));
    },
  );

  app.put(
    '/teams/:id',
    {
      schema: {
        params,
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), admin_ids: Type.Optional(adminIds) }, { additionalProperties: false }),
      },
    },
    async (request) => toInboxTeam(await updateTeam(platform, actorOf(request), request.params.id, request.body)),
  );

  app.delete('/teams/:id', { schema: { params } }, async (request, reply) => {
    await deleteTeam(platform, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};
