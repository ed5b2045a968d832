import type { Executor } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { type ContactRow, findContact, findContactByEmail, findContactByExternalId, findContactsByIds } from '../contacts/service.ts';
import { findTeammate, findTeammates } from '../teammates/accounts.ts';
import { findTeam } from '../teams/service.ts';
import { findSeat } from '../workspaces/service.ts';
import { type People, personKey } from './intercom-conversation.ts';

/** Who wrote a part: an admin (teammate) or a contact, with what the REST shape shows of them. */
export interface Author {
  type: 'admin' | 'user' | 'lead';
  id: string;
  name: string | null;
  email: string | null;
}

export type ContactAuthor = Author & { type: 'user' | 'lead'; externalId: string | null };
export type AdminAuthor = Author & { type: 'admin'; teammateId: number };

/**
 * Admins resolved lately, per database: every teammate reply names its admin, and seats change
 * rarely. An entry is trusted for as long as a cached API token (10 s), so losing a seat takes
 * effect on both within the same time.
 */
const adminCacheMs = 10_000;
const adminCaches = new WeakMap<Executor, Map<string, { author: AdminAuthor; expires: number }>>();

/**
 * The admin acting (`admin_id`): a teammate with a seat in the workspace; 404 otherwise. The same check
 * as the admins module's `findAdmin`, without its team lookup: this runs on every reply (the hot path).
 */
export async function adminAuthor(db: Executor, workspaceId: number, adminId: string | number): Promise<AdminAuthor> {
  const id = typeof adminId === 'number' ? adminId : /^[0-9]{1,15}$/.test(adminId) ? Number(adminId) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound('Admin');
  let cache = adminCaches.get(db);
  if (!cache) {
    cache = new Map();
    adminCaches.set(db, cache);
  }
  const key = `${workspaceId}:${id}`;
  const cached = cache.get(key);
  if (cached && cached.expires > Date.now()) return cached.author;
  const [teammate, seat] = await Promise.all([findTeammate(db, id), findSeat(db, workspaceId, id)]);
  if (!teammate || !seat) throw notFound('Admin');
  const author: AdminAuthor = { type: 'admin', id: String(teammate.id), teammateId: teammate.id, name: teammate.name, email: teammate.email };
  if (cache.size >= 10_000) cache.clear();
  cache.set(key, { author, expires: Date.now() + adminCacheMs });
  return author;
}

/** The team an assignment names; 404 otherwise. */
export async function requireTeam(db: Executor, workspaceId: number, teamId: string | number): Promise<number> {
  const team = await findTeam(db, workspaceId, teamId);
  if (!team) throw notFound('Team');
  return team.id;
}

export function contactAuthorOf(contact: ContactRow): ContactAuthor {
  return { type: contact.role === 'lead' ? 'lead' : 'user', id: contact.id, name: contact.name, email: contact.email, externalId: contact.externalId };
}

/** A contact named by `intercom_user_id` (our id), `user_id` (external id) or `email`; 404 when there is none. */
export async function contactByReference(
  db: Executor,
  workspaceId: number,
  reference: { intercom_user_id?: string; user_id?: string; email?: string },
  field = 'intercom_user_id',
): Promise<ContactAuthor> {
  let contact: ContactRow | undefined;
  if (reference.intercom_user_id !== undefined) contact = await findContact(db, workspaceId, reference.intercom_user_id);
  else if (reference.user_id !== undefined) contact = await findContactByExternalId(db, workspaceId, reference.user_id);
  else if (reference.email !== undefined) contact = await findContactByEmail(db, workspaceId, reference.email);
  else throw invalid('Name the contact with one of intercom_user_id, user_id or email', field);
  if (!contact) throw notFound('User');
  return contactAuthorOf(contact);
}

/** Names and emails of admins and contacts, in two batched queries; entries already known are kept. */
export async function loadPeople(
  db: Executor,
  workspaceId: number,
  refs: { adminIds: Iterable<string | number>; contactIds: Iterable<string> },
  known: People = new Map(),
): Promise<{ people: People; contacts: Map<string, ContactRow> }> {
  const people: People = new Map(known);
  const adminIds = [...new Set([...refs.adminIds].map(Number))].filter((id) => Number.isSafeInteger(id) && !people.has(personKey('admin', id)));
  const contactIds = [...new Set(refs.contactIds)];
  const [teammates, contactRows] = await Promise.all([
    adminIds.length ? findTeammates(db, adminIds) : [],
    contactIds.length ? findContactsByIds(db, workspaceId, contactIds) : [],
  ]);
  for (const teammate of teammates) people.set(personKey('admin', teammate.id), { name: teammate.name, email: teammate.email });
  const contacts = new Map<string, ContactRow>();
  for (const contact of contactRows) {
    contacts.set(contact.id, contact);
    people.set(personKey('contact', contact.id), { name: contact.name, email: contact.email });
  }
  return { people, contacts };
}
