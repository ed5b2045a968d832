import type { DataAttribute, DataAttributeModel } from '@frontdesk/api-types';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requirePermission } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { attributeModels, createDataAttribute, dataTypes, listDataAttributes, updateDataAttribute } from './service.ts';

type IntercomDataAttribute = Awaited<ReturnType<typeof createDataAttribute>> | Awaited<ReturnType<typeof listDataAttributes>>['data'][number];

const toDataAttribute = (attribute: IntercomDataAttribute): DataAttribute => ({
  id: attribute.id,
  model: attribute.model as DataAttributeModel,
  name: attribute.name,
  full_name: attribute.full_name,
  label: attribute.label,
  description: attribute.description,
  data_type: attribute.data_type as DataAttribute['data_type'],
  options: attribute.options,
  custom: attribute.custom,
  archived: attribute.archived,
  api_writable: attribute.api_writable,
  messenger_writable: attribute.messenger_writable,
  created_at: attribute.created_at,
});

const strict = { additionalProperties: false } as const;
const model = Type.Union(attributeModels.map((name) => Type.Literal(name)));
const options = Type.Array(Type.String({ maxLength: 255 }), { maxItems: 1000 });
const asOptions = (values: string[] | undefined) => values?.map((value) => ({ value }));

/**
 * The Inbox's data attributes settings, under `/app-api`. Every teammate reads them (the contact page
 * edits values by their type, the contacts filters offer them); changes need `manage_settings`.
 */
export const dataAttributesAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.addHook('preHandler', sessionGuard(platform));

  app.get(
    '/data-attributes',
    { schema: { querystring: Type.Object({ model: Type.Optional(model), include_archived: Type.Optional(Type.Boolean()) }) } },
    async (request) => {
      const list = await listDataAttributes(platform.database.orm, actorOf(request).workspaceId, {
        model: request.query.model,
        includeArchived: request.query.include_archived,
      });
      return { data_attributes: list.data.map(toDataAttribute) };
    },
  );

  app.post(
    '/data-attributes',
    {
      schema: {
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 190 }),
            model,
            data_type: Type.Union(dataTypes.filter((type) => type !== 'datetime').map((type) => Type.Literal(type))),
            options: Type.Optional(options),
            description: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          strict,
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requirePermission(actor, 'manage_settings');
      const { options: values, ...input } = request.body;
      const created = await createDataAttribute(platform, actor, { ...input, options: asOptions(values) });
      reply.status(201);
      return toDataAttribute(created);
    },
  );

  app.put(
    '/data-attributes/:id',
    {
      schema: {
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) }),
        body: Type.Object(
          { description: Type.Optional(Type.String({ maxLength: 1000 })), archived: Type.Optional(Type.Boolean()), options: Type.Optional(options) },
          { ...strict, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor, 'manage_settings');
      const { options: values, ...changes } = request.body;
      return toDataAttribute(await updateDataAttribute(platform, actor, Number(request.params.id), { ...changes, ...(values ? { options: asOptions(values) } : {}) }));
    },
  );
};
