import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { createVisitorConversation, listVisitorConversations, loadVisitorConversation, markSeenByContact, replyAsVisitor } from '../conversations/service.ts';
import { trackEvent } from '../data-events/service.ts';
import { checkUpload, fileNameOf, limitedUploadParser, loadAttachmentFile, mediaTypeOf, servingHeaders, storeAttachment } from './attachments.ts';
import { bootVisitor, contactForMessage, updateVisitor } from './boot.ts';
import { attachmentBytesCeiling } from './settings-defaults.ts';
import { supplyVisitorEmail } from './visitor-email.ts';
import { VisitorRateLimiter } from './visitor-rate-limit.ts';
import { prepareVisitorMessage } from './visitor-message.ts';
import { authenticateVisitor, sessionOf, type VisitorSession } from './visitor-session.ts';

const strict = { additionalProperties: false } as const;
const page = Type.Optional(Type.Object({ url: Type.Optional(Type.String({ maxLength: 4096 })), title: Type.Optional(Type.String({ maxLength: 1000 })) }, strict));
const user = Type.Optional(Type.Record(Type.String({ maxLength: 190 }), Type.Unknown()));
const bootBody = Type.Object(
  { app_id: Type.String({ minLength: 1, maxLength: 64 }), visitor_id: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])), user, page },
  strict,
);
const updateBody = Type.Object({ user, page }, strict);
const emailBody = Type.Object({ email: Type.String({ maxLength: 320 }) }, strict);
const messageBody = Type.Object(
  { body: Type.String({ maxLength: 20_000 }), attachment_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 })) },
  strict,
);
const eventBody = Type.Object(
  { event_name: Type.String({ minLength: 1, maxLength: 255 }), metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
  strict,
);
const params = Type.Object({ id: Type.String({ maxLength: 64 }) });

const contactOf = (session: VisitorSession) => {
  const { contact } = session;
  return contact ? { id: contact.id, role: contact.role, name: contact.name, avatar: contact.avatar } : undefined;
};
const visitorKey = (session: VisitorSession) => `${session.messenger.workspaceId}:${session.visitor.id}`;
/** Events are cheap but still a write: a generous fixed allowance per visitor and minute. */
const eventsPerMinute = 120;
/** Each given email is a contact update (and its webhooks): a person corrects a typo, a script floods. */
const emailsPerMinute = 5;

/** `POST /messenger-api/attachments`: the body is the file itself, so this scope parses any type as bytes. */
async function uploadRoutes(upload: FastifyInstance, { platform, limiter }: { platform: Platform; limiter: VisitorRateLimiter }) {
  upload.removeAllContentTypeParsers();
  upload.addContentTypeParser('*', limitedUploadParser((request) => sessionOf(request).messenger.contentSafety.max_attachment_bytes));
  upload.post(
    '/attachments',
    {
      bodyLimit: attachmentBytesCeiling + 1024,
      // Refused before a byte of the file is read.
      preParsing: async (request, _reply, payload) => {
        const session = sessionOf(request);
        const length = request.headers['content-length'] === undefined ? undefined : Number(request.headers['content-length']);
        checkUpload(session.messenger.contentSafety, request.headers['content-type'], length);
        limiter.take(`upload:${visitorKey(session)}`, session.messenger.contentSafety.visitor_messages_per_minute, 'files');
        return payload;
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const header = request.headers['x-file-name'];
      const stored = await storeAttachment(platform, {
        workspaceId: session.messenger.workspaceId,
        visitorId: session.visitor.id,
        contactId: session.contact?.id ?? null,
        name: fileNameOf(Array.isArray(header) ? header[0] : header),
        contentType: mediaTypeOf(request.headers['content-type']) as string,
        bytes: request.body as Buffer,
      });
      return reply.status(201).send(stored);
    },
  );
}

/** The visitor API under `/messenger-api` (authenticated by visitor tokens) and `/files`. */
export const messengerRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  const limiter = new VisitorRateLimiter();

  await app.register(
    async (scope) => {
      const api = scope.withTypeProvider<TypeBoxTypeProvider>();
      api.addHook('onSend', async (_request, reply) => {
        reply.header('Cache-Control', 'no-store');
      });

      api.post('/boot', { schema: { body: bootBody } }, async (request) =>
        bootVisitor(platform, { ...request.body, visitor_id: request.body.visitor_id ?? undefined }),
      );

      await api.register(async (visitorScope) => {
        const visitorApi = visitorScope.withTypeProvider<TypeBoxTypeProvider>();
        visitorApi.addHook('onRequest', async (request) => {
          request.visitorSession = await authenticateVisitor(platform, request);
        });

        visitorApi.put('/visitor', { schema: { body: updateBody } }, async (request) => updateVisitor(platform, sessionOf(request), request.body));

        // The email collector: a lead's email, never an identity (see visitor-email.ts).
        visitorApi.put('/visitor/email', { schema: { body: emailBody } }, async (request) => {
          const session = sessionOf(request);
          limiter.take(`email:${visitorKey(session)}`, emailsPerMinute, 'email addresses');
          return supplyVisitorEmail(platform, session, request.body.email);
        });

        visitorApi.get('/conversations', async (request) => {
          const contact = contactOf(sessionOf(request));
          return { conversations: contact ? await listVisitorConversations(db, sessionOf(request).messenger.workspaceId, contact) : [] };
        });

        visitorApi.post('/conversations', { schema: { body: messageBody } }, async (request, reply) => {
          const session = sessionOf(request);
          const { workspaceId, contentSafety } = session.messenger;
          limiter.take(visitorKey(session), contentSafety.visitor_messages_per_minute);
          const message = await prepareVisitorMessage(platform, session, request.body);
          const contact = await contactForMessage(platform, session);
          const visitorContact = { id: contact.id, role: contact.role, name: contact.name, avatar: contact.avatar };
          const { id } = await createVisitorConversation(platform, workspaceId, visitorContact, message, session.visitor.lastPageUrl);
          return reply.status(201).send(await loadVisitorConversation(db, workspaceId, visitorContact, id));
        });

        visitorApi.get('/conversations/:id', { schema: { params } }, async (request) => {
          const session = sessionOf(request);
          const contact = contactOf(session);
          if (!contact) throw notFound('Conversation');
          return loadVisitorConversation(db, session.messenger.workspaceId, contact, request.params.id);
        });

        visitorApi.post('/conversations/:id/reply', { schema: { params, body: messageBody } }, async (request) => {
          const session = sessionOf(request);
          const { workspaceId, contentSafety } = session.messenger;
          limiter.take(visitorKey(session), contentSafety.visitor_messages_per_minute);
          const contact = contactOf(session);
          if (!contact) throw notFound('Conversation');
          const message = await prepareVisitorMessage(platform, session, request.body);
          return replyAsVisitor(platform, workspaceId, contact, request.params.id, message);
        });

        visitorApi.post('/conversations/:id/seen', { schema: { params } }, async (request, reply) => {
          const session = sessionOf(request);
          const contact = contactOf(session);
          if (!contact) throw notFound('Conversation');
          await markSeenByContact(platform, session.messenger.workspaceId, contact, request.params.id);
          return reply.status(204).send();
        });

        visitorApi.post('/events', { schema: { body: eventBody } }, async (request, reply) => {
          const session = sessionOf(request);
          limiter.take(`event:${visitorKey(session)}`, eventsPerMinute, 'events');
          // An anonymous visitor is nobody yet: its events are not kept (it becomes a lead when it writes).
          if (session.contact) {
            await trackEvent(platform, null, session.messenger.workspaceId, { id: session.contact.id, event_name: request.body.event_name, metadata: request.body.metadata });
          }
          return reply.status(202).send();
        });

        await visitorApi.register(uploadRoutes, { platform, limiter });
      });
    },
    { prefix: '/messenger-api' },
  );

  app.get('/files/:id/:name', { schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }), name: Type.String({ maxLength: 1000 }) }) } }, async (request, reply) => {
    const file = await loadAttachmentFile(platform, request.params.id);
    return reply.headers(servingHeaders(file)).send(file.data);
  });
};
