import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { invalid } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor, perPage } from '../../platform/http/pagination.ts';
import type { Platform } from '../../platform/platform.ts';
import { intercomDataEventList, intercomDataEventSummary, toIntercomDataEvent, toIntercomEventSummary } from './intercom-data-event.ts';
import { findEventContact, importEventSummaries, listDataEvents, summarizeDataEvents, trackEvent } from './service.ts';

const identifier = Type.Optional(Type.String({ minLength: 1, maxLength: 255 }));
const unixSeconds = Type.Integer({ minimum: 0, maximum: 99_999_999_999 });
const eventSummary = Type.Object(
  {
    event_name: Type.String({ minLength: 1, maxLength: 255 }),
    count: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    first: Type.Optional(unixSeconds),
    last: Type.Optional(unixSeconds),
  },
  { additionalProperties: false },
);

/** Intercom's Data Events API: `POST /api/events`, `GET /api/events`. */
export const dataEventsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;

  app.post(
    '/events',
    {
      schema: {
        tags: ['Data Events'],
        summary: 'Submit a data event (202, empty body)',
        body: Type.Object(
          {
            event_name: Type.String({ minLength: 1, maxLength: 255 }),
            created_at: Type.Optional(Type.Integer({ minimum: 0, maximum: 99_999_999_999 })),
            id: identifier,
            intercom_user_id: identifier,
            user_id: identifier,
            email: identifier,
            metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await trackEvent(platform, actor, actor.workspaceId, request.body);
      return reply.status(202).send();
    },
  );

  app.post(
    '/events/summaries',
    {
      schema: {
        tags: ['Data Events'],
        summary: "Import summaries of a contact's events (200, empty body)",
        description:
          'Per event name: how often the contact did it and the first and last time (Unix seconds). A summary replaces the one imported earlier for that name; ' +
          'the summary view of `GET /events` adds the events recorded one by one. `event_summaries` is one summary (as the SDK sends it) or a list of up to 100.',
        body: Type.Object(
          {
            user_id: identifier,
            id: identifier,
            intercom_user_id: identifier,
            email: identifier,
            event_summaries: Type.Union([eventSummary, Type.Array(eventSummary, { minItems: 1, maxItems: 100 })]),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await importEventSummaries(platform, actor, actor.workspaceId, request.body);
      return reply.status(200).send();
    },
  );

  app.get(
    '/events',
    {
      schema: {
        tags: ['Data Events'],
        summary: "List a contact's data events, or their summary",
        querystring: Type.Object({
          type: Type.String(),
          user_id: identifier,
          intercom_user_id: identifier,
          email: identifier,
          per_page: Type.Optional(Type.Integer()),
          summary: Type.Optional(Type.Boolean()),
          starting_after: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Type.Union([intercomDataEventList, intercomDataEventSummary]) },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      const query = request.query;
      if (query.type !== 'user') throw invalid('type must be "user"', 'type');
      const contact = await findEventContact(db, workspaceId, query);
      if (query.summary) return toIntercomEventSummary(await summarizeDataEvents(db, workspaceId, contact.id), contact);
      const limit = perPage(query.per_page, 50);
      const cursor = decodeCursor(query.starting_after);
      const before = cursor && typeof cursor.sort === 'number' ? { createdAt: new Date(cursor.sort), id: Number(cursor.id) } : undefined;
      if (cursor && (!before || !Number.isSafeInteger(before.id))) throw invalid('starting_after is not a cursor this server handed out', 'starting_after');
      const rows = await listDataEvents(db, workspaceId, contact.id, { limit: limit + 1, before });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      let next: string | undefined;
      if (rows.length > limit && last) {
        const params = new URLSearchParams({ type: 'user', intercom_user_id: contact.id, per_page: String(limit) });
        params.set('starting_after', encodeCursor({ sort: last.createdAt.getTime(), id: String(last.id) }));
        next = `${platform.config.publicUrl}/api/events?${params}`;
      }
      return { type: 'event.list' as const, events: page.map((row) => toIntercomDataEvent(row, contact)), pages: next ? { next } : {} };
    },
  );
};
