import { randomBytes } from 'node:crypto';
import type { MessengerBootResponse, MessengerContact } from '@frontdesk/api-types';
import { sql } from 'drizzle-orm';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { type ContactRow, findContact } from '../contacts/service.ts';
import { deleteContact } from '../contacts/delete-contact.ts';
import { mergeContacts } from '../contacts/merge-contacts.ts';
import { listVisitorConversations } from '../conversations/service.ts';
import { prepareCustomAttributes } from './custom-attributes.ts';
import * as data from './data.ts';
import { type CheckedIdentity, checkIdentity, type ClaimedIdentity } from './identity-verification.ts';
import { publicConfig } from './public-config.ts';
import { isEmpty, mergeAttributes, parseUserData, type VisitorAttributes } from './visitor-attributes.ts';
import { createVisitorContact, findUser, updateVisitorContact } from './visitor-contacts.ts';
import { isVerified, type VisitorSession } from './visitor-session.ts';
import { issueVisitorToken } from './visitor-token.ts';
import { type WorkspaceMessenger, workspaceMessengerByAppId } from './workspace-messenger.ts';

/**
 * Boot and update (Intercom's `boot` / `update`): who the visitor is, what it says of itself, and the
 * token and Messenger it gets. Verification is checked before anything is stored.
 */

export interface PageInput {
  url?: string;
  title?: string;
}
export interface UpdateInput {
  user?: Record<string, unknown>;
  page?: PageInput;
}
export interface BootInput extends UpdateInput {
  app_id: string;
  visitor_id?: string;
}

const visitorIdPattern = /^[A-Za-z0-9_-]{8,64}$/;
/** 18 random bytes: 24 URL-safe characters, kept by the browser as `getVisitorId()`. */
const newVisitorId = () => randomBytes(18).toString('base64url');
const now = () => sql`now()` as unknown as Date;

function pageUrlOf(page: PageInput | undefined): string | null | undefined {
  const url = page?.url;
  if (url === undefined) return undefined;
  return /^https?:\/\/\S{1,2040}$/i.test(url) ? url : null;
}

function sameIdentity(contact: ContactRow, claimed: ClaimedIdentity): boolean {
  if (claimed.userId !== undefined) return contact.externalId === claimed.userId;
  return claimed.email !== undefined && contact.email?.toLowerCase() === claimed.email.toLowerCase();
}

export function toMessengerContact(contact: ContactRow): MessengerContact {
  return { id: contact.id, role: contact.role === 'user' ? 'user' : 'lead', name: contact.name, email: contact.email, user_id: contact.externalId };
}

/** What an anonymous visitor said before, minus custom values that no longer fit their attributes. */
async function pendingOf(platform: Platform, workspaceId: number, visitor: data.VisitorRow | undefined): Promise<VisitorAttributes | undefined> {
  const stored = visitor?.pendingAttributes as Partial<VisitorAttributes> | undefined;
  if (!stored?.contact || !stored.profile || !stored.custom || !stored.companies) return undefined;
  const custom = await prepareCustomAttributes(platform, workspaceId, 'contact', stored.custom, { create: false, lenient: true, fieldPrefix: 'user' });
  return { contact: stored.contact, profile: stored.profile, companies: stored.companies, custom };
}

interface Settled {
  visitor: data.VisitorRow;
  contact: ContactRow | null;
}

/**
 * An identified visitor: its user is found or created and updated; a lead this browser was is merged
 * into it (its conversations kept); a browser that was another user becomes a new visitor.
 */
async function identify(
  platform: Platform,
  messenger: WorkspaceMessenger,
  visitor: data.VisitorRow | undefined,
  current: ContactRow | null,
  checked: CheckedIdentity,
  attributes: VisitorAttributes,
  pageUrl: string | null | undefined,
): Promise<Settled> {
  const workspaceId = messenger.workspaceId;
  const identity = { userId: checked.userId, email: checked.email };
  const pending = current ? undefined : await pendingOf(platform, workspaceId, visitor);
  const given = mergeAttributes(pending, attributes);
  const found = await findUser(platform, workspaceId, identity);
  let user = found
    ? await updateVisitorContact(platform, workspaceId, found, identity, given, { lenient: false })
    : await createVisitorContact(platform, workspaceId, 'user', identity, given, { lenient: false });
  let keep = visitor;
  if (visitor && current && current.id !== user.id) {
    if (current.role === 'lead') {
      try {
        user = await mergeContacts(platform, workspaceId, null, current.id, user.id);
      } catch (error) {
        // The lead was merged or deleted meanwhile: there is nothing left to bring along.
        if (!(error instanceof AppError) || error.status !== 404) throw error;
      }
    } else {
      keep = undefined;
    }
  }
  const sameUser = keep !== undefined && current?.id === user.id;
  const changes: data.VisitorChanges = {
    contactId: user.id,
    pendingAttributes: {},
    identifiedAt: sameUser && keep?.identifiedAt ? keep.identifiedAt : now(),
    verifiedAt: checked.verified ? now() : sameUser ? (keep?.verifiedAt ?? null) : null,
    lastSeenAt: now(),
    ...(pageUrl !== undefined ? { lastPageUrl: pageUrl } : {}),
  };
  const row = keep
    ? await data.updateVisitor(platform.database.orm, workspaceId, keep.id, changes)
    : await data.insertVisitor(platform.database.orm, { workspaceId, id: newVisitorId(), ...changes });
  if (!row) throw notFound('Visitor');
  return { visitor: row, contact: user };
}

/**
 * A visitor without identity. Its lead (or, on update, the user its token proves) gets what it says;
 * without a contact yet, that waits on the visitor row for its first message. A browser whose visitor
 * is a user, booting without that identity, is a new visitor: it must not see that user's conversations.
 */
async function stayAnonymous(
  platform: Platform,
  messenger: WorkspaceMessenger,
  visitor: data.VisitorRow | undefined,
  current: ContactRow | null,
  attributes: VisitorAttributes,
  pageUrl: string | null | undefined,
  tokenProven: boolean,
): Promise<Settled> {
  const workspaceId = messenger.workspaceId;
  const db = platform.database.orm;
  const seen = { lastSeenAt: now(), ...(pageUrl !== undefined ? { lastPageUrl: pageUrl } : {}) };
  if (visitor && current && (current.role === 'lead' || tokenProven)) {
    const contact = await updateVisitorContact(platform, workspaceId, current, {}, attributes, { lenient: false });
    const row = await data.updateVisitor(db, workspaceId, visitor.id, seen);
    return { visitor: row ?? visitor, contact };
  }
  const custom = await prepareCustomAttributes(platform, workspaceId, 'contact', attributes.custom, { create: false, fieldPrefix: 'user' });
  const checked = { ...attributes, custom };
  if (visitor && !current) {
    const pending = mergeAttributes(await pendingOf(platform, workspaceId, visitor), checked);
    const row = await data.updateVisitor(db, workspaceId, visitor.id, {
      ...seen,
      contactId: null,
      identifiedAt: null,
      verifiedAt: null,
      pendingAttributes: isEmpty(pending) ? {} : pending,
    });
    return { visitor: row ?? visitor, contact: null };
  }
  const row = await data.insertVisitor(db, { workspaceId, id: newVisitorId(), ...seen, pendingAttributes: isEmpty(checked) ? {} : checked });
  return { visitor: row, contact: null };
}

async function settle(
  platform: Platform,
  messenger: WorkspaceMessenger,
  visitor: data.VisitorRow | undefined,
  input: UpdateInput,
  tokenProven: boolean,
): Promise<MessengerBootResponse> {
  const workspaceId = messenger.workspaceId;
  const db = platform.database.orm;
  const { identity: claimed, ...attributes } = parseUserData(input.user);
  const pageUrl = pageUrlOf(input.page);
  const current = visitor?.contactId ? ((await findContact(db, workspaceId, visitor.contactId)) ?? null) : null;
  let settled: Settled;
  if (claimed.userId !== undefined || claimed.email !== undefined || claimed.jwt !== undefined) {
    // An update naming the user its token already proves needs no new proof.
    const proven = tokenProven && visitor && current?.role === 'user' && claimed.userHash === undefined && claimed.jwt === undefined && sameIdentity(current, claimed);
    const checked = proven ? { userId: claimed.userId, email: claimed.email, verified: isVerified(visitor, messenger) } : checkIdentity(claimed, messenger);
    settled =
      checked.userId !== undefined || checked.email !== undefined
        ? await identify(platform, messenger, visitor, current, checked, attributes, pageUrl)
        : await stayAnonymous(platform, messenger, visitor, current, attributes, pageUrl, tokenProven);
  } else {
    settled = await stayAnonymous(platform, messenger, visitor, current, attributes, pageUrl, tokenProven);
  }
  const { contact } = settled;
  const conversations = contact ? await listVisitorConversations(db, workspaceId, { id: contact.id, role: contact.role }) : [];
  return {
    visitor_id: settled.visitor.id,
    token: issueVisitorToken(platform.keyring, { workspaceId, visitorId: settled.visitor.id }),
    contact: contact ? toMessengerContact(contact) : null,
    messenger: await publicConfig(platform, messenger),
    unread_count: conversations.reduce((total, conversation) => total + conversation.unread_count, 0),
  };
}

/** `POST /messenger-api/boot`. */
export async function bootVisitor(platform: Platform, input: BootInput): Promise<MessengerBootResponse> {
  const messenger = await workspaceMessengerByAppId(platform, input.app_id);
  if (!messenger) throw notFound('App');
  const visitor = input.visitor_id && visitorIdPattern.test(input.visitor_id) ? await data.findVisitor(platform.database.orm, messenger.workspaceId, input.visitor_id) : undefined;
  return settle(platform, messenger, visitor, input, false);
}

/** `PUT /messenger-api/visitor` (Intercom's `update`): the same answer as boot; keep the visitor_id and token it gives. */
export async function updateVisitor(platform: Platform, session: VisitorSession, input: UpdateInput): Promise<MessengerBootResponse> {
  return settle(platform, session.messenger, session.visitor, input, true);
}

/**
 * The contact a visitor writes as: its own, or — for an anonymous visitor's first message — a new lead
 * with what it said at boot. Two first messages at once make one lead (the loser's is deleted).
 */
export async function contactForMessage(platform: Platform, session: VisitorSession): Promise<ContactRow> {
  if (session.contact) return session.contact;
  const { workspaceId } = session.messenger;
  const db = platform.database.orm;
  const pending = (await pendingOf(platform, workspaceId, session.visitor)) ?? { contact: {}, profile: {}, custom: {}, companies: [] };
  const lead = await createVisitorContact(platform, workspaceId, 'lead', {}, pending, { lenient: true });
  if (await data.claimVisitorContact(db, workspaceId, session.visitor.id, lead.id)) {
    session.contact = lead;
    return lead;
  }
  await deleteContact(platform, workspaceId, null, lead.id).catch(() => undefined);
  const visitor = await data.findVisitor(db, workspaceId, session.visitor.id);
  const contact = visitor?.contactId ? await findContact(db, workspaceId, visitor.contactId) : undefined;
  if (!contact) throw new Error('a visitor lost its contact while writing its first message');
  session.contact = contact;
  return contact;
}
