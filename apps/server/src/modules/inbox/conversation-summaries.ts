import type { ConversationSummary, PersonSummary } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import { toPlainText } from '../../platform/html/message-html.ts';
import { type ConversationRow, contactIdsOfConversations, type StoredSource, toLiveConversation } from '../conversations/service.ts';
import { tagsOf } from '../tags/service.ts';
import * as data from './data.ts';
import { loadPeople, type People } from './people.ts';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const lastMessageLength = 200;

/** A message body as one line of plain text, at most 200 characters. */
export function plainLine(html: string | null): string {
  const text = html ? toPlainText(html).replace(/\s+/g, ' ').trim() : '';
  return text.length > lastMessageLength ? `${text.slice(0, lastMessageLength - 1)}…` : text;
}

/** Who the conversation is with: whoever started it if a contact, else its first participant. */
function contactOf(row: ConversationRow, contactIds: string[]): string | null {
  const author = (row.source as StoredSource).author;
  return author.type !== 'admin' && contactIds.includes(author.id) ? author.id : (contactIds[0] ?? null);
}

export interface Summaries {
  summaries: ConversationSummary[];
  /** Everyone the summaries name (the detail reuses it). */
  people: People;
  contactIds: Map<string, string[]>;
}

/**
 * List rows for conversations, in one query per kind of thing shown (contacts, tags, last messages,
 * people): never a query per row. `streamSeq` is the teammate stream's head read before the rows.
 */
export async function summarize(
  db: Executor,
  workspaceId: number,
  rows: ConversationRow[],
  streamSeq: number,
  extra: { adminIds?: Iterable<string | number>; teamIds?: Iterable<string | number> } = {},
): Promise<Summaries> {
  const ids = rows.map((row) => row.id);
  const [contactIds, tags, lastMessages] = await Promise.all([
    contactIdsOfConversations(db, workspaceId, ids),
    tagsOf(db, workspaceId, 'conversation', ids),
    data.lastMessages(db, workspaceId, ids),
  ]);
  const people = await loadPeople(db, workspaceId, {
    adminIds: [...rows.flatMap((row) => (row.adminAssigneeId === null ? [] : [row.adminAssigneeId])), ...(extra.adminIds ?? [])],
    teamIds: [...rows.flatMap((row) => (row.teamAssigneeId === null ? [] : [row.teamAssigneeId])), ...(extra.teamIds ?? [])],
    contactIds: [...contactIds.values()].flat(),
  });
  const summaries = rows.map((row): ConversationSummary => {
    const participants = contactIds.get(row.id) ?? [];
    const source = row.source as StoredSource;
    const last = lastMessages.get(row.id);
    const lastMessage = last
      ? { text: plainLine(last.body), author_type: last.authorType as NonNullable<ConversationSummary['last_message']>['author_type'], created_at: seconds(last.createdAt) }
      : { text: plainLine(source.body), author_type: source.author.type as NonNullable<ConversationSummary['last_message']>['author_type'], created_at: seconds(row.createdAt) };
    return {
      ...toLiveConversation(row, participants),
      title: row.title,
      created_at: seconds(row.createdAt),
      contact: people.contact(contactOf(row, participants)),
      admin_assignee: people.admin(row.adminAssigneeId),
      team_assignee: people.team(row.teamAssigneeId),
      last_message: lastMessage,
      tags: (tags.get(row.id) ?? []).map((tag) => ({ id: tag.id, name: tag.name })),
      stream_seq: streamSeq,
    };
  });
  return { summaries, people, contactIds };
}

export const contactsOf = (summaries: Summaries, conversationId: string): PersonSummary[] =>
  (summaries.contactIds.get(conversationId) ?? []).flatMap((id) => {
    const person = summaries.people.contact(id);
    return person ? [person] : [];
  });
