import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { cursorPages, decodeCursor, perPage } from '../../platform/http/pagination.ts';
import type { AppliedTag } from '../tags/intercom-tag.ts';
import { tagsOf } from '../tags/service.ts';
import { loadPeople } from './authors.ts';
import * as data from './data.ts';
import type { ChangeResult } from './change-conversation.ts';
import { type People, personKey, type StoredSource, toIntercomConversation, toIntercomConversationWithParts } from './intercom-conversation.ts';

export type { ConversationRow, PartRow } from './data.ts';
export { conversationSearchFields } from './search-fields.ts';

/** Intercom returns at most the 500 most recent parts of a conversation. */
export const maxPartsShown = 500;

/** The conversation row, or undefined when it is not in the workspace. */
export function findConversation(db: Executor, workspaceId: number, id: string): Promise<data.ConversationRow | undefined> {
  return data.findConversation(db, workspaceId, id);
}

export interface PresentOptions {
  plaintext?: boolean;
  /** People already loaded by the caller (the author of a change), so they are not fetched again. */
  known?: People;
  /** Contact ids per conversation when the caller has them (a locked change reads them). */
  contactIds?: Map<string, string[]>;
  knownContacts?: Map<string, { id: string; externalId: string | null }>;
  /** Tags per conversation when the caller has them (a locked change reads them). */
  tags?: Map<string, AppliedTag[]>;
}

type Parts = { rows: data.PartRow[]; totalCount: number };

/** Relations of several conversations (and of the parts shown), loaded in batches: no query per conversation. */
async function loadRelations(db: Executor, workspaceId: number, rows: data.ConversationRow[], parts: data.PartRow[], options: PresentOptions) {
  const ids = rows.map((row) => row.id);
  const [contactIds, tags] = await Promise.all([
    options.contactIds ?? data.contactIdsOfConversations(db, workspaceId, ids),
    options.tags ?? tagsOf(db, workspaceId, 'conversation', ids),
  ]);
  const adminIds = new Set<string | number>();
  const people = new Set<string>();
  for (const row of rows) {
    const source = row.source as StoredSource;
    if (source.author.type === 'admin') adminIds.add(source.author.id);
    else people.add(source.author.id);
    for (const id of contactIds.get(row.id) ?? []) if (!options.knownContacts?.has(id)) people.add(id);
  }
  for (const part of parts) {
    if (part.authorId === null) continue;
    if (part.authorType === 'admin') adminIds.add(part.authorId);
    else if (part.authorType === 'user' || part.authorType === 'lead') people.add(part.authorId);
  }
  for (const key of options.known?.keys() ?? []) {
    if (key.startsWith('contact:') && options.knownContacts?.has(key.slice('contact:'.length))) people.delete(key.slice('contact:'.length));
  }
  const loaded = await loadPeople(db, workspaceId, { adminIds, contactIds: people }, options.known);
  const contactRef = (id: string) => {
    const contact = options.knownContacts?.get(id) ?? loaded.contacts.get(id);
    return { id, externalId: contact?.externalId ?? null };
  };
  return (row: data.ConversationRow) => ({
    contacts: (contactIds.get(row.id) ?? []).map(contactRef),
    tags: tags.get(row.id) ?? [],
    people: loaded.people,
    plaintext: options.plaintext,
  });
}

/** REST shapes of several conversations without parts (lists and searches). */
export async function presentConversations(db: Executor, workspaceId: number, rows: data.ConversationRow[], options: PresentOptions = {}) {
  const relationsOf = await loadRelations(db, workspaceId, rows, [], options);
  return rows.map((row) => toIntercomConversation(row, relationsOf(row)));
}

/** One conversation's REST shape with parts: all of them (up to 500, oldest first) or the ones given. */
export async function presentConversation(db: Executor, workspaceId: number, row: data.ConversationRow, parts: 'all' | Parts, options: PresentOptions = {}) {
  const shown: Parts =
    parts === 'all'
      ? await Promise.all([data.listParts(db, workspaceId, row.id, maxPartsShown), data.countParts(db, workspaceId, row.id)]).then(([partRows, totalCount]) => ({
          rows: partRows,
          totalCount,
        }))
      : parts;
  const relationsOf = await loadRelations(db, workspaceId, [row], shown.rows, options);
  return toIntercomConversationWithParts(row, { ...relationsOf(row), parts: shown });
}

/**
 * The answer to a change (reply, manage, update): the conversation with the parts it appended. The
 * participants and tags came with the lock, and the caller knows the author, so usually nothing is read here.
 */
export async function presentChange(db: Executor, workspaceId: number, result: ChangeResult, options: { known?: People; plaintext?: boolean } = {}) {
  const known: People = new Map(options.known);
  const knownContacts = new Map<string, { id: string; externalId: string | null }>();
  for (const contact of result.contacts) {
    known.set(personKey('contact', contact.id), { name: contact.name, email: contact.email });
    knownContacts.set(contact.id, contact);
  }
  return presentConversation(db, workspaceId, result.row, { rows: result.parts, totalCount: result.parts.length }, {
    known,
    knownContacts,
    contactIds: new Map([[result.row.id, result.contactIds]]),
    tags: new Map([[result.row.id, result.tags]]),
    plaintext: options.plaintext,
  });
}

/** The agreed loader: a conversation's REST shape, with its parts when asked; undefined when not found. */
export async function loadIntercomConversation(db: Executor, workspaceId: number, id: string, options: { withParts?: boolean; plaintext?: boolean } = {}) {
  const row = await data.findConversation(db, workspaceId, id);
  if (!row) return undefined;
  if (options.withParts) return presentConversation(db, workspaceId, row, 'all', { plaintext: options.plaintext });
  const [conversation] = await presentConversations(db, workspaceId, [row], { plaintext: options.plaintext });
  return conversation;
}

export async function getConversation(db: Executor, workspaceId: number, id: string, plaintext: boolean) {
  const row = await data.findConversation(db, workspaceId, id);
  if (!row) throw notFound('Conversation');
  return presentConversation(db, workspaceId, row, 'all', { plaintext });
}

/** A cursor page of conversations (newest change first), optionally filtered by a search condition. */
export async function listIntercomConversations(db: Executor, workspaceId: number, page: { perPage?: number; startingAfter?: string; where?: SQL }) {
  const limit = perPage(page.perPage, 20);
  const { position, after } = readCursor(page.startingAfter);
  const { rows, total } = await data.listConversations(db, workspaceId, { limit: limit + 1, after, where: page.where });
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const pageNumber = Math.floor(position / limit) + 1;
  const nextPosition = position + shown.length;
  return {
    type: 'conversation.list' as const,
    conversations: await presentConversations(db, workspaceId, shown),
    total_count: total,
    pages: cursorPages({
      page: pageNumber,
      perPage: limit,
      totalCount: total,
      next: rows.length > limit && last ? { sort: `${nextPosition}:${last.cursorAt}`, id: last.id } : undefined,
    }),
  };
}

/**
 * The cursor carries how many rows came before (for `pages.page`) and the last row's `updated_at`
 * as PostgreSQL text (microseconds kept) plus its id.
 */
function readCursor(startingAfter: string | undefined): { position: number; after?: { updatedAt: string; id: string } } {
  const cursor = decodeCursor(startingAfter);
  if (!cursor) return { position: 0 };
  const match = /^(\d{1,9}):(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::\d{2})?)$/.exec(String(cursor.sort));
  if (!match?.[1] || !match[2]) throw invalid('starting_after is not a cursor this server handed out', 'starting_after');
  return { position: Number(match[1]), after: { updatedAt: match[2], id: cursor.id } };
}

export { type LiveConversationRow, sourcePart, toLiveConversation, toLiveParts, visibleToVisitor } from './live-part.ts';
export const findPartsByIds = data.findPartsByIds;
export const findConversationsByIds = data.findConversationsByIds;
export const contactIdsOfConversations = data.contactIdsOfConversations;
export const isParticipant = data.isParticipant;
export { createVisitorConversation, listVisitorConversations, loadVisitorConversation, markSeenByContact, replyAsVisitor, type VisitorContact, type VisitorMessage } from './visitor-conversations.ts';
/** The newest `limit` parts of a conversation (oldest first), as stored: the Inbox's transcript. */
export const listConversationParts = data.listParts;
export { replyAsTeammate, type TeammateReply } from './teammate-reply.ts';
export { addTagAsTeammate, removeTagAsTeammate } from './teammate-tags.ts';
export { manageConversation, setPriority, type ManageInput } from './manage-parts.ts';
export { updateConversation } from './update-conversation.ts';
export type { ChangeResult } from './change-conversation.ts';
export type { StoredAttachment, StoredSource } from './intercom-conversation.ts';
export { onConversationChanges } from './change-conversation.ts';
export { toLivePart, type LiveAuthor } from './live-part.ts';
