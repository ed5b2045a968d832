import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Macro, MacroAction } from '@frontdesk/api-types';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { maxActions } from './macro-actions.ts';
import { createMacro, deleteMacro, listMacros, type MacroRow, previewMacro, runMacro, updateMacro } from './service.ts';

export const toMacro = (row: MacroRow): Macro => ({
  id: String(row.id),
  name: row.name,
  body: row.body,
  note: row.note,
  actions: row.actions,
  updated_at: Math.floor(row.updatedAt.getTime() / 1000),
});

const strict = { additionalProperties: false } as const;
const id = Type.String({ pattern: '^[0-9]{1,15}$' });
const action = Type.Union([
  Type.Object({ type: Type.Literal('add_tag'), tag_id: id }, strict),
  Type.Object({ type: Type.Literal('assign'), admin_id: Type.Optional(Type.Union([id, Type.Null()])), team_id: Type.Optional(Type.Union([id, Type.Null()])) }, strict),
  Type.Object({ type: Type.Literal('set_priority'), priority: Type.Boolean() }, strict),
  Type.Object(
    {
      type: Type.Literal('snooze'),
      duration: Type.Union([
        Type.Literal('later_today'),
        Type.Literal('tomorrow'),
        Type.Literal('next_week'),
        Type.Object({ hours: Type.Integer({ minimum: 1, maximum: 720 }) }, strict),
      ]),
    },
    strict,
  ),
  Type.Object({ type: Type.Literal('close') }, strict),
]);
const fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  body: Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()]),
  note: Type.Boolean(),
  actions: Type.Array(action, { maxItems: maxActions }),
};
const params = Type.Object({ id: Type.String({ maxLength: 64 }) });
const onConversation = Type.Object({ conversation_id: Type.String({ minLength: 1, maxLength: 64 }) }, strict);

/**
 * Macros under `/app-api` (session-authenticated). Every teammate reads and previews them; writing
 * and running need `reply`: as in Intercom, anyone who answers customers may share macros with the workspace.
 */
export const macrosAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.addHook('preHandler', sessionGuard(platform));

  app.get('/macros', async (request) => ({ macros: (await listMacros(platform.database.orm, actorOf(request).workspaceId)).map(toMacro) }));

  app.post(
    '/macros',
    { schema: { body: Type.Object({ name: fields.name, body: Type.Optional(fields.body), note: Type.Optional(fields.note), actions: fields.actions }, strict) } },
    async (request, reply) => {
      reply.status(201);
      return toMacro(await createMacro(platform, actorOf(request), { ...request.body, actions: request.body.actions as MacroAction[] }));
    },
  );

  app.put(
    '/macros/:id',
    {
      schema: {
        params,
        body: Type.Object(
          { name: Type.Optional(fields.name), body: Type.Optional(fields.body), note: Type.Optional(fields.note), actions: Type.Optional(fields.actions) },
          strict,
        ),
      },
    },
    async (request) =>
      toMacro(await updateMacro(platform, actorOf(request), request.params.id, { ...request.body, actions: request.body.actions as MacroAction[] | undefined })),
  );

  app.delete('/macros/:id', { schema: { params } }, async (request, reply) => {
    await deleteMacro(platform, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.post('/macros/:id/preview', { schema: { params, body: onConversation } }, async (request) =>
    previewMacro(platform, actorOf(request), request.params.id, request.body.conversation_id),
  );

  app.post('/macros/:id/run', { schema: { params, body: onConversation } }, async (request) =>
    runMacro(platform, actorOf(request), request.params.id, request.body.conversation_id),
  );
};
