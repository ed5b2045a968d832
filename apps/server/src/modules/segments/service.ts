import { hexId } from '../../platform/crypto/tokens.ts';
import type { Executor } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { contactSearchCondition } from '../contacts/service.ts';
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
