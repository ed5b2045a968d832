import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findContact } from '../contacts/service.ts';
import { intercomAppliedTag, intercomTag, intercomTagList, toIntercomAppliedTag, toIntercomTag } from './intercom-tag.ts';
import { createTag, deleteTag, findTag, listTags, renameTag, tagsOf } from './service.ts';
import { tagContact, tagObjects, untagContact } from './tag-objects.ts';

const tags = ['Tags'];
const tagBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 190 }),
    id: Type.Optional(Type.String({ minLength: 1 })),
    companies: Type.Optional(
      Type.Array(
        Type.Object(
          { id: Type.Optional(Type.String({ minLength: 1 })), company_id: Type.Optional(Type.String({ minLength: 1 })), untag: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        { maxItems: 500 },
      ),
    ),
    users: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String({ minLength: 1 })) }, { additionalProperties: false }), { maxItems: 500 })),
  },
  { additionalProperties: false },
);
const listOf = Type.Object({ type: Type.Literal('list'), data: Type.Array(intercomTag) });

/** Intercom's REST API for tags, under `/api`. */
export const tagsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;

  app.post(
    '/tags',
    {
      schema: {
        tags,
        summary: 'Create or rename a tag, or tag/untag companies or users',
        body: tagBody,
        response: { 200: intercomTag },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { name, id, companies, users } = request.body;
      if (companies || users) return toIntercomTag(await tagObjects(platform, actor.workspaceId, actor.teammateId, { name, companies, users }));
      if (id !== undefined) return toIntercomTag(await renameTag(platform, actor.workspaceId, id, name, actor.teammateId));
      return toIntercomTag(await createTag(platform, actor.workspaceId, name, actor.teammateId));
    },
  );

  app.get('/tags', { schema: { tags, summary: 'List tags', response: { 200: listOf } } }, async (request) => ({
    type: 'list' as const,
    data: (await listTags(db, actorOf(request).workspaceId)).map(toIntercomTag),
  }));

  app.get(
    '/tags/:id',
    { schema: { tags, summary: 'Get a tag', params: Type.Object({ id: Type.String({ minLength: 1 }) }), response: { 200: intercomTag } } },
    async (request) => {
      const tag = await findTag(db, actorOf(request).workspaceId, request.params.id);
      if (!tag) throw notFound('Tag');
      return toIntercomTag(tag);
    },
  );

  app.delete(
    '/tags/:id',
    { schema: { tags, summary: 'Delete a tag (refused while a segment uses it)', params: Type.Object({ id: Type.String({ minLength: 1 }) }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      await deleteTag(platform, actor.workspaceId, request.params.id, actor.teammateId);
      return reply.status(200).send();
    },
  );

  app.post(
    '/contacts/:id/tags',
    {
      schema: {
        tags,
        summary: 'Tag a contact',
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        body: Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        response: { 200: intercomAppliedTag },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return toIntercomAppliedTag(await tagContact(platform, actor.workspaceId, actor.teammateId, request.params.id, request.body.id));
    },
  );

  app.delete(
    '/contacts/:id/tags/:tag_id',
    {
      schema: {
        tags,
        summary: 'Untag a contact',
        params: Type.Object({ id: Type.String({ minLength: 1 }), tag_id: Type.String({ minLength: 1 }) }),
        response: { 200: intercomTag },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return toIntercomTag(await untagContact(platform, actor.workspaceId, actor.teammateId, request.params.id, request.params.tag_id));
    },
  );

  app.get(
    '/contacts/:id/tags',
    { schema: { tags, summary: "List a contact's tags", params: Type.Object({ id: Type.String({ minLength: 1 }) }), response: { 200: intercomTagList } } },
    async (request) => {
      const { workspaceId } = actorOf(request);
      if (!(await findContact(db, workspaceId, request.params.id))) throw notFound('Contact');
      const applied = (await tagsOf(db, workspaceId, 'contact', [request.params.id])).get(request.params.id) ?? [];
      return { type: 'list' as const, data: applied.map(toIntercomAppliedTag) };
    },
  );
};
