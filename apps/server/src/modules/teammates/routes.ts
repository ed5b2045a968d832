import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { requestMeta, sessionToken, clearSessionCookie, setSessionCookie } from '../../platform/http/session-cookies.ts';
import type { Platform } from '../../platform/platform.ts';
import { changePassword, signup } from './accounts.ts';
import { login, loginTwoFactor, logout } from './login.ts';
import { sessionGuard } from './session-guard.ts';
import { actorForSession, describeSession, findSession, sessionLifetimeMs, twoFactorWindowMs } from './sessions.ts';
import { disableTwoFactor, enableTwoFactor, setupTwoFactor } from './two-factor.ts';

const strict = { additionalProperties: false } as const;
const email = Type.String({ format: 'email', maxLength: 254 });
const password = Type.String({ minLength: 1, maxLength: 200 });
const name = Type.String({ minLength: 1, maxLength: 100 });

/** Sign-up, sign-in and the signed-in teammate's own account: `/app-api`. */
export const teammateRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const { config } = platform;
  const db = platform.database.orm;
  const signIn = async (reply: Parameters<typeof setSessionCookie>[0], token: string) => {
    setSessionCookie(reply, config, token, sessionLifetimeMs / 1000);
    const session = await findSession(db, token);
    if (!session) throw new Error('session vanished right after sign-in');
    return describeSession(db, await actorForSession(db, session));
  };

  // A teammate held to two-factor still reads their session, manages their account and signs out.
  const exempt = { twoFactorExempt: true };

  app.get('/session', { config: exempt }, async (request) => {
    await sessionGuard(platform)(request);
    return describeSession(db, actorOf(request));
  });

  app.post(
    '/signup',
    { schema: { body: Type.Object({ name, email, password, workspace_name: name }, strict) } },
    async (request, reply) => {
      const { body } = request;
      const result = await signup(platform, { name: body.name, email: body.email, password: body.password, workspaceName: body.workspace_name }, requestMeta(request));
      reply.status(201);
      return signIn(reply, result.token);
    },
  );

  app.post('/login', { schema: { body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password }, strict) } }, async (request, reply) => {
    const result = await login(platform, request.body, requestMeta(request));
    if (result.status === 'two_factor_required') {
      setSessionCookie(reply, config, result.token, twoFactorWindowMs / 1000);
      return { type: 'two_factor_required' };
    }
    return signIn(reply, result.token);
  });

  app.post(
    '/login/two-factor',
    {
      schema: {
        body: Type.Object(
          { code: Type.Optional(Type.String({ maxLength: 12 })), recovery_code: Type.Optional(Type.String({ maxLength: 40 })) },
          { ...strict, minProperties: 1, maxProperties: 1 },
        ),
      },
    },
    async (request, reply) => {
      const token = await loginTwoFactor(platform, sessionToken(request), { code: request.body.code, recoveryCode: request.body.recovery_code }, requestMeta(request));
      return signIn(reply, token);
    },
  );

  app.post('/logout', async (request, reply) => {
    await logout(platform, sessionToken(request), requestMeta(request));
    clearSessionCookie(reply, config);
    return reply.status(204).send();
  });

  app.register(async (scope) => {
    const account = scope.withTypeProvider<TypeBoxTypeProvider>();
    account.addHook('preHandler', sessionGuard(platform));

    account.post(
      '/account/password',
      { config: exempt, schema: { body: Type.Object({ current_password: password, new_password: password }, strict) } },
      async (request, reply) => {
        await changePassword(platform, actorOf(request), { currentPassword: request.body.current_password, newPassword: request.body.new_password }, requestMeta(request));
        return reply.status(204).send();
      },
    );

    account.post('/account/two-factor/setup', { config: exempt }, async (request) => setupTwoFactor(platform, actorOf(request)));

    account.post(
      '/account/two-factor/enable',
      { config: exempt, schema: { body: Type.Object({ code: Type.String({ maxLength: 12 }) }, strict) } },
      async (request) => ({ recovery_codes: await enableTwoFactor(platform, actorOf(request), request.body.code, requestMeta(request)) }),
    );

    account.post(
      '/account/two-factor/disable',
      { config: exempt, schema: { body: Type.Object({ password }, strict) } },
      async (request, reply) => {
        await disableTwoFactor(platform, actorOf(request), request.body.password, requestMeta(request));
        return reply.status(204).send();
      },
    );
  });
};
