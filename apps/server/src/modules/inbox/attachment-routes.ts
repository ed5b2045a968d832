import type { FastifyInstance } from 'fastify';
import { actorOf, requirePermission } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { fileNameOf, limitedUploadParser, mediaTypeOf } from '../messenger/attachments.ts';
import { checkTeammateUpload, storeTeammateAttachment, teammateAttachmentBytes } from '../messenger/teammate-attachments.ts';
import { sessionGuard } from '../teammates/session-guard.ts';

/**
 * `POST /app-api/attachments`: a teammate uploads a file (the body is the file, its type in
 * Content-Type, its name URI-encoded in X-File-Name) → {id, url, name, content_type, size}; a reply
 * names it in `attachment_ids`. The teammate is authenticated and checked before a byte is read.
 */
export async function teammateAttachmentRoutes(scope: FastifyInstance, { platform }: { platform: Platform }) {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', limitedUploadParser(() => teammateAttachmentBytes));
  scope.addHook('onRequest', sessionGuard(platform));
  scope.post(
    '/attachments',
    {
      bodyLimit: teammateAttachmentBytes + 1024,
      preParsing: async (request, _reply, payload) => {
        requirePermission(actorOf(request), 'reply');
        const length = request.headers['content-length'] === undefined ? undefined : Number(request.headers['content-length']);
        checkTeammateUpload(request.headers['content-type'], length);
        return payload;
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const header = request.headers['x-file-name'];
      const stored = await storeTeammateAttachment(platform, {
        workspaceId: actor.workspaceId,
        teammateId: actor.teammateId,
        name: fileNameOf(Array.isArray(header) ? header[0] : header),
        contentType: mediaTypeOf(request.headers['content-type']) as string,
        bytes: request.body as Buffer,
      });
      return reply.status(201).send(stored);
    },
  );
}
