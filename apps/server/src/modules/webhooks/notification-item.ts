import type { Executor } from '../../platform/db/database.ts';
import { loadIntercomCompany } from '../companies/service.ts';
import { loadIntercomContact } from '../contacts/service.ts';
import { loadIntercomConversation } from '../conversations/service.ts';
import { findTag } from '../tags/service.ts';

/** The domain event a notification announces, as the delivery job carries it. */
export interface AnnouncedEvent {
  id: string;
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  /** Unix seconds. */
  createdAt: number;
}

const text = (value: unknown) => (value === undefined || value === null ? null : String(value));

/** Identifying fields only, for an object that no longer exists (deleted since the event). */
const gone = (type: string, id: string | null, extra: Record<string, unknown> = {}) => ({ type, id, ...extra, deleted: true });

async function contactItem(db: Executor, workspaceId: number, id: string | null) {
  if (!id) return gone('contact', null);
  return (await loadIntercomContact(db, workspaceId, id)) ?? gone('contact', id);
}

/** A conversation with only the part this notification is about, as Intercom sends replies. */
async function conversationItem(db: Executor, workspaceId: number, id: string, partId: string | null) {
  const conversation = await loadIntercomConversation(db, workspaceId, id, { withParts: true });
  if (!conversation) return gone('conversation', id);
  const list = (conversation as { conversation_parts?: { conversation_parts: { id: string }[] } }).conversation_parts;
  if (!list) return conversation;
  const parts = partId ? list.conversation_parts.filter((part) => part.id === partId) : [];
  return { ...conversation, conversation_parts: { ...list, conversation_parts: parts, total_count: parts.length } };
}

/**
 * `data.item` for a topic: the REST-shaped object as it is now (loaded through its module's service),
 * or, for deletions, the identifying fields the event carried.
 */
export async function notificationItem(db: Executor, workspaceId: number, topic: string, event: AnnouncedEvent): Promise<unknown> {
  const payload = event.payload;
  if (topic.startsWith('conversation')) {
    const conversationId = text(payload.conversation_id) ?? event.aggregateId;
    if (topic === 'conversation.deleted') return gone('conversation', conversationId);
    return conversationItem(db, workspaceId, conversationId, text(payload.part_id));
  }
  if (topic === 'contact.deleted') return gone('contact', text(payload.contact_id), { external_id: text(payload.external_id) });
  if (topic === 'contact.merged') {
    const contact = await contactItem(db, workspaceId, text(payload.into_contact_id));
    return { ...contact, merged_from: { type: 'contact', id: text(payload.from_contact_id) } };
  }
  if (topic.startsWith('contact.') && topic.includes('.tag.')) {
    const tag = await findTag(db, workspaceId, String(payload.tag_id));
    return {
      type: 'contact_tag',
      created_at: event.createdAt,
      tag: { type: 'tag', id: text(payload.tag_id), name: tag?.name ?? null },
      contact: await contactItem(db, workspaceId, text(payload.contact_id)),
    };
  }
  if (topic.startsWith('contact.')) return contactItem(db, workspaceId, text(payload.contact_id) ?? event.aggregateId);
  if (topic === 'company.deleted') return gone('company', text(payload.company_id), { company_id: text(payload.external_company_id) });
  if (topic === 'company.contact.attached' || topic === 'company.contact.detached') {
    const companyId = text(payload.company_id) ?? event.aggregateId;
    return {
      type: 'contact_company',
      created_at: event.createdAt,
      company: (await loadIntercomCompany(db, workspaceId, companyId)) ?? gone('company', companyId),
      contact: await contactItem(db, workspaceId, text(payload.contact_id)),
    };
  }
  if (topic.startsWith('company.')) {
    const companyId = text(payload.company_id) ?? event.aggregateId;
    return (await loadIntercomCompany(db, workspaceId, companyId)) ?? gone('company', companyId);
  }
  if (topic === 'event.created') {
    const contactId = text(payload.contact_id);
    const contact = contactId ? await loadIntercomContact(db, workspaceId, contactId) : undefined;
    return {
      type: 'event',
      event_name: text(payload.event_name),
      created_at: event.createdAt,
      intercom_user_id: contactId,
      user_id: contact?.external_id ?? null,
      email: contact?.email ?? null,
      metadata: (payload.metadata as Record<string, unknown> | undefined) ?? {},
    };
  }
  return { type: 'ping', message: 'This is a ping notification test message.' };
}

/** Which of a contact tag event's candidate topics applies: it depends on the contact's role now. */
export async function contactRoleTopic(db: Executor, workspaceId: number, candidates: string[], payload: Record<string, unknown>): Promise<string | undefined> {
  const contact = await loadIntercomContact(db, workspaceId, String(payload.contact_id));
  const role = contact?.role === 'lead' ? 'lead' : 'user';
  return candidates.find((topic) => topic.startsWith(`contact.${role}.`));
}
