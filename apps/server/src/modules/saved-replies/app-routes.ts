import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SavedReply } from '@frontdesk/api-types';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { createSavedReply, deleteSavedReply, listSavedReplies, renderSavedReply, type SavedReplyRow, updateSavedReply } from './service.ts';

export const toSavedReply = (row: SavedReplyRow): SavedReply => ({
  id: String(row.id),
  name: row.name,
  shortcut: row.shortcut,
  body: row.body,
  updated_at: Math.floor(row.updatedAt.getTime() / 1000),
});

const strict = { additionalProperties: false } as const;
const params = Type.Object({ id: Type.String({ maxLength: 64 }) });
const name = Type.String({ minLength: 1, maxLength: 100 });
const shortcut = Type.Union([Type.String({ maxLength: 32 }), Type.Null()]);
const body = Type.String({ minLength: 1, maxLength: 20_000 });

/**
 * Saved replies under `/app-api` (session-authenticated). Every teammate reads them; writing needs
 * `reply`: as in Intercom, anyone who answers customers may share replies with the workspace.
 */
export const savedRepliesAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.addHook('preHandler', sessionGuard(platform));

  app.get('/saved-replies', async (request) => ({
    saved_replies: (await listSavedReplies(platform.database.orm, actorOf(request).workspaceId)).map(toSavedReply),
  }));

  app.post('/saved-replies', { schema: { body: Type.Object({ name, shortcut: Type.Optional(shortcut), body }, strict) } }, async (request, reply) => {
    reply.status(201);
    return toSavedReply(await createSavedReply(platform, actorOf(request), request.body));
  });

  app.put(
    '/saved-replies/:id',
    { schema: { params, body: Type.Object({ name: Type.Optional(name), shortcut: Type.Optional(shortcut), body: Type.Optional(body) }, strict) } },
    async (request) => toSavedReply(await updateSavedReply(platform, actorOf(request), request.params.id, request.body)),
  );

  app.delete('/saved-replies/:id', { schema: { params } }, async (request, reply) => {
    await deleteSavedReply(platform, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.post(
    '/saved-replies/:id/render',
    { schema: { params, body: Type.Object({ conversation_id: Type.String({ minLength: 1, maxLength: 64 }) }, strict) } },
    async (request) => renderSavedReply(platform, actorOf(request), request.params.id, request.body.conversation_id),
  );
};
