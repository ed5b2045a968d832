import type { MessengerContact } from '@frontdesk/api-types';
import { conflict, invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { updateContact } from '../contacts/update-contact.ts';
import { contactForMessage, toMessengerContact } from './boot.ts';
import type { VisitorSession } from './visitor-session.ts';

/**
 * The Messenger's email collector (Intercom's "Get notified by email"): an anonymous visitor or a lead
 * gives an email to be told of replies. It is stored on the visitor's own lead, through the contacts
 * service (so `contact.updated` and its webhooks follow); it is *not* an identity: a user with the same
 * email stays a separate contact, and nothing is merged or bound — the page proves identity, not a form.
 */

/** Stricter than the contacts API (a dot in the domain): this is typed by hand, a typo is likelier than "a@localhost". */
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export async function supplyVisitorEmail(platform: Platform, session: VisitorSession, given: string): Promise<{ contact: MessengerContact }> {
  const email = given.trim();
  if (!emailPattern.test(email)) throw invalid(`"${email.slice(0, 64)}" is not an email address. Check it and try again.`, 'email');
  if (session.contact?.role === 'user') {
    throw conflict('A signed-in user already has an email: your website sets it (Intercom("update", {email})), not the Messenger', 'email');
  }
  // A visitor who has not written yet becomes its lead now, with what it said at boot.
  const lead = await contactForMessage(platform, session);
  if (lead.role === 'user') throw conflict('A signed-in user already has an email: your website sets it, not the Messenger', 'email');
  const unchanged = lead.email?.toLowerCase() === email.toLowerCase();
  const contact = unchanged ? lead : await updateContact(platform, session.messenger.workspaceId, null, lead.id, { email });
  return { contact: toMessengerContact(contact) };
}
