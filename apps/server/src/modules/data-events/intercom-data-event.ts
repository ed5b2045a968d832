import { Type } from 'typebox';
import type { ContactRow } from '../contacts/service.ts';
import type { DataEventRow, EventSummaryRow } from './data.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const intercomDataEvent = Type.Object({
  type: Type.Literal('event'),
  id: Type.String(),
  event_name: Type.String(),
  created_at: Type.Integer(),
  user_id: nullable(Type.String()),
  intercom_user_id: Type.String(),
  email: nullable(Type.String()),
  metadata: Type.Record(Type.String(), Type.Unknown()),
});

export const intercomDataEventList = Type.Object({
  type: Type.Literal('event.list'),
  events: Type.Array(intercomDataEvent),
  pages: Type.Object({ next: Type.Optional(Type.String()) }),
});

export const intercomDataEventSummary = Type.Object({
  type: Type.Literal('event.summary'),
  user_id: nullable(Type.String()),
  intercom_user_id: Type.String(),
  email: nullable(Type.String()),
  events: Type.Array(
    Type.Object({ name: Type.String(), first: Type.String(), last: Type.String(), count: Type.Integer(), description: nullable(Type.String()) }),
  ),
});

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The Intercom `event` shape of a data event. */
export function toIntercomDataEvent(row: DataEventRow, contact: ContactRow) {
  return {
    type: 'event' as const,
    id: String(row.id),
    event_name: row.eventName,
    created_at: seconds(row.createdAt),
    user_id: contact.externalId,
    intercom_user_id: contact.id,
    email: contact.email,
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
  };
}

/** The Intercom `event.summary` shape: per event name, the first and last time (ISO 8601) and how often. */
export function toIntercomEventSummary(rows: EventSummaryRow[], contact: ContactRow) {
  return {
    type: 'event.summary' as const,
    user_id: contact.externalId,
    intercom_user_id: contact.id,
    email: contact.email,
    events: rows.map((row) => ({ name: row.name, first: row.first.toISOString(), last: row.last.toISOString(), count: row.count, description: null })),
  };
}
