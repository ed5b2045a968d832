import type { SQL } from 'drizzle-orm';
import { hexId } from '../../platform/crypto/tokens.ts';
import type { Executor } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { contactSearchCondition, findContact } from '../contacts/service.ts';
import * as data from './data.ts';
import { toIntercomSegment } from './intercom-segment.ts';

export type { SegmentRow } from './data.ts';
export type PersonType = 'contact' | 'user' | 'lead';
export const personTypes: PersonType[] = ['contact', 'user', 'lead'];

/** A segment of this workspace, or undefined (also for another workspace's id). */
export async function findSegment(db: Executor, workspaceId: number, id: string): Promise<data.SegmentRow | undefined> {
  return data.findSegment(db, workspaceId, id);
}

export const listSegments = data.listSegments;

/** A segment's stored query compiled to a condition on the contacts table, with its person type. */
async function segmentCondition(db: Executor, workspaceId: number, segment: data.SegmentRow): Promise<SQL> {
  const condition = await contactSearchCondition(db, workspaceId, segment.query);
  const role = segment.personType === 'user' || segment.personType === 'lead' ? segment.personType : undefined;
  return role ? data.withRole(role, condition) : condition;
}

/**
 * `GET /contacts/{id}/segments`: the segments whose query the contact matches now, oldest first. A
 * segment whose query no longer compiles (say, a custom attribute was archived) matches nobody.
 */
export async function segmentsOfContact(db: Executor, workspaceId: number, contactId: string) {
  if (!(await findContact(db, workspaceId, contactId))) throw notFound('Contact');
  const compiled: { segment: data.SegmentRow; condition: SQL }[] = [];
  for (const segment of await data.listSegments(db, workspaceId)) {
    try {
      compiled.push({ segment, condition: await segmentCondition(db, workspaceId, segment) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  const matches = await data.matchingConditions(
    db,
    workspaceId,
    contactId,
    compiled.map((item) => item.condition),
  );
  return { type: 'list' as const, data: compiled.filter((_, index) => matches[index]).map((item) => toIntercomSegment(item.segment)) };
}

/** How many contacts the segment holds now: its stored query evaluated against the contacts. */
export async function countSegment(db: Executor, workspaceId: number, segment: data.SegmentRow): Promise<number> {
  const condition = await contactSearchCondition(db, workspaceId, segment.query);
  const role = segment.personType === 'user' || segment.personType === 'lead' ? segment.personType : undefined;
  return data.countContacts(db, workspaceId, role, condition);
}

export interface NewSegmentInput {
  name: string;
  person_type: PersonType;
  query: unknown;
}

/** A saved contact filter. The query is checked now (grammar, fields, types) so a segment never fails later. */
export async function createSegment(platform: Platform, actor: Actor, input: NewSegmentInput) {
  const name = input.name.trim();
  if (!name) throw invalid('Give the segment a name', 'name');
  if (!personTypes.includes(input.person_type)) throw invalid(`person_type must be one of ${personTypes.join(', ')}`, 'person_type');
  const db = platform.database.orm;
  await contactSearchCondition(db, actor.workspaceId, input.query);
  const row = await platform.database.transaction(async (tx) => {
    const inserted = await data.insertSegment(tx, { workspaceId: actor.workspaceId, id: hexId(), name, personType: input.person_type, query: input.query });
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'segment',
      aggregateId: inserted.id,
      type: 'segment.created',
      payload: { actor_id: actor.teammateId, segment_id: inserted.id, name },
    });
    return inserted;
  });
  return toIntercomSegment(row);
}
