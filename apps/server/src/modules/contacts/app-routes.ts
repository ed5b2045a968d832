import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requirePermission } from '../../platform/http/auth.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { createNote } from '../notes/service.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { tagContact, tagObjects, untagContact } from '../tags/tag-objects.ts';
import { contactFiltersQuery, parseConditions } from './contact-filters.ts';
import { contactProfile, toContactListItems, toContactNote } from './contact-profile.ts';
import { findContactRows } from './list-contacts.ts';
import { updateContact } from './update-contact.ts';

const strict = { additionalProperties: false } as const;
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const nullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);
const attributeValue = Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean(), Type.Null()]);

function conditionsOf(text: string | undefined) {
  if (text === undefined || text === '') return undefined;
  try {
    return parseConditions(JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError) throw invalid('conditions must be JSON: a list of {field, operator, value}', 'conditions');
    throw error;
  }
}

/** The Inbox's contacts: the filtered list, the contact profile and its edits, under `/app-api`. */
export const contactsAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  app.addHook('preHandler', sessionGuard(platform));

  app.get(
    '/contacts',
    {
      schema: {
        querystring: Type.Object({
          role: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('lead')])),
          text: Type.Optional(Type.String({ maxLength: 200 })),
          tag_id: Type.Optional(Type.String({ maxLength: 20 })),
          segment_id: Type.Optional(Type.String({ maxLength: 64 })),
          conditions: Type.Optional(Type.String({ maxLength: 8000 })),
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
          per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      const { cursor, per_page, conditions, ...filters } = request.query;
      const query = contactFiltersQuery({ ...filters, conditions: conditionsOf(conditions) });
      const page = await findContactRows(db, workspaceId, query, { perPage: per_page ?? 25, startingAfter: cursor });
      return { contacts: await toContactListItems(db, workspaceId, page.rows), next: page.next, total: page.totalCount };
    },
  );

  app.get('/contacts/:id', { schema: { params: idParams } }, async (request) => contactProfile(db, actorOf(request), request.params.id));

  app.put(
    '/contacts/:id',
    {
      schema: {
        params: idParams,
        body: Type.Object(
          {
            name: Type.Optional(nullableText(255)),
            email: Type.Optional(nullableText(320)),
            phone: Type.Optional(nullableText(64)),
            custom_attributes: Type.Optional(Type.Record(Type.String({ maxLength: 190 }), attributeValue, { maxProperties: 100 })),
          },
          strict,
        ),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor, 'reply');
      await updateContact(platform, actor.workspaceId, actor.teammateId, request.params.id, request.body);
      return contactProfile(db, actor, request.params.id);
    },
  );

  app.post(
    '/contacts/:id/notes',
    { schema: { params: idParams, body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 65_535 }) }, strict) } },
    async (request, reply) => {
      const actor = actorOf(request);
      requirePermission(actor, 'reply');
      const note = await createNote(platform, actor, request.params.id, { body: request.body.body });
      reply.status(201);
      return toContactNote(note);
    },
  );

  app.post(
    '/contacts/:id/tags',
    {
      schema: {
        params: idParams,
        body: Type.Object(
          { tag_id: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })), name: Type.Optional(Type.String({ minLength: 1, maxLength: 190 })) },
          { ...strict, minProperties: 1, maxProperties: 1 },
        ),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor, 'reply');
      const { tag_id: tagId, name } = request.body;
      const tag =
        tagId !== undefined
          ? await tagContact(platform, actor.workspaceId, actor.teammateId, request.params.id, tagId)
          : await tagObjects(platform, actor.workspaceId, actor.teammateId, { name: name ?? '', users: [{ id: request.params.id }] });
      return { id: tag.id, name: tag.name };
    },
  );

  app.delete('/contacts/:id/tags/:tag_id', { schema: { params: Type.Object({ id: idParams.properties.id, tag_id: Type.String({ maxLength: 20 }) }) } }, async (request, reply) => {
    const actor = actorOf(request);
    requirePermission(actor, 'reply');
    await untagContact(platform, actor.workspaceId, actor.teammateId, request.params.id, request.params.tag_id);
    return reply.status(204).send();
  });
};
