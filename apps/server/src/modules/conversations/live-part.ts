import type { LiveConversation, LivePart } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import { loadPeople } from './authors.ts';
import type * as data from './data.ts';
import { personKey, type StoredAttachment, type StoredSource } from './intercom-conversation.ts';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const secondsOrNull = (date: Date | null) => (date ? seconds(date) : null);

/** What a visitor sees of a conversation: messages from either side, never notes or internal actions. */
export function visibleToVisitor(partType: string): boolean {
  return partType === 'comment' || partType === 'quick_reply';
}

/** The conversation's opening message as a part (Intercom keeps it apart, as `source`). */
export function sourcePart(row: data.ConversationRow): data.PartRow {
  const source = row.source as StoredSource;
  return {
    workspaceId: row.workspaceId,
    conversationId: row.id,
    id: source.id,
    partType: 'comment',
    body: source.body,
    authorType: source.author.type,
    authorId: source.author.id,
    assignedTo: null,
    attachments: source.attachments,
    metadata: {},
    state: 'open',
    eventDetails: null,
    redacted: source.redacted,
    createdAt: row.createdAt,
    updatedAt: row.createdAt,
  };
}

/** Who wrote a part, as the live shape shows them. */
export type LiveAuthor = { name: string | null; avatar: string | null };

/** One part in the Messenger's and realtime's shape, given its author. */
export function toLivePart(part: data.PartRow, author: LiveAuthor | undefined): LivePart {
  return {
    id: part.id,
    part_type: part.partType,
    body: part.body,
    author: { type: part.authorType as LivePart['author']['type'], id: part.authorId, name: author?.name ?? null, avatar: author?.avatar ?? null },
    attachments: (part.attachments as StoredAttachment[]).map(({ name, url, content_type, filesize }) => ({ name, url, content_type, filesize })),
    created_at: seconds(part.createdAt),
    redacted: part.redacted,
  };
}

/** Parts in the Messenger's and realtime's shape, with their authors' names and avatars in two batched queries. */
export async function toLiveParts(db: Executor, workspaceId: number, parts: data.PartRow[]): Promise<LivePart[]> {
  const adminIds = parts.filter((part) => part.authorType === 'admin' && part.authorId).map((part) => part.authorId as string);
  const contactIds = parts.filter((part) => (part.authorType === 'user' || part.authorType === 'lead') && part.authorId).map((part) => part.authorId as string);
  const { people, contacts } = await loadPeople(db, workspaceId, { adminIds, contactIds });
  return parts.map((part) =>
    toLivePart(
      part,
      part.authorId
        ? {
            name: people.get(personKey(part.authorType, part.authorId))?.name ?? null,
            avatar: part.authorType === 'admin' ? null : (contacts.get(part.authorId)?.avatar ?? null),
          }
        : undefined,
    ),
  );
}

/** The conversation as a teammate's live stream describes it. */
/** The columns a live conversation shows. */
export type LiveConversationRow = Pick<
  data.ConversationRow,
  'id' | 'state' | 'read' | 'priority' | 'adminAssigneeId' | 'teamAssigneeId' | 'waitingSince' | 'snoozedUntil' | 'updatedAt'
>;

export function toLiveConversation(row: LiveConversationRow, contactIds: string[]): LiveConversation {
  return {
    id: row.id,
    state: row.state as LiveConversation['state'],
    read: row.read,
    priority: row.priority ? 'priority' : 'not_priority',
    admin_assignee_id: row.adminAssigneeId === null ? null : String(row.adminAssigneeId),
    team_assignee_id: row.teamAssigneeId === null ? null : String(row.teamAssigneeId),
    contact_ids: contactIds,
    waiting_since: secondsOrNull(row.waitingSince),
    snoozed_until: secondsOrNull(row.snoozedUntil),
    updated_at: seconds(row.updatedAt),
  };
}
