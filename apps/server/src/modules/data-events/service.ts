import type { Executor } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { type ContactRow, findContact, findContactByEmail, findContactByExternalId } from '../contacts/service.ts';
import * as data from './data.ts';
import { normalizeMetadata } from './metadata.ts';

export type { DataEventRow } from './data.ts';

/** How a client names the contact of an event: Frontdesk's id, the business's user id, or an email. */
export interface ContactRef {
  id?: string;
  intercom_user_id?: string;
  user_id?: string;
  email?: string;
}

export async function findEventContact(db: Executor, workspaceId: number, ref: ContactRef): Promise<ContactRow> {
  const given = [ref.id ?? ref.intercom_user_id, ref.user_id, ref.email].filter((value) => value !== undefined);
  if (given.length === 0) throw invalid('Name the contact with one of id, user_id or email', 'user_id');
  if (given.length > 1) throw invalid('Name the contact with only one of id, user_id or email', 'user_id');
  const id = ref.id ?? ref.intercom_user_id;
  const contact =
    id !== undefined
      ? await findContact(db, workspaceId, id)
      : ref.user_id !== undefined
        ? await findContactByExternalId(db, workspaceId, ref.user_id)
        : await findContactByEmail(db, workspaceId, ref.email ?? '');
  if (!contact) throw new AppError(404, 'not_found', 'User Not Found');
  return contact;
}

export interface NewDataEvent extends ContactRef {
  event_name: string;
  created_at?: number;
  metadata?: unknown;
}

/** Records that a contact did something; a repeat of the same contact, name and second is ignored, as Intercom does. */
export async function trackEvent(platform: Platform, actor: Actor | null, workspaceId: number, input: NewDataEvent): Promise<void> {
  const eventName = input.event_name.trim();
  if (!eventName) throw invalid('event_name must not be empty', 'event_name');
  const metadata = normalizeMetadata(input.metadata);
  const createdAt = new Date((input.created_at ?? Math.floor(Date.now() / 1000)) * 1000);
  const contact = await findEventContact(platform.database.orm, workspaceId, input);
  await platform.database.transaction(async (tx) => {
    if (await data.dataEventExists(tx, workspaceId, contact.id, eventName, createdAt)) return;
    const row = await data.insertDataEvent(tx, { workspaceId, contactId: contact.id, eventName, metadata, createdAt });
    await appendEvent(tx, {
      workspaceId,
      aggregateType: 'contact',
      aggregateId: contact.id,
      type: 'data_event.created',
      payload: { actor_id: actor?.teammateId ?? null, contact_id: contact.id, event_name: eventName, data_event_id: String(row.id) },
    });
  });
}

export interface EventSummaryInput {
  event_name: string;
  count: number;
  first?: number;
  last?: number;
}

/**
 * `POST /events/summaries`: imports, per event name, how often a contact did it and the first and
 * last time (Unix seconds; a missing one is the other, or now). A summary replaces the one imported
 * earlier for that name, so a retried import counts once; events recorded one by one add to it.
 */
export async function importEventSummaries(
  platform: Platform,
  actor: Actor | null,
  workspaceId: number,
  input: ContactRef & { event_summaries: EventSummaryInput | EventSummaryInput[] },
): Promise<void> {
  const given = Array.isArray(input.event_summaries) ? input.event_summaries : [input.event_summaries];
  const byName = new Map<string, data.ImportedSummary>();
  given.forEach((summary, index) => {
    const field = Array.isArray(input.event_summaries) ? `event_summaries[${index}]` : 'event_summaries';
    const eventName = summary.event_name.trim();
    if (!eventName) throw invalid('event_name must not be empty', `${field}.event_name`);
    const now = Math.floor(Date.now() / 1000);
    const first = summary.first ?? summary.last ?? now;
    const last = summary.last ?? summary.first ?? now;
    if (first > last) throw invalid('first must not be later than last', `${field}.first`);
    byName.set(eventName, { eventName, count: summary.count, firstAt: new Date(first * 1000), lastAt: new Date(last * 1000) });
  });
  const contact = await findEventContact(platform.database.orm, workspaceId, input);
  await platform.database.transaction(async (tx) => {
    await data.upsertEventSummaries(tx, workspaceId, contact.id, [...byName.values()]);
    await appendEvent(tx, {
      workspaceId,
      aggregateType: 'contact',
      aggregateId: contact.id,
      type: 'data_event.summaries.imported',
      payload: { actor_id: actor?.teammateId ?? null, contact_id: contact.id, event_names: [...byName.keys()] },
    });
  });
}

export const listDataEvents = data.listDataEvents;
export const summarizeDataEvents = data.summarizeDataEvents;
