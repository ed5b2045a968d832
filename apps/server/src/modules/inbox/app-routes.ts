import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { teammateAttachmentRoutes } from './attachment-routes.ts';
import {
  assignFromInbox,
  closeFromInbox,
  openFromInbox,
  prioritizeFromInbox,
  readFromInbox,
  replyFromInbox,
  snoozeFromInbox,
  tagFromInbox,
  untagFromInbox,
  updateAttributesFromInbox,
} from './conversation-actions.ts';
import { conversationDetail } from './conversation-detail.ts';
import { listInboxConversations } from './list-conversations.ts';
import { createSavedView, deleteSavedView, updateSavedView } from './saved-views.ts';
import { viewFiltersSchema } from './view-filters.ts';
import { listInboxViews } from './views.ts';

const strict = { additionalProperties: false } as const;
const conversationParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
const viewParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const empty = Type.Object({}, strict);
const teammateOrNull = Type.Union([Type.String({ pattern: '^[0-9]{1,15}$' }), Type.Null()]);
const state = Type.Union([Type.Literal('open'), Type.Literal('snoozed'), Type.Literal('closed')]);
const sort = Type.Union([Type.Literal('newest'), Type.Literal('oldest'), Type.Literal('waiting_longest'), Type.Literal('priority')]);

/** The Inbox's conversation API under `/app-api` (session-authenticated; see packages/api-types/src/inbox.ts). */
export const inboxAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  await app.register(teammateAttachmentRoutes, { platform });

  // Its own scope: the upload route above authenticates before reading the body (onRequest), these after.
  await app.register(async (scope) => {
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();
    api.addHook('preHandler', sessionGuard(platform));

    api.get('/inbox/views', async (request) => listInboxViews(db, actorOf(request)));

    api.post(
      '/inbox/views',
      { schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), filters: viewFiltersSchema }, strict) } },
      async (request, reply) => reply.status(201).send(await createSavedView(platform, actorOf(request), request.body)),
    );

    api.put(
      '/inbox/views/:id',
      {
        schema: {
          params: viewParams,
          body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), filters: Type.Optional(viewFiltersSchema) }, strict),
        },
      },
      async (request) => updateSavedView(platform, actorOf(request), request.params.id, request.body),
    );

    api.delete('/inbox/views/:id', { schema: { params: viewParams } }, async (request, reply) => {
      await deleteSavedView(platform, actorOf(request), request.params.id);
      return reply.status(204).send();
    });

    api.get(
      '/inbox/conversations',
      {
        schema: {
          querystring: Type.Object({
            view: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            state: Type.Optional(state),
            sort: Type.Optional(sort),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
            per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          }),
        },
      },
      async (request) => listInboxConversations(db, actorOf(request), request.query),
    );

    api.get('/inbox/conversations/:id', { schema: { params: conversationParams } }, async (request) =>
      conversationDetail(platform, actorOf(request), request.params.id),
    );

    api.post(
      '/inbox/conversations/:id/reply',
      {
        schema: {
          params: conversationParams,
          body: Type.Object(
            {
              body: Type.String({ maxLength: 100_000 }),
              attachment_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 })),
              note: Type.Optional(Type.Boolean()),
            },
            strict,
          ),
        },
      },
      async (request) => replyFromInbox(platform, actorOf(request), request.params.id, request.body),
    );

    api.post(
      '/inbox/conversations/:id/assign',
      { schema: { params: conversationParams, body: Type.Object({ admin_id: Type.Optional(teammateOrNull), team_id: Type.Optional(teammateOrNull) }, strict) } },
      async (request) => assignFromInbox(platform, actorOf(request), request.params.id, request.body),
    );

    api.post(
      '/inbox/conversations/:id/snooze',
      { schema: { params: conversationParams, body: Type.Object({ until: Type.Integer({ minimum: 0 }) }, strict) } },
      async (request) => snoozeFromInbox(platform, actorOf(request), request.params.id, request.body.until),
    );

    api.post('/inbox/conversations/:id/close', { schema: { params: conversationParams, body: Type.Optional(empty) } }, async (request) =>
      closeFromInbox(platform, actorOf(request), request.params.id),
    );

    api.post('/inbox/conversations/:id/open', { schema: { params: conversationParams, body: Type.Optional(empty) } }, async (request) =>
      openFromInbox(platform, actorOf(request), request.params.id),
    );

    api.post(
      '/inbox/conversations/:id/priority',
      { schema: { params: conversationParams, body: Type.Object({ priority: Type.Boolean() }, strict) } },
      async (request) => prioritizeFromInbox(platform, actorOf(request), request.params.id, request.body.priority),
    );

    api.post(
      '/inbox/conversations/:id/tags',
      {
        schema: {
          params: conversationParams,
          body: Type.Object({ tag_id: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })), name: Type.Optional(Type.String({ minLength: 1, maxLength: 190 })) }, strict),
        },
      },
      async (request) => tagFromInbox(platform, actorOf(request), request.params.id, request.body),
    );

    api.delete(
      '/inbox/conversations/:id/tags/:tag_id',
      { schema: { params: Type.Object({ id: conversationParams.properties.id, tag_id: Type.String({ minLength: 1, maxLength: 20 }) }) } },
      async (request) => untagFromInbox(platform, actorOf(request), request.params.id, request.params.tag_id),
    );

    api.put(
      '/inbox/conversations/:id/attributes',
      { schema: { params: conversationParams, body: Type.Object({ custom_attributes: Type.Object({}, { additionalProperties: true }) }, strict) } },
      async (request) => updateAttributesFromInbox(platform, actorOf(request), request.params.id, request.body.custom_attributes),
    );

    api.post('/inbox/conversations/:id/read', { schema: { params: conversationParams, body: Type.Optional(empty) } }, async (request) =>
      readFromInbox(platform, actorOf(request), request.params.id),
    );
  });
};
