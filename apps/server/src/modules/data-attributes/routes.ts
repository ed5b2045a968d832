import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { intercomDataAttribute, intercomDataAttributeList } from './intercom-data-attribute.ts';
import { attributeModels, createDataAttribute, dataTypes, listDataAttributes, updateDataAttribute } from './service.ts';

const model = Type.Union(attributeModels.map((name) => Type.Literal(name)));
const options = Type.Array(Type.Object({ value: Type.String() }, { additionalProperties: false }), { maxItems: 1000 });

/** Intercom's Data Attributes API: `/api/data_attributes`. */
export const dataAttributesRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/data_attributes',
    {
      schema: {
        tags: ['Data Attributes'],
        summary: 'List data attributes (standard and custom)',
        querystring: Type.Object({ model: Type.Optional(model), include_archived: Type.Optional(Type.Boolean()) }),
        response: { 200: intercomDataAttributeList },
      },
    },
    async (request) =>
      listDataAttributes(platform.database.orm, actorOf(request).workspaceId, {
        model: request.query.model,
        includeArchived: request.query.include_archived,
      }),
  );

  app.post(
    '/data_attributes',
    {
      schema: {
        tags: ['Data Attributes'],
        summary: 'Create a custom data attribute',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 190 }),
            model,
            data_type: Type.Union(dataTypes.map((name) => Type.Literal(name))),
            options: Type.Optional(options),
            description: Type.Optional(Type.String({ maxLength: 1000 })),
            messenger_writable: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: intercomDataAttribute },
      },
    },
    async (request) => createDataAttribute(platform, actorOf(request), request.body),
  );

  app.put(
    '/data_attributes/:id',
    {
      schema: {
        tags: ['Data Attributes'],
        summary: 'Update a custom data attribute (archive, describe, change options)',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) }),
        body: Type.Object(
          {
            archived: Type.Optional(Type.Boolean()),
            description: Type.Optional(Type.String({ maxLength: 1000 })),
            options: Type.Optional(options),
            messenger_writable: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: intercomDataAttribute },
      },
      // The SDK sends no body at all when given no changes.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => updateDataAttribute(platform, actorOf(request), Number(request.params.id), request.body),
  );
};
