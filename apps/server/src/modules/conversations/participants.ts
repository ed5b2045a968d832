import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { createLeadWithEmail, findContact, findContactByEmail } from '../contacts/service.ts';
import { type ContactAuthor, adminAuthor, contactAuthorOf, contactByReference } from './authors.ts';
import { changeConversation } from './change-conversation.ts';
import * as data from './data.ts';
import { personKey } from './intercom-conversation.ts';
import type { People } from './intercom-conversation.ts';
import { presentChange } from './service.ts';
import { withTeammate } from './part-effects.ts';

export interface AttachInput {
  admin_id?: string | number;
  customer: { intercom_user_id?: string; user_id?: string; email?: string };
}

/** The answer of both participant routes: the conversation, plus Intercom's `customers` list. */
async function withCustomers(platform: Platform, workspaceId: number, result: Awaited<ReturnType<typeof changeConversation>>, known: People) {
  const conversation = await presentChange(platform.database.orm, workspaceId, result, { known });
  return { ...conversation, customers: conversation.contacts.contacts.map((contact) => ({ type: 'user' as const, id: contact.id })) };
}

/**
 * The customer named by `intercom_user_id`, `user_id` or `email`; by an email nobody has, undefined
 * (the caller creates a lead with it, as Intercom does).
 */
async function customerOf(db: Platform['database']['orm'], workspaceId: number, customer: AttachInput['customer']): Promise<ContactAuthor | undefined> {
  if (customer.intercom_user_id !== undefined || customer.user_id !== undefined || customer.email === undefined) {
    return contactByReference(db, workspaceId, customer, 'customer');
  }
  const found = await findContactByEmail(db, workspaceId, customer.email);
  return found ? contactAuthorOf(found) : undefined;
}

/**
 * `POST /conversations/{id}/customers`: adds a contact to the conversation (a `participant_added`
 * part). A customer named by an unknown email becomes a new lead with that email, in the change's
 * transaction (so a missing conversation creates no lead).
 */
export async function attachContact(platform: Platform, workspaceId: number, teammateId: number, conversationId: string, input: AttachInput) {
  const db = platform.database.orm;
  const [admin, known] = await Promise.all([adminAuthor(db, workspaceId, input.admin_id ?? teammateId), customerOf(db, workspaceId, input.customer)]);
  const result = await changeConversation(platform, workspaceId, { id: conversationId }, admin.teammateId, async ({ row, tx, at, contactIds }) => {
    const contact = known ?? contactAuthorOf(await createLeadWithEmail(tx, workspaceId, admin.teammateId, input.customer.email as string, 'customer.email'));
    if (contactIds.includes(contact.id)) return { patch: {}, parts: [] };
    await data.addConversationContact(tx, workspaceId, row.id, contact.id, at);
    contactIds.push(contact.id);
    return {
      patch: withTeammate(row, admin.teammateId),
      parts: [{ partType: 'participant_added', author: { type: 'admin', id: admin.id }, eventDetails: { contact: { type: 'contact', id: contact.id } } }],
      events: [{ type: 'conversation.contact.attached', payload: { contact_id: contact.id } }],
    };
  });
  return withCustomers(platform, workspaceId, result, new Map([[personKey('admin', admin.id), { name: admin.name, email: admin.email }]]));
}

/** `DELETE /conversations/{id}/customers/{contact_id}`: removes a contact; the last one cannot be removed (422). */
export async function detachContact(platform: Platform, workspaceId: number, conversationId: string, contactId: string, input: { admin_id: string | number }) {
  const db = platform.database.orm;
  const [admin, contact] = await Promise.all([adminAuthor(db, workspaceId, input.admin_id), findContact(db, workspaceId, contactId)]);
  if (!contact) throw notFound('User');
  const author = contactAuthorOf(contact);
  const result = await changeConversation(platform, workspaceId, { id: conversationId }, admin.teammateId, async ({ row, tx, contactIds }) => {
    if (!contactIds.includes(author.id)) throw notFound('User');
    if (contactIds.length === 1) throw new AppError(422, 'parameter_invalid', 'Removing the last customer is not allowed', { field: 'contact_id' });
    await data.removeConversationContact(tx, workspaceId, row.id, author.id);
    contactIds.splice(contactIds.indexOf(author.id), 1);
    return {
      patch: withTeammate(row, admin.teammateId),
      parts: [{ partType: 'participant_removed', author: { type: 'admin', id: admin.id }, eventDetails: { contact: { type: 'contact', id: author.id } } }],
      events: [{ type: 'conversation.contact.detached', payload: { contact_id: author.id } }],
    };
  });
  return withCustomers(platform, workspaceId, result, new Map([[personKey('admin', admin.id), { name: admin.name, email: admin.email }]]));
}
