import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { intercomContactSegments, intercomSegment, intercomSegmentList, toIntercomSegment } from './intercom-segment.ts';
import { countSegment, findSegment, listSegments, segmentsOfContact } from './service.ts';

/** Intercom's Segments API: `/api/segments`. */
export const segmentsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;

  app.get(
    '/segments',
    {
      schema: {
        tags: ['Segments'],
        summary: 'List segments',
        querystring: Type.Object({ include_count: Type.Optional(Type.Boolean()) }),
        response: { 200: intercomSegmentList },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      const rows = await listSegments(db, workspaceId);
      const segments = [];
      for (const row of rows) segments.push(toIntercomSegment(row, request.query.include_count ? await countSegment(db, workspaceId, row) : undefined));
      return { type: 'segment.list' as const, segments };
    },
  );

  app.get(
    '/segments/:id',
    {
      schema: {
        tags: ['Segments'],
        summary: 'Retrieve a segment, with its contact count',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: intercomSegment },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      const segment = await findSegment(db, workspaceId, request.params.id);
      if (!segment) throw notFound('Segment');
      return toIntercomSegment(segment, await countSegment(db, workspaceId, segment));
    },
  );

  app.get(
    '/contacts/:id/segments',
    {
      schema: {
        tags: ['Contacts', 'Segments'],
        summary: 'List the segments a contact is in',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: intercomContactSegments },
      },
    },
    async (request) => segmentsOfContact(db, actorOf(request).workspaceId, request.params.id),
  );
};
