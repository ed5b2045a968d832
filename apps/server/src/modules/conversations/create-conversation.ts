import { numericId } from '../../platform/crypto/tokens.ts';
import { appendEvents } from '../../platform/events/outbox.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { toMessageHtml } from '../../platform/html/message-html.ts';
import type { Platform } from '../../platform/platform.ts';
import { contactTouchesCte, findContact } from '../contacts/service.ts';
import { type Author, adminAuthor, contactAuthorOf } from './authors.ts';
import { parseDatabaseTime } from './change-conversation.ts';
import * as data from './data.ts';
import { attachmentsFromUrls, type StoredSource } from './intercom-conversation.ts';

export interface ContactMessageInput {
  from: { type: 'user' | 'lead' | 'contact'; id: string };
  body: string;
  created_at?: number;
  subject?: string;
  attachment_urls?: string[];
}

export interface AdminMessageInput {
  message_type: 'inapp' | 'email';
  subject?: string;
  body: string;
  template?: string;
  from: { type: 'admin'; id: string | number };
  to: { type: 'user' | 'lead'; id: string };
  created_at?: number;
  create_conversation_without_contact_reply?: boolean;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** A message body as stored: sanitized HTML, never empty. */
export function messageBody(body: string | undefined, field = 'body'): string {
  const html = body === undefined ? '' : toMessageHtml(body);
  if (!html.replace(/<[^>]*>/g, '').trim() && !/<img\s/i.test(html)) throw invalid('Body is required', field);
  return html;
}

/** A past `created_at` (imports from another tool) or the database's clock. */
function startTime(createdAt: number | undefined): string | undefined {
  if (createdAt === undefined) return undefined;
  if (createdAt > Date.now() / 1000 + 300) throw invalid('created_at cannot be in the future', 'created_at');
  return new Date(createdAt * 1000).toISOString();
}

async function insertNew(
  platform: Platform,
  workspaceId: number,
  input: { author: Author; contactId: string; body: string; subject: string; sourceType: string; attachments: unknown[]; createdAt?: number; actorId: number | null },
) {
  const id = numericId();
  const messageId = numericId();
  const adminInitiated = input.author.type === 'admin';
  return platform.database.transaction(async (tx) => {
    const at = startTime(input.createdAt) ?? (await data.clockNow(tx));
    const now = parseDatabaseTime(at);
    const source: StoredSource = {
      type: input.sourceType,
      id: messageId,
      delivered_as: adminInitiated ? 'admin_initiated' : 'customer_initiated',
      subject: input.subject,
      body: input.body,
      author: { type: input.author.type, id: input.author.id },
      attachments: input.attachments as StoredSource['attachments'],
      url: null,
      redacted: false,
    };
    const teammateId = adminInitiated ? Number(input.author.id) : null;
    const row = await data.insertConversation(
      tx,
      {
        workspaceId,
        id,
        state: 'open',
        read: adminInitiated,
        source,
        teammateIds: teammateId === null ? [] : [teammateId],
        ...(adminInitiated ? {} : { firstContactReplyAt: now, lastContactReplyAt: now, waitingSince: now }),
      },
      [input.contactId],
      at,
    );
    // The contact wrote (last_replied_at) or a teammate wrote to it (last_contacted_at): carried in the event's statement.
    const touched = contactTouchesCte([{ workspaceId, contactId: input.contactId, ...(adminInitiated ? { contactedAt: at } : { repliedAt: at }) }]);
    await appendEvents(
      tx,
      [
        {
          workspaceId,
          aggregateType: 'conversation',
          aggregateId: id,
          type: 'conversation.created',
          payload: { actor_id: input.actorId, conversation_id: id, initiator: adminInitiated ? 'admin' : 'contact', part_id: messageId, contact_id: input.contactId },
        },
      ],
      touched ? [touched] : [],
    );
    return { row, messageId };
  });
}

/** `POST /conversations`: a contact starts a conversation (in-app). */
export async function createContactConversation(platform: Platform, workspaceId: number, input: ContactMessageInput) {
  const body = messageBody(input.body);
  const contact = await findContact(platform.database.orm, workspaceId, input.from.id);
  if (!contact) throw notFound('User');
  if (input.from.type !== 'contact' && input.from.type !== contact.role) throw notFound(input.from.type === 'lead' ? 'Lead' : 'User');
  const { row, messageId } = await insertNew(platform, workspaceId, {
    author: contactAuthorOf(contact),
    contactId: contact.id,
    body,
    subject: input.subject ?? '',
    sourceType: 'conversation',
    attachments: attachmentsFromUrls(input.attachment_urls),
    createdAt: input.created_at,
    actorId: null,
  });
  return { type: 'user_message', id: messageId, created_at: seconds(row.createdAt), body, message_type: 'inapp', conversation_id: row.id };
}

/** `POST /messages`: an admin writes to a contact, in-app or by email; the conversation is admin-initiated. */
export async function createAdminMessage(platform: Platform, workspaceId: number, input: AdminMessageInput) {
  if (input.message_type === 'email' && !input.subject?.trim()) throw new AppError(422, 'parameter_not_found', 'No subject supplied for email message', { field: 'subject' });
  const body = messageBody(input.body);
  const db = platform.database.orm;
  const [admin, contact] = await Promise.all([adminAuthor(db, workspaceId, input.from.id), findContact(db, workspaceId, input.to.id)]);
  if (!contact) throw notFound(input.to.type === 'lead' ? 'Lead' : 'User');
  const { row, messageId } = await insertNew(platform, workspaceId, {
    author: admin,
    contactId: contact.id,
    body,
    subject: input.subject ?? '',
    sourceType: input.message_type === 'email' ? 'email' : 'conversation',
    attachments: [],
    createdAt: input.created_at,
    actorId: admin.teammateId,
  });
  return {
    type: 'admin_message',
    id: messageId,
    created_at: seconds(row.createdAt),
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    body,
    message_type: input.message_type,
    conversation_id: row.id,
  };
}
