import type { Executor, Tx } from '../../platform/db/database.ts';
import { tagsOf } from '../tags/service.ts';
import { findWorkspace } from '../workspaces/service.ts';
import * as data from './data.ts';
import { type ContactRow, type ContactRelations, type IntercomContact, inlineLimit, type LinkedList, toIntercomContact } from './intercom-contact.ts';

export type { ContactRow, IntercomContact } from './intercom-contact.ts';
export { toIntercomContact } from './intercom-contact.ts';
export { contactSearchFields, contactSearchCondition } from './search-fields.ts';
export { createLeadWithEmail } from './create-contact.ts';
export type { ContactTouch } from './data.ts';

export const findContact = (db: Executor, workspaceId: number, id: string) => data.findContact(db, workspaceId, id);
export const findContactsByIds = (db: Executor, workspaceId: number, ids: string[]) => data.findContactsByIds(db, workspaceId, ids);
/** The user with this external id, or else a lead with it. */
export const findContactByExternalId = (db: Executor, workspaceId: number, externalId: string) => data.findContactByExternalId(db, workspaceId, externalId);
/** The user with this email (case-insensitive), or else the oldest lead with it. */
export const findContactByEmail = (db: Executor, workspaceId: number, email: string) => data.findContactByEmail(db, workspaceId, email);

const idCodes = new Map<number, string>();

/** A workspace's public id (`workspace_id` / `app_id` in Intercom's shapes); it never changes, so it is cached. */
export async function workspaceIdCode(db: Executor, workspaceId: number): Promise<string> {
  let code = idCodes.get(workspaceId);
  if (!code) {
    code = (await findWorkspace(db, workspaceId))?.idCode ?? String(workspaceId);
    idCodes.set(workspaceId, code);
  }
  return code;
}

function linked(pairs: Map<string, string[]>, id: string): LinkedList {
  const ids = pairs.get(id) ?? [];
  return { ids: ids.slice(0, inlineLimit), totalCount: ids.length };
}

function group<T>(items: T[], key: (item: T) => string, value: (item: T) => string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const item of items) {
    const list = result.get(key(item)) ?? [];
    list.push(value(item));
    result.set(key(item), list);
  }
  return result;
}

/** Contacts in the REST shape, with their tags, notes and companies loaded in one query each. */
export async function toIntercomContacts(db: Executor, workspaceId: number, contactRows: ContactRow[]): Promise<IntercomContact[]> {
  if (contactRows.length === 0) return [];
  const ids = contactRows.map((row) => row.id);
  const [idCode, tags, notes, memberships] = await Promise.all([
    workspaceIdCode(db, workspaceId),
    tagsOf(db, workspaceId, 'contact', ids),
    data.noteIdsOfContacts(db, workspaceId, ids),
    data.membershipsOfContacts(db, workspaceId, ids),
  ]);
  const noteIds = group(notes, (note) => note.contact_id, (note) => note.id);
  const companyIds = group(memberships, (m) => m.contactId, (m) => m.companyId);
  return contactRows.map((row) => {
    const contactTags = tags.get(row.id) ?? [];
    const relations: ContactRelations = {
      workspaceIdCode: idCode,
      tags: { ids: contactTags.map((tag) => tag.id), totalCount: contactTags.length },
      notes: linked(noteIds, row.id),
      companies: linked(companyIds, row.id),
    };
    return toIntercomContact(row, relations);
  });
}

/** One contact in the REST shape, or undefined when the workspace has no such contact. */
export async function loadIntercomContact(db: Executor, workspaceId: number, id: string): Promise<IntercomContact | undefined> {
  const row = await data.findContact(db, workspaceId, id);
  if (!row) return undefined;
  const [contact] = await toIntercomContacts(db, workspaceId, [row]);
  return contact;
}

// Company membership: the contact_companies table is the contacts module's, the operations are the companies module's.

export const attachContactToCompany = (tx: Tx, workspaceId: number, contactId: string, companyId: string) =>
  data.insertMembership(tx, workspaceId, contactId, companyId);
export const detachContactFromCompany = (tx: Tx, workspaceId: number, contactId: string, companyId: string) =>
  data.deleteMembership(tx, workspaceId, contactId, companyId);
/** Detaches every contact from a company being deleted; returns their ids. */
export const detachAllContactsFromCompany = (tx: Tx, workspaceId: number, companyId: string) => data.deleteMembershipsOfCompany(tx, workspaceId, companyId);
/** Company ids of each contact, oldest membership first. */
export async function companyIdsOfContacts(db: Executor, workspaceId: number, contactIds: string[]): Promise<Map<string, string[]>> {
  return group(await data.membershipsOfContacts(db, workspaceId, contactIds), (m) => m.contactId, (m) => m.companyId);
}
export const contactIdsOfCompany = (db: Executor, workspaceId: number, companyId: string, page: { limit: number; offset: number }) =>
  data.contactIdsOfCompany(db, workspaceId, companyId, page);
export const countContactsOfCompanies = (db: Executor, workspaceId: number, companyIds: string[]) => data.countContactsOfCompanies(db, workspaceId, companyIds);

/**
 * The contacts' `last_replied_at` / `last_contacted_at` as a data-modifying CTE named `touched_contacts`
 * (undefined when there is nothing to touch), for a conversation write to carry in its own statement:
 * one set-based UPDATE per batch, whatever its size.
 */
export const contactTouchesCte = (touches: data.ContactTouch[]) => data.touchContactsCte('touched_contacts', touches);
