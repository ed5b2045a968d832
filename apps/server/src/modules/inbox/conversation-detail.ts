import type { ConversationDetail, LivePart, TranscriptPart } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import {
  type ConversationRow,
  findConversation,
  listConversationParts,
  maxPartsShown,
  type PartRow,
  sourcePart,
  toLiveParts,
} from '../conversations/service.ts';
import { conversationStreamHead, teammateStreamHead } from '../realtime/service.ts';
import { contactsOf, summarize } from './conversation-summaries.ts';
import * as data from './data.ts';
import type { People } from './people.ts';
import { maySee, type Viewer, viewerOf } from './viewer.ts';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
/** Parts that carry a message; every other part is a line of the conversation's history. */
const messageTypes = new Set(['comment', 'note', 'quick_reply']);

/** The conversation if the teammate may see it; 404 when it is hidden, missing or another workspace's. */
export async function visibleConversation(platform: Platform, actor: Actor, conversationId: string): Promise<ConversationRow> {
  const db = platform.database.orm;
  const [viewer, row] = await Promise.all([viewerOf(db, actor), findConversation(db, actor.workspaceId, conversationId)]);
  if (!row || !maySee(viewer, row)) throw notFound('Conversation');
  return row;
}

function transcriptPart(live: LivePart, row: PartRow, people: People): TranscriptPart {
  if (messageTypes.has(row.partType)) return live;
  const assignedTo = row.assignedTo as { type: string; id: string } | null;
  const details = (row.eventDetails as Record<string, unknown> | null) ?? null;
  return {
    ...live,
    event: {
      ...(row.partType === 'assignment' || assignedTo ? { assigned_to: assignedTo ? (assignedTo.type === 'team' ? people.team(assignedTo.id) : people.admin(assignedTo.id)) : null } : {}),
      ...(row.partType === 'snoozed' ? { snoozed_until: typeof details?.snoozed_until === 'number' ? details.snoozed_until : null } : {}),
      details,
    },
  };
}

/**
 * A conversation as the Inbox shows it: its list row, every part (notes and history included, the
 * opening message first, the newest 500), contacts and attributes. Both stream numbers are read
 * before anything else: resuming after them may repeat an event, never skip one. Without `viewer`
 * (the answer to an action the teammate just took) visibility is not checked again.
 */
export async function loadDetail(db: Executor, workspaceId: number, conversationId: string, viewer?: Viewer): Promise<ConversationDetail> {
  const [streamSeq, seq] = await Promise.all([teammateStreamHead(db, workspaceId), conversationStreamHead(db, workspaceId, conversationId)]);
  const parts = await listConversationParts(db, workspaceId, conversationId, maxPartsShown);
  const assigned = parts.map((part) => part.assignedTo as { type: string; id: string } | null).filter((target) => target !== null);
  const ids = (targets: { id: string }[]) => [...new Set(targets.map((target) => Number(target.id)))].filter(Number.isSafeInteger);
  const found = await data.conversationWithDetails(db, workspaceId, conversationId, {
    adminIds: ids(assigned.filter((target) => target.type !== 'team')),
    teamIds: ids(assigned.filter((target) => target.type === 'team')),
  });
  if (!found || (viewer && !maySee(viewer, found.row))) throw notFound('Conversation');
  const rows = [sourcePart(found.row), ...parts];
  const summaries = summarize([found.row], streamSeq, found);
  const [live, seenAt] = await Promise.all([toLiveParts(db, workspaceId, rows), data.contactSeenAt(db, workspaceId, conversationId)]);
  const [conversation] = summaries.summaries;
  if (!conversation) throw notFound('Conversation');
  return {
    conversation,
    parts: live.map((part, index) => transcriptPart(part, rows[index] as PartRow, summaries.people)),
    contacts: contactsOf(summaries, found.row.id),
    custom_attributes: found.row.customAttributes as ConversationDetail['custom_attributes'],
    seq,
    contact_seen_at: seenAt ? seconds(seenAt) : null,
  };
}

/** `GET /app-api/inbox/conversations/:id`: 404 when hidden from the teammate, missing or another workspace's. */
export async function conversationDetail(platform: Platform, actor: Actor, conversationId: string): Promise<ConversationDetail> {
  const db = platform.database.orm;
  return loadDetail(db, actor.workspaceId, conversationId, await viewerOf(db, actor));
}
