import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { perPage } from '../../platform/http/pagination.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { listWebhookDeliveries, pingWebhook, redeliverWebhookDelivery } from './deliveries.ts';
import { createWebhook, deleteWebhook, listWebhooks, toWebhook, findWebhook, updateWebhook, webhookSecret } from './subscriptions.ts';
import { supportedTopics } from './topics.ts';

const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const url = Type.String({ minLength: 1, maxLength: 2048 });
const topics = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 });

/** The Inbox's management of webhooks, under `/app-api` (session-authenticated, `manage_settings`). */
export const webhooksAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.addHook('preHandler', sessionGuard(platform));

  app.get('/webhooks/topics', async () => ({ topics: supportedTopics }));

  app.get('/webhooks', async (request) => ({ webhooks: await listWebhooks(platform, actorOf(request)) }));

  app.post('/webhooks', { schema: { body: Type.Object({ url, topics }, { additionalProperties: false }) } }, async (request, reply) => {
    reply.status(201);
    return createWebhook(platform, actorOf(request), request.body);
  });

  app.get('/webhooks/:id', { schema: { params: idParams } }, async (request) => toWebhook(await findWebhook(platform, actorOf(request), request.params.id)));

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        params: idParams,
        body: Type.Object({ url: Type.Optional(url), topics: Type.Optional(topics), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      },
    },
    async (request) => updateWebhook(platform, actorOf(request), request.params.id, request.body),
  );

  app.delete('/webhooks/:id', { schema: { params: idParams } }, async (request, reply) => {
    await deleteWebhook(platform, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.get('/webhooks/:id/secret', { schema: { params: idParams } }, async (request) => ({
    secret: await webhookSecret(platform, actorOf(request), request.params.id),
  }));

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        params: idParams,
        querystring: Type.Object({ per_page: Type.Optional(Type.Integer()), starting_after: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request) =>
      listWebhookDeliveries(platform, actorOf(request), request.params.id, {
        perPage: perPage(request.query.per_page, 20),
        startingAfter: request.query.starting_after,
      }),
  );

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    { schema: { params: Type.Object({ id: idParams.properties.id, deliveryId: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      reply.status(202);
      return redeliverWebhookDelivery(platform, actorOf(request), request.params.id, request.params.deliveryId);
    },
  );

  app.post('/webhooks/:id/ping', { schema: { params: idParams } }, async (request, reply) => {
    reply.status(202);
    return pingWebhook(platform, actorOf(request), request.params.id);
  });
};
