import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { intercomTeam, intercomTeamList, toIntercomTeam } from './intercom-team.ts';
import { findTeam, listTeams } from './service.ts';

/** Intercom's Teams API: `/api/teams`. */
export const teamsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;

  app.get('/teams', { schema: { tags: ['Teams'], summary: 'List teams', response: { 200: intercomTeamList } } }, async (request) => {
    const teams = await listTeams(db, actorOf(request).workspaceId);
    return { type: 'team.list' as const, teams: teams.map(toIntercomTeam) };
  });

  app.get(
    '/teams/:id',
    {
      schema: {
        tags: ['Teams'],
        summary: 'Retrieve a team',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: intercomTeam },
      },
    },
    async (request) => {
      const team = await findTeam(db, actorOf(request).workspaceId, request.params.id);
      if (!team) throw notFound('Team');
      return toIntercomTeam(team);
    },
  );
};
