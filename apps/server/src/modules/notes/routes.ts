import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { offsetPages, pageNumber, perPage } from '../../platform/http/pagination.ts';
import type { Platform } from '../../platform/platform.ts';
import { intercomNote, intercomNoteList } from './intercom-note.ts';
import { createNote, findIntercomNote, listIntercomNotes } from './service.ts';

const contactParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Intercom's Notes API: `/api/contacts/{id}/notes`, `/api/notes/{id}`. */
export const notesRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;

  app.post(
    '/contacts/:id/notes',
    {
      schema: {
        tags: ['Notes'],
        summary: 'Add a note to a contact',
        params: contactParams,
        body: Type.Object(
          {
            body: Type.String({ minLength: 1, maxLength: 65_535 }),
            admin_id: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Integer()])),
            contact_id: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: intercomNote },
      },
    },
    async (request) => createNote(platform, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/contacts/:id/notes',
    {
      schema: {
        tags: ['Notes'],
        summary: "List a contact's notes (newest first)",
        params: contactParams,
        querystring: Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()) }),
        response: { 200: intercomNoteList },
      },
    },
    async (request) => {
      const page = pageNumber(request.query.page);
      const size = perPage(request.query.per_page, 50);
      const { notes, totalCount } = await listIntercomNotes(db, actorOf(request).workspaceId, request.params.id, { page, perPage: size });
      const nextUrl = `${platform.config.publicUrl}/api/contacts/${encodeURIComponent(request.params.id)}/notes?page=${page + 1}&per_page=${size}`;
      return { type: 'list' as const, data: notes, total_count: totalCount, pages: offsetPages({ page, perPage: size, totalCount, nextUrl }) };
    },
  );

  app.get(
    '/notes/:id',
    { schema: { tags: ['Notes'], summary: 'Retrieve a note', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: intercomNote } } },
    async (request) => findIntercomNote(db, actorOf(request).workspaceId, request.params.id),
  );
};
