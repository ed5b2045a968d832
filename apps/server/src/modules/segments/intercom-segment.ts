import { Type } from 'typebox';
import type { SegmentRow } from './data.ts';

export const intercomSegment = Type.Object({
  type: Type.Literal('segment'),
  id: Type.String(),
  name: Type.String(),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
  person_type: Type.String(),
  count: Type.Optional(Type.Integer()),
});

/** `GET /contacts/{id}/segments`: the segments the contact is in now. */
export const intercomContactSegments = Type.Object({ type: Type.Literal('list'), data: Type.Array(intercomSegment) });

export const intercomSegmentList = Type.Object({ type: Type.Literal('segment.list'), segments: Type.Array(intercomSegment) });

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The Intercom `segment` shape; `count` only when it was asked for. */
export function toIntercomSegment(row: SegmentRow, count?: number) {
  return {
    type: 'segment' as const,
    id: row.id,
    name: row.name,
    created_at: seconds(row.createdAt),
    updated_at: seconds(row.updatedAt),
    person_type: row.personType,
    ...(count === undefined ? {} : { count }),
  };
}
