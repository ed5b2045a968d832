import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import { requestMeta, setSessionCookie } from '../../platform/http/session-cookies.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { actorForSession, describeSession, findSession, sessionLifetimeMs, switchWorkspace } from '../teammates/sessions.ts';
import { setAwayMode } from './away-mode.ts';
import { acceptInvite, changeRole, createInvite, listTeammates, previewInvite, revokeInvite } from './members.ts';
import { securitySettings, setRequireTwoFactor } from './security-settings.ts';
import { findSeat, findWorkspaceByIdCode } from './service.ts';

const strict = { additionalProperties: false } as const;
const role = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('agent')]);
const numericId = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
const inviteToken = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });

/** Workspaces, teammates and invites in the Inbox: `/app-api`. */
export const workspaceRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;

  app.get('/invites/:token', { schema: { params: inviteToken } }, async (request) => previewInvite(platform, request.params.token));

  app.post(
    '/invites/:token/accept',
    { schema: { params: inviteToken, body: Type.Object({ name: Type.Optional(Type.String({ maxLength: 100 })), password: Type.String({ minLength: 1, maxLength: 200 }) }, strict) } },
    async (request, reply) => {
      const { token } = await acceptInvite(platform, request.params.token, request.body, requestMeta(request));
      setSessionCookie(reply, platform.config, token, sessionLifetimeMs / 1000);
      const session = await findSession(db, token);
      if (!session) throw new Error('session vanished right after sign-in');
      return describeSession(db, await actorForSession(db, session));
    },
  );

  app.register(async (scope) => {
    const members = scope.withTypeProvider<TypeBoxTypeProvider>();
    members.addHook('preHandler', sessionGuard(platform));

    // Switching stays open to a teammate held to two-factor here: the other workspace may not require it.
    members.post('/workspaces/switch', { config: { twoFactorExempt: true }, schema: { body: Type.Object({ id_code: Type.String({ maxLength: 40 }) }, strict) } }, async (request) => {
      const actor = actorOf(request);
      const workspace = await findWorkspaceByIdCode(db, request.body.id_code);
      const seat = workspace && (await findSeat(db, workspace.id, actor.teammateId));
      if (!workspace || !seat) throw notFound('Workspace');
      await platform.database.transaction((tx) => switchWorkspace(tx, actor, workspace.id));
      return describeSession(db, { ...actor, workspaceId: workspace.id, ...seat });
    });

    members.put(
      '/session/away-mode',
      { schema: { body: Type.Object({ away_mode_enabled: Type.Boolean(), away_mode_reassign: Type.Optional(Type.Boolean()) }, strict) } },
      async (request) => {
        const actor = actorOf(request);
        await setAwayMode(platform, actor, request.body, requestMeta(request));
        return describeSession(db, actor);
      },
    );

    members.get('/workspace/security', async (request) => securitySettings(platform, actorOf(request)));

    members.put('/workspace/security', { schema: { body: Type.Object({ require_two_factor: Type.Boolean() }, strict) } }, async (request) =>
      setRequireTwoFactor(platform, actorOf(request), request.body.require_two_factor, requestMeta(request)),
    );

    members.get('/teammates', async (request) => listTeammates(platform, actorOf(request)));

    members.put(
      '/teammates/:id/role',
      { schema: { params: numericId, body: Type.Object({ role }, strict) } },
      async (request) => changeRole(platform, actorOf(request), Number(request.params.id), request.body.role, requestMeta(request)),
    );

    members.post(
      '/invites',
      { schema: { body: Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }), role }, strict) } },
      async (request, reply) => {
        reply.status(201);
        return createInvite(platform, actorOf(request), request.body, requestMeta(request));
      },
    );

    members.delete('/invites/:id', { schema: { params: numericId } }, async (request, reply) => {
      await revokeInvite(platform, actorOf(request), Number(request.params.id), requestMeta(request));
      return reply.status(204).send();
    });
  });
};
