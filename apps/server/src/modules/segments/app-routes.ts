import type { Segment } from '@frontdesk/api-types';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requirePermission } from '../../platform/http/auth.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { contactFiltersQuery, parseConditions } from '../contacts/contact-filters.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { countSegment, createSegment, findSegment, listSegments, type PersonType, type SegmentRow } from './service.ts';

const strict = { additionalProperties: false } as const;
const filters = Type.Object(
  {
    role: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('lead')])),
    text: Type.Optional(Type.String({ maxLength: 200 })),
    tag_id: Type.Optional(Type.String({ maxLength: 20 })),
    segment_id: Type.Optional(Type.String({ maxLength: 64 })),
    conditions: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 10 })),
  },
  strict,
);

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const toSegment = (row: SegmentRow, count?: number): Segment => ({
  id: row.id,
  name: row.name,
  person_type: row.personType as PersonType,
  created_at: seconds(row.createdAt),
  ...(count === undefined ? {} : { count }),
});

/** The Inbox's segments (saved contact filters), under `/app-api`. */
export const segmentsAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  app.addHook('preHandler', sessionGuard(platform));

  /** A segment whose query no longer compiles (a REST client's, say) is listed without a count. */
  const countOf = async (workspaceId: number, row: SegmentRow) => {
    try {
      return await countSegment(db, workspaceId, row);
    } catch (error) {
      if (error instanceof AppError) return undefined;
      throw error;
    }
  };

  app.get('/segments', { schema: { querystring: Type.Object({ include_count: Type.Optional(Type.Boolean()) }) } }, async (request) => {
    const { workspaceId } = actorOf(request);
    const rows = await listSegments(db, workspaceId);
    const segments: Segment[] = [];
    for (const row of rows) segments.push(toSegment(row, request.query.include_count ? await countOf(workspaceId, row) : undefined));
    return { segments };
  });

  app.post('/segments', { schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 190 }), filters }, strict) } }, async (request, reply) => {
    const actor = actorOf(request);
    requirePermission(actor, 'reply');
    const { conditions, ...given } = request.body.filters;
    // A segment's query is expanded one level only: a segment made of another would match nobody later.
    if (given.segment_id) throw invalid('A segment cannot be built on another segment: clear the segment filter first', 'filters.segment_id');
    const query = contactFiltersQuery({ ...given, conditions: conditions === undefined ? undefined : parseConditions(conditions) });
    if (!query) throw invalid('Add at least one filter to save a segment', 'filters');
    const created = await createSegment(platform, actor, { name: request.body.name, person_type: given.role ?? 'contact', query });
    const row = await findSegment(db, actor.workspaceId, created.id);
    if (!row) throw new Error('segment vanished right after it was created');
    reply.status(201);
    return toSegment(row, await countOf(actor.workspaceId, row));
  });
};
