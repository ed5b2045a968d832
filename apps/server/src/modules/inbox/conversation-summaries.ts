import type { ConversationSummary, PersonSummary } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import { toPlainText } from '../../platform/html/message-html.ts';
import { type ConversationRow, type StoredSource, toLiveConversation } from '../conversations/service.ts';
import * as data from './data.ts';
import { type People, peopleOf } from './people.ts';

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
 * List rows for conversations, from one query for everything they show besides the conversations'
 * own columns (see data.summaryData): never a query per row. `streamSeq` is the teammate stream's
 * head read before the rows.
 */
export async function summarize(
  db: Executor,
  workspaceId: number,
  rows: ConversationRow[],
  streamSeq: number,
  extra: { adminIds?: Iterable<string | number>; teamIds?: Iterable<string | number> } = {},
): Promise<Summaries> {
  if (rows.length === 0) return { summaries: [], people: peopleOf({ contacts: [], admins: [], teams: [] }), contactIds: new Map() };
  const ids = (values: (string | number | null)[]) => [...new Set(values.flatMap((value) => (value === null ? [] : [Number(value)])))].filter(Number.isSafeInteger);
  const found = await data.summaryData(db, workspaceId, rows.map((row) => row.id), {
    adminIds: ids([...rows.map((row) => row.adminAssigneeId), ...(extra.adminIds ?? [])]),
    teamIds: ids([...rows.map((row) => row.teamAssigneeId), ...(extra.teamIds ?? [])]),
  });
  const details = new Map(found.details.map((row) => [row.id, row]));
  const contactIds = new Map(found.details.map((row) => [row.id, row.contact_ids]));
  const people = peopleOf(found);
  const summaries = rows.map((row): ConversationSummary => {
    const detail = details.get(row.id);
    const participants = detail?.contact_ids ?? [];
    const source = row.source as StoredSource;
    const last = detail?.last_message;
    const lastMessage = last
      ? { text: plainLine(last.body), author_type: last.author_type as NonNullable<ConversationSummary['last_message']>['author_type'], created_at: last.created_at }
      : { text: plainLine(source.body), author_type: source.author.type as NonNullable<ConversationSummary['last_message']>['author_type'], created_at: seconds(row.createdAt) };
    return {
      ...toLiveConversation(row, participants),
      title: row.title,
      created_at: seconds(row.createdAt),
      contact: people.contact(contactOf(row, participants)),
      admin_assignee: people.admin(row.adminAssigneeId),
      team_assignee: people.team(row.teamAssigneeId),
      last_message: lastMessage,
      tags: detail?.tags ?? [],
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
