import { randomIdBytes } from './platform/crypto/tokens.ts';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { AppError, envelope, handleError } from './platform/http/errors.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { createApiRateLimiter } from './platform/http/rate-limit.ts';
import { idempotencyHooks } from './platform/idempotency/idempotency-hooks.ts';
import { validatorCompiler } from './platform/http/validation.ts';
import { csrfHook } from './platform/http/session-cookies.ts';
import { redactUrl } from './platform/log.ts';
import type { Platform } from './platform/platform.ts';
import { adminRoutes } from './modules/admins/routes.ts';
import { apiTokenRoutes } from './modules/api-tokens/routes.ts';
import { tokenGuard } from './modules/api-tokens/token-guard.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { teammateRoutes } from './modules/teammates/routes.ts';
import { workspaceRoutes } from './modules/workspaces/routes.ts';
import { contactsRoutes } from './modules/contacts/routes.ts';
import { companiesRoutes } from './modules/companies/routes.ts';
import { tagsRoutes } from './modules/tags/routes.ts';
import { dataAttributesRoutes } from './modules/data-attributes/routes.ts';
import { dataEventsRoutes } from './modules/data-events/routes.ts';
import { notesRoutes } from './modules/notes/routes.ts';
import { segmentsRoutes } from './modules/segments/routes.ts';
import { teamsRoutes } from './modules/teams/routes.ts';
import { conversationsRoutes } from './modules/conversations/routes.ts';
import { webhooksRoutes } from './modules/webhooks/routes.ts';
import { teamsAppRoutes } from './modules/teams/app-routes.ts';
import { webhooksAppRoutes } from './modules/webhooks/app-routes.ts';
import { contactsAppRoutes } from './modules/contacts/app-routes.ts';
import { companiesAppRoutes } from './modules/companies/app-routes.ts';
import { segmentsAppRoutes } from './modules/segments/app-routes.ts';
import { tagsAppRoutes } from './modules/tags/app-routes.ts';
import { dataAttributesAppRoutes } from './modules/data-attributes/app-routes.ts';
import { messengerRoutes } from './modules/messenger/routes.ts';
import { messengerAppRoutes } from './modules/messenger/app-routes.ts';
import { widgetRoutes } from './modules/messenger/widget-routes.ts';
import { inboxAppRoutes } from './modules/inbox/app-routes.ts';
import { searchAppRoutes } from './modules/search/app-routes.ts';
import { savedRepliesAppRoutes } from './modules/saved-replies/app-routes.ts';
import { macrosAppRoutes } from './modules/macros/app-routes.ts';

const inboxDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../inbox/dist');
export const bodyLimit = 1024 * 1024;


export async function buildApp(platform: Platform): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: platform.log,
    genReqId: () => `req_${randomIdBytes(10).toString('hex')}`,
    bodyLimit,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler());

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(envelope(request.id, [{ code: 'not_found', message: `No route for ${request.method} ${redactUrl(request.url.split('?')[0] ?? '')}` }])),
  );
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  await app.register(fastifyCookie);
  registerMetrics(app, platform.database);

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await platform.database.ping();
      return { status: 'ok', database: platform.database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: platform.database.kind });
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Frontdesk REST API', version: '2.14', description: "Compatible with Intercom's REST API 2.x: point an Intercom client at <PUBLIC_URL>/api." },
      servers: [{ url: `${platform.config.publicUrl}/api` }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }],
    },
    transform: ({ schema, url }) => ({
      schema: url.startsWith('/api/') ? schema : { ...schema, hide: true },
      url: url.startsWith('/api/') ? url.slice('/api'.length) : url,
    }),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      // Authentication and rate limits before the body is even parsed; idempotency once it is validated.
      const rateLimiter = createApiRateLimiter(platform.config, platform.log);
      const idempotency = idempotencyHooks(platform.database);
      api.addHook('onRequest', await tokenGuard(platform));
      api.addHook('onRequest', rateLimiter.hook);
      api.addHook('preHandler', idempotency.preHandler);
      api.addHook('onSend', idempotency.onSend);
      api.addHook('onClose', () => rateLimiter.close());
      for (const routes of [adminRoutes, contactsRoutes, companiesRoutes, tagsRoutes, dataAttributesRoutes, dataEventsRoutes, notesRoutes, segmentsRoutes, teamsRoutes, conversationsRoutes, webhooksRoutes]) {
        await api.register(routes, { platform });
      }
    },
    { prefix: '/api' },
  );

  await app.register(
    async (appApi) => {
      appApi.addHook('onRequest', csrfHook(platform.config));
      await appApi.register(teammateRoutes, { platform });
      await appApi.register(workspaceRoutes, { platform });
      await appApi.register(apiTokenRoutes, { platform });
      await appApi.register(auditRoutes, { platform });
      await appApi.register(teamsAppRoutes, { platform });
      await appApi.register(webhooksAppRoutes, { platform });
      for (const routes of [contactsAppRoutes, companiesAppRoutes, segmentsAppRoutes, tagsAppRoutes, dataAttributesAppRoutes]) {
        await appApi.register(routes, { platform });
      }
      await appApi.register(messengerAppRoutes, { platform, prefix: '/messenger' });
      await appApi.register(inboxAppRoutes, { platform });
      await appApi.register(searchAppRoutes, { platform });
      await appApi.register(savedRepliesAppRoutes, { platform });
      await appApi.register(macrosAppRoutes, { platform });
    },
    { prefix: '/app-api' },
  );

  await app.register(messengerRoutes, { platform });
  await app.register(widgetRoutes, { platform });

  await registerInbox(app);
  return app;
}

/** The Inbox single-page app: built assets, and index.html for every other browser path. */
async function registerInbox(app: FastifyInstance): Promise<void> {
  const index = path.join(inboxDist, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`Inbox is not built (${index} missing): run "npm run build"`);
    return;
  }
  await app.register(fastifyStatic, { root: inboxDist, wildcard: false, index: false });
  const html = fs.readFileSync(index, 'utf8');
  const sendIndex = (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(html);
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    // API paths and missing files answer 404; every other path is a screen of the app.
    if (/^\/(api|app-api|messenger-api|files|widget|messenger|realtime)(\/|$)/.test(url) || path.extname(url)) {
      throw new AppError(404, 'not_found', `No route for ${request.method} ${redactUrl(url)}`);
    }
    return sendIndex(request, reply);
  });
}
