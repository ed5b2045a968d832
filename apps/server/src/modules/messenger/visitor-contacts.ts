import { appendEvent } from '../../platform/events/outbox.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { attachContact } from '../companies/company-contacts.ts';
import type { CompanyInput } from '../companies/company-input.ts';
import { findCompanyByCompanyId } from '../companies/service.ts';
import { upsertCompany } from '../companies/write-company.ts';
import type { ContactInput } from '../contacts/contact-input.ts';
import { createContact } from '../contacts/create-contact.ts';
import { type ContactRow, companyIdsOfContacts, findContactByEmail, findContactByExternalId } from '../contacts/service.ts';
import { updateContact } from '../contacts/update-contact.ts';
import { prepareCustomAttributes } from './custom-attributes.ts';
import * as data from './data.ts';
import type { CompanyData, CustomValue, VisitorAttributes } from './visitor-attributes.ts';

/**
 * What a boot says of the person goes to its contact through the contacts and companies services;
 * only what differs from the stored values is written, so a page view does not append an update.
 */

export interface Identity {
  userId?: string;
  email?: string;
}

/** A contact seen again after this long gets a new `last_seen_at`. */
const lastSeenResolutionMs = 10 * 60_000;
const seconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);

/** The user an identity names (by user_id, else by email); leads sharing the value do not count. */
export async function findUser(platform: Platform, workspaceId: number, identity: Identity): Promise<ContactRow | undefined> {
  const db = platform.database.orm;
  if (identity.userId !== undefined) {
    const byId = await findContactByExternalId(db, workspaceId, identity.userId);
    if (byId?.role === 'user') return byId;
  }
  if (identity.email !== undefined) {
    const byEmail = await findContactByEmail(db, workspaceId, identity.email);
    // A user holding this email under another user_id is someone else.
    if (byEmail?.role === 'user' && (identity.userId === undefined || byEmail.externalId === null)) return byEmail;
  }
  return undefined;
}

function standardInput(attributes: VisitorAttributes): ContactInput {
  const { contact } = attributes;
  const input: ContactInput = {};
  if (contact.name !== undefined) input.name = contact.name;
  if (contact.phone !== undefined) input.phone = contact.phone;
  if (contact.avatar !== undefined) input.avatar = contact.avatar;
  if (contact.signed_up_at !== undefined) input.signed_up_at = contact.signed_up_at;
  if (contact.unsubscribed_from_emails !== undefined) input.unsubscribed_from_emails = contact.unsubscribed_from_emails;
  return input;
}

const isConflict = (error: unknown) => error instanceof AppError && error.status === 409;

/** A new contact (a user identified at boot, or a visitor's lead at its first message) with what it said. */
export async function createVisitorContact(
  platform: Platform,
  workspaceId: number,
  role: 'user' | 'lead',
  identity: Identity,
  attributes: VisitorAttributes,
  options: { lenient: boolean },
): Promise<ContactRow> {
  const custom = await prepareCustomAttributes(platform, workspaceId, 'contact', attributes.custom, { create: true, lenient: options.lenient, fieldPrefix: 'user' });
  const input: ContactInput = {
    ...standardInput(attributes),
    role,
    ...(identity.userId !== undefined ? { external_id: identity.userId } : {}),
    ...(identity.email !== undefined ? { email: identity.email } : {}),
    last_seen_at: Math.floor(Date.now() / 1000),
    custom_attributes: custom,
  };
  let contact: ContactRow;
  try {
    contact = await createContact(platform, workspaceId, null, input);
  } catch (error) {
    if (!isConflict(error) || role !== 'user') throw error;
    // Created by a concurrent boot, or the email belongs to another user: find it, or do without the email.
    const existing = await findUser(platform, workspaceId, identity);
    if (existing) return updateVisitorContact(platform, workspaceId, existing, identity, attributes, options);
    contact = await createContact(platform, workspaceId, null, { ...input, email: undefined });
  }
  await writeProfile(platform, workspaceId, contact, attributes.profile, false);
  await writeCompanies(platform, workspaceId, contact.id, attributes.companies, options);
  return contact;
}

/** The changes a boot makes to an existing contact, written only if there are some. */
export async function updateVisitorContact(
  platform: Platform,
  workspaceId: number,
  contact: ContactRow,
  identity: Identity,
  attributes: VisitorAttributes,
  options: { lenient: boolean },
): Promise<ContactRow> {
  const custom = await prepareCustomAttributes(platform, workspaceId, 'contact', attributes.custom, { create: true, lenient: options.lenient, fieldPrefix: 'user' });
  const input = changesOf(contact, identity, attributes, custom);
  let updated = contact;
  if (Object.keys(input).length) {
    try {
      updated = await updateContact(platform, workspaceId, null, contact.id, input);
    } catch (error) {
      // The new email is another user's: keep the rest of the update.
      if (!isConflict(error) || input.email === undefined) throw error;
      const { email: _email, ...rest } = input;
      updated = Object.keys(rest).length ? await updateContact(platform, workspaceId, null, contact.id, rest) : contact;
    }
  }
  await writeProfile(platform, workspaceId, updated, attributes.profile, Object.keys(input).length === 0);
  await writeCompanies(platform, workspaceId, contact.id, attributes.companies, options);
  return updated;
}

function changesOf(contact: ContactRow, identity: Identity, attributes: VisitorAttributes, custom: Record<string, CustomValue>): ContactInput {
  const input: ContactInput = {};
  const given = standardInput(attributes);
  if (given.name !== undefined && given.name !== contact.name) input.name = given.name;
  if (given.phone !== undefined && given.phone !== contact.phone) input.phone = given.phone;
  if (given.avatar !== undefined && given.avatar !== contact.avatar) input.avatar = given.avatar;
  if (given.signed_up_at !== undefined && given.signed_up_at !== seconds(contact.signedUpAt)) input.signed_up_at = given.signed_up_at;
  if (given.unsubscribed_from_emails !== undefined && (given.unsubscribed_from_emails ?? false) !== contact.unsubscribedFromEmails) {
    input.unsubscribed_from_emails = given.unsubscribed_from_emails;
  }
  if (identity.userId !== undefined && contact.externalId === null) input.external_id = identity.userId;
  if (identity.email !== undefined && identity.email.toLowerCase() !== contact.email?.toLowerCase()) input.email = identity.email;
  const stored = contact.customAttributes as Record<string, unknown>;
  const changedCustom = Object.fromEntries(Object.entries(custom).filter(([name, value]) => (value === null ? name in stored : stored[name] !== value)));
  if (Object.keys(changedCustom).length) input.custom_attributes = changedCustom;
  if (Object.keys(input).length || !contact.lastSeenAt || Date.now() - contact.lastSeenAt.getTime() > lastSeenResolutionMs) {
    input.last_seen_at = Math.floor(Date.now() / 1000);
  }
  return input;
}

/** language_override and utm_* (see data.mergeContactProfile); `announce`: append `contact.updated` for them. */
async function writeProfile(platform: Platform, workspaceId: number, contact: ContactRow, profile: Record<string, string | null>, announce: boolean) {
  const stored = contact.profile as Record<string, unknown>;
  const changes = Object.fromEntries(Object.entries(profile).filter(([key, value]) => (value === null ? key in stored : stored[key] !== value)));
  if (Object.keys(changes).length === 0) return;
  await platform.database.transaction(async (tx) => {
    await data.mergeContactProfile(tx, workspaceId, contact.id, changes);
    if (announce) {
      await appendEvent(tx, {
        workspaceId,
        aggregateType: 'contact',
        aggregateId: contact.id,
        type: 'contact.updated',
        payload: { actor_id: null, contact_id: contact.id, role: contact.role },
      });
    }
  });
}

/** Each company upserted on its company_id when it changed, and the contact attached to it once. */
async function writeCompanies(platform: Platform, workspaceId: number, contactId: string, companies: CompanyData[], options: { lenient: boolean }) {
  if (companies.length === 0) return;
  const db = platform.database.orm;
  const attached = new Set((await companyIdsOfContacts(db, workspaceId, [contactId])).get(contactId) ?? []);
  for (const given of companies) {
    const existing = await findCompanyByCompanyId(db, workspaceId, given.company_id);
    const custom = await prepareCustomAttributes(platform, workspaceId, 'company', given.custom, {
      create: true,
      lenient: options.lenient,
      fieldPrefix: 'user.company',
    });
    const input: CompanyInput = {};
    const stored = existing as Record<string, unknown> | undefined;
    const fields = { name: 'name', plan: 'plan', size: 'size', website: 'website', industry: 'industry', monthly_spend: 'monthlySpend' } as const;
    for (const [key, column] of Object.entries(fields) as [keyof typeof fields, (typeof fields)[keyof typeof fields]][]) {
      const value = given[key];
      if (value !== undefined && (!stored || stored[column] !== value)) (input as Record<string, unknown>)[key] = value;
    }
    if (given.remote_created_at !== undefined && (!existing || given.remote_created_at !== seconds(existing.remoteCreatedAt))) {
      input.remote_created_at = given.remote_created_at;
    }
    const storedCustom = (existing?.customAttributes ?? {}) as Record<string, unknown>;
    const changedCustom = Object.fromEntries(Object.entries(custom).filter(([name, value]) => (value === null ? name in storedCustom : storedCustom[name] !== value)));
    if (Object.keys(changedCustom).length) input.custom_attributes = changedCustom;
    const row = !existing || Object.keys(input).length ? await upsertCompany(platform, workspaceId, null, { company_id: given.company_id, ...input }) : existing;
    if (!attached.has(row.id)) {
      await attachContact(platform, workspaceId, null, contactId, row.id);
      attached.add(row.id);
    }
  }
}
