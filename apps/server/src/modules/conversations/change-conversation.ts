import { numericId } from '../../platform/crypto/tokens.ts';
import type { Tx } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';
import { patched } from './part-effects.ts';

/** A part a change appends; the id, times and resulting state are filled in when it is written. */
export interface PartDraft {
  partType: string;
  body?: string | null;
  author: { type: 'admin' | 'user' | 'lead' | 'bot'; id: string | null };
  assignedTo?: { type: string; id: string } | null;
  attachments?: unknown[];
  metadata?: Record<string, unknown>;
  eventDetails?: Record<string, unknown> | null;
}

export interface ChangePlan {
  patch: data.ConversationPatch;
  parts: PartDraft[];
  /** Events besides the one `conversation.part.created` per part (which is always appended). */
  events?: { type: string; payload: Record<string, unknown> }[];
}

export interface Locked extends data.LockedConversation {
  /** The change's time as a Date (the text `at` keeps the microseconds that order parts). */
  now: Date;
  tx: Tx;
}

export interface ChangeResult {
  row: data.ConversationRow;
  parts: data.PartRow[];
  contactIds: string[];
  /** Participants as read with the lock (those a change adds are loaded when the answer is built). */
  contacts: data.Participant[];
}

/** PostgreSQL's text form of a timestamptz ("2025-01-02 03:04:05.123456+00") as a Date. */
export function parseDatabaseTime(text: string): Date {
  const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`unexpected timestamp text from the database: ${text}`);
  return date;
}

/**
 * The one write path of every conversation change: lock the row, let `plan` decide the parts and the
 * new column values from it, then write the parts and the row in one statement and append the events
 * — `conversation.part.created` per part, on the conversation's aggregate — all in one transaction.
 */
export async function changeConversation(
  platform: Platform,
  workspaceId: number,
  target: { id: string } | { lastOfContact: string },
  actorId: number | null,
  plan: (locked: Locked) => ChangePlan | Promise<ChangePlan>,
): Promise<ChangeResult> {
  return platform.database.transaction(async (tx) => {
    const found =
      'id' in target ? await data.lockConversation(tx, workspaceId, target.id) : await data.lockLastConversationOf(tx, workspaceId, target.lastOfContact);
    if (!found) throw notFound('Conversation');
    const now = parseDatabaseTime(found.at);
    const { patch, parts: drafts, events = [] } = await plan({ ...found, now, tx });
    // A change that changes nothing (priority already set, snooze already woken) writes nothing.
    if (drafts.length === 0 && events.length === 0 && Object.keys(patch).length === 0) return { row: found.row, parts: [], contactIds: found.contactIds, contacts: found.contacts };
    const after = patched(found.row, patch);
    const parts: data.NewPart[] = drafts.map((draft) => ({
      id: numericId(),
      partType: draft.partType,
      body: draft.body ?? null,
      authorType: draft.author.type,
      authorId: draft.author.id,
      assignedTo: draft.assignedTo ?? null,
      attachments: draft.attachments ?? [],
      metadata: draft.metadata ?? {},
      state: after.state,
      eventDetails: draft.eventDetails ?? null,
    }));
    const row = await data.appendParts(tx, workspaceId, found.row.id, found.at, parts, patch);
    for (const part of parts) {
      await appendEvent(tx, {
        workspaceId,
        aggregateType: 'conversation',
        aggregateId: row.id,
        type: 'conversation.part.created',
        payload: { actor_id: actorId, conversation_id: row.id, part_id: part.id, part_type: part.partType, author_type: part.authorType, author_id: part.authorId },
      });
    }
    for (const event of events) {
      await appendEvent(tx, { workspaceId, aggregateType: 'conversation', aggregateId: row.id, type: event.type, payload: { actor_id: actorId, conversation_id: row.id, ...event.payload } });
    }
    const partRows: data.PartRow[] = parts.map((part) => ({
      ...part,
      workspaceId,
      conversationId: row.id,
      assignedTo: part.assignedTo ?? null,
      attachments: part.attachments ?? [],
      metadata: part.metadata ?? {},
      eventDetails: part.eventDetails ?? null,
      redacted: false,
      createdAt: now,
      updatedAt: now,
    }));
    return { row, parts: partRows, contactIds: found.contactIds, contacts: found.contacts };
  });
}
