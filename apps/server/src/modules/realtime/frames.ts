import type { LiveConversation, LivePart, ServerFrame } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import type { StoredEvent } from '../../platform/events/outbox.ts';
import {
  type ChangeResult,
  type ConversationRow,
  contactIdsOfConversations,
  findConversationsByIds,
  findPartsByIds,
  type LiveAuthor,
  sourcePart,
  toLiveConversation,
  toLivePart,
  toLiveParts,
  visibleToVisitor,
} from '../conversations/service.ts';

/**
 * One conversation event as the realtime layer carries it between nodes: everything a teammate may
 * see, plus what decides who else gets it. Sockets receive `ServerFrame`s cut from it.
 */
export interface StreamFrame {
  workspaceId: number;
  conversationId: string;
  seq: number;
  /** Its number in the workspace's teammate stream (absent for events not numbered yet). */
  streamSeq?: number;
  name: string;
  createdAt: number;
  part?: LivePart;
  /** The conversation as it is now; absent once it is deleted. */
  conversation?: LiveConversation;
  data?: Record<string, unknown>;
  /** Whether the conversation's contacts (Messenger visitors) may see it. */
  visitorVisible: boolean;
}

/** What frameOf needs to know besides the event. */
interface FrameContext {
  row: ConversationRow | undefined;
  contactIds: string[];
  part: LivePart | undefined;
}

type FrameEvent = Pick<StoredEvent, 'workspaceId' | 'aggregateId' | 'sequence' | 'type' | 'payload'> & { createdAt: Date; streamSeq?: number };

/** One event's frame. */
function frameOf(event: FrameEvent, { row, contactIds, part }: FrameContext): StreamFrame {
  return {
    workspaceId: event.workspaceId,
    conversationId: event.aggregateId,
    seq: event.sequence,
    ...(event.streamSeq === undefined ? {} : { streamSeq: event.streamSeq }),
    name: event.type,
    createdAt: Math.floor(event.createdAt.getTime() / 1000),
    ...(part ? { part } : {}),
    ...(row ? { conversation: toLiveConversation(row, contactIds) } : {}),
    ...(event.type === 'conversation.part.created' ? {} : { data: detailsOf(event.payload) }),
    visitorVisible: visibleToVisitors(event.type, part),
  };
}

/**
 * Frames of changes that have just committed, built from what the change already holds (no query but
 * teammates' names, cached by the caller). They carry no teammate-stream number: they are previews,
 * sent ahead of the numbered frames the realtime consumer publishes (see hub.ts).
 */
export function previewFrames(results: ChangeResult[], teammateName: (id: string) => string | null): StreamFrame[] {
  const frames: StreamFrame[] = [];
  for (const result of results) {
    const contacts = new Map(result.contacts.map((contact) => [contact.id, contact]));
    const parts = new Map(result.parts.map((part) => [part.id, part]));
    for (const event of result.events) {
      const partRow = event.type === 'conversation.part.created' ? parts.get(String(event.payload.part_id)) : undefined;
      let author: LiveAuthor | undefined;
      if (partRow?.authorId && partRow.authorType === 'admin') author = { name: teammateName(partRow.authorId), avatar: null };
      else if (partRow?.authorId) author = contacts.get(partRow.authorId);
      frames.push(
        frameOf(
          { workspaceId: result.row.workspaceId, aggregateId: result.row.id, sequence: event.sequence, type: event.type, payload: event.payload, createdAt: result.row.updatedAt },
          { row: result.row, contactIds: result.contactIds, part: partRow ? toLivePart(partRow, author) : undefined },
        ),
      );
    }
  }
  return frames;
}

const internalKeys = new Set(['actor_id', 'conversation_id', 'part_id', 'part_type', 'author_type', 'author_id']);

function detailsOf(payload: Record<string, unknown>): Record<string, unknown> | undefined {
  const details = Object.fromEntries(Object.entries(payload).filter(([key]) => !internalKeys.has(key)));
  return Object.keys(details).length ? details : undefined;
}

/** What visitors may see of a conversation's events (never notes, assignments or internal changes). */
function visibleToVisitors(type: string, part: LivePart | undefined): boolean {
  switch (type) {
    case 'conversation.created':
    case 'conversation.read':
    case 'conversation.updated':
      return true;
    case 'conversation.part.created':
      return part !== undefined && visibleToVisitor(part.part_type);
    default:
      return false;
  }
}

/**
 * Frames for conversation events (of any workspaces), with the parts they announce and each
 * conversation's current state read in batches: three or four queries per workspace, not per event.
 */
export async function buildFrames(db: Executor, events: (StoredEvent & { streamSeq?: number })[]): Promise<StreamFrame[]> {
  const byWorkspace = new Map<number, typeof events>();
  for (const event of events) {
    if (event.aggregateType !== 'conversation') continue;
    const list = byWorkspace.get(event.workspaceId) ?? [];
    list.push(event);
    byWorkspace.set(event.workspaceId, list);
  }
  const frames = new Map<StoredEvent, StreamFrame>();
  await Promise.all(
    [...byWorkspace].map(async ([workspaceId, list]) => {
      const conversationIds = [...new Set(list.map((event) => event.aggregateId))];
      const partIds = list.filter((event) => event.type === 'conversation.part.created').map((event) => String(event.payload.part_id));
      const [rows, contactIds, partRows] = await Promise.all([
        findConversationsByIds(db, workspaceId, conversationIds),
        contactIdsOfConversations(db, workspaceId, conversationIds),
        findPartsByIds(db, workspaceId, partIds),
      ]);
      const conversations = new Map(rows.map((row) => [row.id, row]));
      // A conversation's opening message is its `source`, announced by conversation.created.
      const created = list.filter((event) => event.type === 'conversation.created').map((event) => conversations.get(event.aggregateId));
      const sources = created.filter((row) => row !== undefined).map(sourcePart);
      const liveParts = await toLiveParts(db, workspaceId, [...partRows, ...sources]);
      const parts = new Map(liveParts.map((part) => [part.id, part]));
      for (const event of list) {
        const row = conversations.get(event.aggregateId);
        const partId = event.type === 'conversation.part.created' || event.type === 'conversation.created' ? String(event.payload.part_id) : undefined;
        const part = partId ? parts.get(partId) : undefined;
        frames.set(event, frameOf(event, { row, contactIds: row ? (contactIds.get(row.id) ?? []) : [], part }));
      }
    }),
  );
  return events.map((event) => frames.get(event)).filter((frame) => frame !== undefined);
}

/** The frame a teammate's socket receives. */
export function teammateFrame(frame: StreamFrame): ServerFrame {
  return {
    type: 'event',
    conversation_id: frame.conversationId,
    seq: frame.seq,
    ...(frame.streamSeq === undefined ? {} : { stream_seq: frame.streamSeq }),
    name: frame.name,
    created_at: frame.createdAt,
    ...(frame.part ? { part: frame.part } : {}),
    ...(frame.conversation ? { conversation: frame.conversation } : {}),
    ...(frame.data ? { data: frame.data } : {}),
  };
}

/** The frame a visitor's socket receives: the part and the conversation's state, nothing internal. */
export function visitorFrame(frame: StreamFrame): ServerFrame {
  return {
    type: 'event',
    conversation_id: frame.conversationId,
    seq: frame.seq,
    name: frame.name,
    created_at: frame.createdAt,
    ...(frame.part ? { part: frame.part } : {}),
    conversation: { id: frame.conversationId, ...(frame.conversation ? { state: frame.conversation.state } : {}) },
  };
}
