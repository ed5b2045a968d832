import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findWorkspace } from '../workspaces/service.ts';
import { intercomAdmin, intercomAdminWithApp, toIntercomAdmin, toIntercomApp } from './intercom-admin.ts';
import { findAdmin, listIntercomAdmins } from './service.ts';

/** Intercom's Admins API: `/api/me`, `/api/admins`. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  app.get(
    '/me',
    { schema: { tags: ['Admins'], summary: 'Identify the admin behind the access token', response: { 200: intercomAdminWithApp } } },
    async (request) => {
      const actor = actorOf(request);
      const [admin, workspace] = await Promise.all([findAdmin(db, actor.workspaceId, actor.teammateId), findWorkspace(db, actor.workspaceId)]);
      if (!workspace) throw notFound('Admin');
      return { ...toIntercomAdmin(admin, admin.teamIds), email_verified: false, app: toIntercomApp(workspace, platform.config.publicUrl) };
    },
  );

  app.get(
    '/admins',
    {
      schema: {
        tags: ['Admins'],
        summary: 'List all admins (teammates) of the workspace',
        response: { 200: Type.Object({ type: Type.Literal('admin.list'), admins: Type.Array(intercomAdmin) }) },
      },
    },
    async (request) => ({ type: 'admin.list' as const, admins: await listIntercomAdmins(platform, actorOf(request)) }),
  );

  app.get(
    '/admins/:id',
    {
      schema: {
        tags: ['Admins'],
        summary: 'Retrieve an admin',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: intercomAdmin },
      },
    },
    async (request) => {
      const admin = await findAdmin(db, actorOf(request).workspaceId, request.params.id);
      return toIntercomAdmin(admin, admin.teamIds);
    },
  );
};
