import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requirePermission } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { createTag, deleteTag, renameTag } from './service.ts';
import { listTagsWithUsage, tagWithUsage } from './tag-usage.ts';

const strict = { additionalProperties: false } as const;
const params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 20 }) });
const name = Type.String({ minLength: 1, maxLength: 190 });

/**
 * The Inbox's tags settings, under `/app-api`. Every teammate reads tags; creating one is part of
 * tagging (`reply`); renaming and deleting change every tagged object (`manage_settings`).
 */
export const tagsAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  app.addHook('preHandler', sessionGuard(platform));

  app.get('/tags', async (request) => ({ tags: await listTagsWithUsage(db, actorOf(request).workspaceId) }));

  app.post('/tags', { schema: { body: Type.Object({ name }, strict) } }, async (request, reply) => {
    const actor = actorOf(request);
    requirePermission(actor, 'reply');
    const tag = await createTag(platform, actor.workspaceId, request.body.name, actor.teammateId);
    reply.status(201);
    return tagWithUsage(db, actor.workspaceId, tag.id);
  });

  app.put('/tags/:id', { schema: { params, body: Type.Object({ name }, strict) } }, async (request) => {
    const actor = actorOf(request);
    requirePermission(actor, 'manage_settings');
    const tag = await renameTag(platform, actor.workspaceId, request.params.id, request.body.name, actor.teammateId);
    return tagWithUsage(db, actor.workspaceId, tag.id);
  });

  app.delete('/tags/:id', { schema: { params } }, async (request, reply) => {
    const actor = actorOf(request);
    requirePermission(actor, 'manage_settings');
    await deleteTag(platform, actor.workspaceId, request.params.id, actor.teammateId);
    return reply.status(204).send();
  });
};
