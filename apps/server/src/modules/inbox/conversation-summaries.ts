import type { ConversationSummary, PersonSummary } from '@frontdesk/api-types';
import { toPlainText } from '../../platform/html/message-html.ts';
import { toLiveConversation } from '../conversations/service.ts';
import type * as data from './data.ts';
import { type People, peopleOf } from './people.ts';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const lastMessageLength = 200;

/** A message body as one line of plain text, at most 200 characters. */
export function plainLine(html: string | null): string {
  const text = html ? toPlainText(html).replace(/\s+/g, ' ').trim() : '';
  return text.length > lastMessageLength ? `${text.slice(0, lastMessageLength - 1)}…` : text;
}

/** Who the conversation is with: whoever started it if a contact, else its first participant. */
function contactOf(details: data.RowDetails, contactIds: string[]): string | null {
  const author = details.started_by;
  return author.type !== 'admin' && contactIds.includes(author.id) ? author.id : (contactIds[0] ?? null);
}

export interface Summaries {
  summaries: ConversationSummary[];
  /** Everyone the summaries name (the detail reuses it). */
  people: People;
  contactIds: Map<string, string[]>;
}

/**
 * List rows for conversations read with their details (data.rowDetails). `streamSeq` is the teammate
 * stream's head, read with the rows or before them; `extra` names more teammates and teams for `people`.
 */
export function summarize(
  rows: data.ListRow[],
  streamSeq: number,
  extra: { admins?: data.AdminJson[]; teams?: data.TeamJson[] } = {},
): Summaries {
  const people = peopleOf({
    contacts: rows.flatMap((row) => row.details.contacts),
    admins: [...rows.flatMap((row) => (row.details.admin ? [row.details.admin] : [])), ...(extra.admins ?? [])],
    teams: [...rows.flatMap((row) => (row.details.team ? [row.details.team] : [])), ...(extra.teams ?? [])],
  });
  const contactIds = new Map(rows.map((row) => [row.id, row.details.contacts.map((contact) => contact.id)]));
  const summaries = rows.map((row): ConversationSummary => {
    const participants = contactIds.get(row.id) ?? [];
    const last = row.details.last_message;
    // Added to the live shape with Object.assign: V8 defines each property written after a spread
    // (`{ ...live, title }`) on a slow path, about 8 µs a row here (measured: a page 283 µs that way, 67 µs this way).
    return Object.assign(toLiveConversation(row, participants), {
      title: row.title,
      created_at: seconds(row.createdAt),
      contact: people.contact(contactOf(row.details, participants)),
      admin_assignee: people.admin(row.adminAssigneeId),
      team_assignee: people.team(row.teamAssigneeId),
      last_message: { text: plainLine(last.body), author_type: last.author_type as NonNullable<ConversationSummary['last_message']>['author_type'], created_at: last.created_at },
      tags: row.details.tags,
      stream_seq: streamSeq,
    });
  });
  return { summaries, people, contactIds };
}

export const contactsOf = (summaries: Summaries, conversationId: string): PersonSummary[] =>
  (summaries.contactIds.get(conversationId) ?? []).flatMap((id) => {
    const person = summaries.people.contact(id);
    return person ? [person] : [];
  });
