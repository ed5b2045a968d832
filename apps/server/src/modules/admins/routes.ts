import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findTeammate } from '../teammates/accounts.ts';
import { findWorkspace } from '../workspaces/service.ts';
import { intercomAdminWithApp, toIntercomAdmin, toIntercomApp } from './intercom-admin.ts';

/** Intercom's Admins API: `/api/me`. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  app.get(
    '/me',
    { schema: { tags: ['Admins'], summary: 'Identify the admin behind the access token', response: { 200: intercomAdminWithApp } } },
    async (request) => {
      const actor = actorOf(request);
      const [teammate, workspace] = await Promise.all([findTeammate(db, actor.teammateId), findWorkspace(db, actor.workspaceId)]);
      if (!teammate || !workspace) throw notFound('Admin');
      return { ...toIntercomAdmin(teammate), email_verified: false, app: toIntercomApp(workspace, platform.config.publicUrl) };
    },
  );
};
