import type { LivePart, MessengerConversation } from '@frontdesk/api-types';
import { numericId } from '../../platform/crypto/tokens.ts';
import type { Executor } from '../../platform/db/database.ts';
import { appendEvents } from '../../platform/events/outbox.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { contactTouchesCte } from '../contacts/service.ts';
import { applyChanges, type ChangeIntent, changeConversation, changeConversationBatched, parseDatabaseTime } from './change-conversation.ts';
import * as data from './data.ts';
import type { StoredAttachment, StoredSource } from './intercom-conversation.ts';
import { sourcePart, toLiveParts } from './live-part.ts';
import { contactReplyChange } from './reply.ts';
import * as visitorData from './visitor-data.ts';

/**
 * The Messenger's side of conversations: a visitor's contact starts one, replies, lists and reads its
 * own. Every change goes through the same write path as the REST API's, so realtime sees its events.
 */

/** The contact a visitor is (the Messenger has resolved and authorized it). */
export interface VisitorContact {
  id: string;
  role: string;
  /** Shown on its parts; when given, the answer to its reply reads nothing more. */
  name?: string | null;
  avatar?: string | null;
}

/** A visitor's message as the Messenger prepared it: sanitized HTML with redactions made, and its files. */
export interface VisitorMessage {
  body: string;
  attachments: StoredAttachment[];
  /** Whether something was redacted from the text before storage (the part's `redacted` flag). */
  redacted: boolean;
}

/** How many conversations the Messenger lists and how many parts it shows of one. */
const listLimit = 50;
const partsShown = 500;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const authorOf = (contact: VisitorContact) => ({ type: contact.role === 'user' ? ('user' as const) : ('lead' as const), id: contact.id });

function requireContent(message: VisitorMessage): void {
  if (!message.body.replace(/<[^>]*>/g, '').trim() && !/<img\s/i.test(message.body) && message.attachments.length === 0) {
    throw invalid('Write a message or attach a file', 'body');
  }
}

/** Whether the team wrote to the visitor after it last read the conversation. */
const unseen = (createdAt: Date, seenAt: Date | null) => seenAt === null || createdAt > seenAt;
const teamWrote = (part: data.PartRow) => part.authorType !== 'user' && part.authorType !== 'lead' && part.authorType !== 'contact';

function present(row: data.ConversationRow, extra: { unread: number; lastPart: LivePart | null; seq: number }): MessengerConversation {
  return {
    id: row.id,
    state: row.state as MessengerConversation['state'],
    created_at: seconds(row.createdAt),
    updated_at: seconds(row.updatedAt),
    unread_count: extra.unread,
    last_part: extra.lastPart,
    seq: extra.seq,
  };
}

/** A visitor's contact starts a conversation (the Messenger's "new conversation"). */
export async function createVisitorConversation(
  platform: Platform,
  workspaceId: number,
  contact: VisitorContact,
  message: VisitorMessage,
  pageUrl: string | null,
): Promise<{ id: string }> {
  requireContent(message);
  const id = numericId();
  const messageId = numericId();
  const author = authorOf(contact);
  await platform.database.transaction(async (tx) => {
    const at = await data.clockNow(tx);
    const now = parseDatabaseTime(at);
    const source: StoredSource = {
      type: 'conversation',
      id: messageId,
      delivered_as: 'customer_initiated',
      subject: '',
      body: message.body,
      author,
      attachments: message.attachments,
      url: pageUrl,
      redacted: message.redacted,
    };
    await data.insertConversation(
      tx,
      { workspaceId, id, state: 'open', read: false, source, teammateIds: [], firstContactReplyAt: now, lastContactReplyAt: now, waitingSince: now },
      [contact.id],
      at,
    );
    const touched = contactTouchesCte([{ workspaceId, contactId: contact.id, repliedAt: at }]);
    await appendEvents(
      tx,
      [
        {
          workspaceId,
          aggregateType: 'conversation',
          aggregateId: id,
          type: 'conversation.created',
          payload: { actor_id: null, conversation_id: id, initiator: 'contact', part_id: messageId, contact_id: contact.id },
        },
      ],
      touched ? [touched] : [],
    );
  });
  return { id };
}

/**
 * A visitor's reply, answered with the new part and the conversation. Concurrent replies share a
 * transaction (group commit, as the REST reply path); a reply with a redaction is written alone, so
 * its part is flagged in the same transaction. The answer's `seq` is the conversation's number just
 * before this change: resuming after it may repeat an event, never skip one.
 */
export async function replyAsVisitor(platform: Platform, workspaceId: number, contact: VisitorContact, conversationId: string, message: VisitorMessage) {
  requireContent(message);
  const db = platform.database.orm;
  const part = { partType: 'comment', body: message.body, author: authorOf(contact), attachments: message.attachments };
  const intent: ChangeIntent = {
    workspaceId,
    target: { id: conversationId },
    actorId: null,
    plan: async (locked) => {
      const { row, contactIds } = locked;
      // Someone else's conversation is answered as a missing one: its existence is not revealed.
      if (!contactIds.includes(contact.id)) throw notFound('Conversation');
      const changes = row.state === 'snoozed' ? ['state', 'snoozed_until'] : row.state === 'closed' ? ['state'] : [];
      return { ...(await contactReplyChange(locked, part)), events: changes.length ? [{ type: 'conversation.updated', payload: { changes } }] : [] };
    },
  };
  const change = message.redacted
    ? platform.database.transaction(async (tx) => {
        const [applied] = await applyChanges(tx, [intent]);
        if (!applied) throw new Error('a change returned no result');
        if (applied instanceof AppError) throw applied;
        await visitorData.markPartsRedacted(
          tx,
          workspaceId,
          applied.parts.map((written) => written.id),
        );
        return { ...applied, parts: applied.parts.map((written) => ({ ...written, redacted: true })) };
      })
    : changeConversationBatched(platform, intent);
  // The visitor's own reply changes neither its unread count nor what it has seen: both can be read alongside.
  const [result, unread] = await Promise.all([change, visitorData.unreadOfContact(db, workspaceId, contact.id, conversationId)]);
  const written = result.parts[0];
  if (!written) throw new Error('a reply wrote no part');
  const live = contact.name !== undefined ? ownPart(written, contact) : ((await toLiveParts(db, workspaceId, [written]))[0] as LivePart);
  const seq = (result.events[0]?.sequence ?? 1) - 1;
  return { part: live, conversation: present(result.row, { unread, lastPart: live, seq }) };
}

/** The visitor's own new part, in the live shape, from what the Messenger knows of it. */
function ownPart(part: data.PartRow, contact: VisitorContact): LivePart {
  return {
    id: part.id,
    part_type: part.partType,
    body: part.body,
    author: { type: authorOf(contact).type, id: contact.id, name: contact.name ?? null, avatar: contact.avatar ?? null },
    attachments: (part.attachments as StoredAttachment[]).map(({ name, url, content_type, filesize }) => ({ name, url, content_type, filesize })),
    created_at: seconds(part.createdAt),
    redacted: part.redacted,
  };
}

/** The contact's conversations, most recently changed first, each with its last visible part and unread count. */
export async function listVisitorConversations(db: Executor, workspaceId: number, contact: VisitorContact): Promise<MessengerConversation[]> {
  const found = await visitorData.conversationsOfContact(db, workspaceId, contact.id, listLimit);
  const ids = found.map((entry) => entry.row.id);
  const [lastParts, unread] = await Promise.all([
    visitorData.lastVisibleParts(db, workspaceId, ids),
    visitorData.unreadCounts(
      db,
      workspaceId,
      found.map((entry) => ({ id: entry.row.id, seenAt: entry.seenAt })),
    ),
  ]);
  const shown = found.map((entry) => lastParts.get(entry.row.id) ?? sourcePart(entry.row));
  const live = await toLiveParts(db, workspaceId, shown);
  return found.map((entry, index) => {
    const sourceUnseen = (entry.row.source as StoredSource).author.type === 'admin' && unseen(entry.row.createdAt, entry.seenAt) ? 1 : 0;
    return present(entry.row, { unread: (unread.get(entry.row.id) ?? 0) + sourceUnseen, lastPart: live[index] ?? null, seq: entry.seq });
  });
}

/**
 * One of the contact's conversations with the parts it may see, oldest first (the opening message
 * first). The sequence is read with the row, before the parts: resuming after it may repeat a part,
 * never miss one. Another contact's conversation, or another workspace's, is not found.
 */
export async function loadVisitorConversation(db: Executor, workspaceId: number, contact: VisitorContact, conversationId: string) {
  const found = await visitorData.conversationOfContact(db, workspaceId, contact.id, conversationId);
  if (!found) throw notFound('Conversation');
  const parts = [sourcePart(found.row), ...(await visitorData.visibleParts(db, workspaceId, conversationId, partsShown))];
  const unread = parts.filter((part) => teamWrote(part) && unseen(part.createdAt, found.seenAt)).length;
  const live = await toLiveParts(db, workspaceId, parts);
  return { conversation: present(found.row, { unread, lastPart: live.at(-1) ?? null, seq: found.seq }), parts: live };
}

/**
 * The visitor has read the conversation up to now: its unread count starts again from here, and
 * `conversation.contact_seen` tells the team ("Seen"). Nothing is written when there is nothing new.
 */
export async function markSeenByContact(platform: Platform, workspaceId: number, contact: VisitorContact, conversationId: string): Promise<void> {
  await changeConversation(platform, workspaceId, { id: conversationId }, null, async ({ row, contactIds, tx, at, now }) => {
    if (!contactIds.includes(contact.id)) throw notFound('Conversation');
    const seen = await visitorData.seenAtOf(tx, workspaceId, row.id, contact.id);
    const lastFromTeam = row.lastAdminReplyAt ?? ((row.source as StoredSource).author.type === 'admin' ? row.createdAt : null);
    if (seen && (lastFromTeam === null || seen >= lastFromTeam)) return { patch: {}, parts: [] };
    await visitorData.markSeen(tx, workspaceId, row.id, contact.id, at);
    return { patch: {}, parts: [], events: [{ type: 'conversation.contact_seen', payload: { contact_id: contact.id, seen_at: seconds(now) } }] };
  });
}
