import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, rows, type Tx } from '../../platform/db/database.ts';
import { recordset } from '../../platform/db/recordset.ts';
import type { ConversationRow, PartRow } from './data.ts';
import { conversationContacts, conversationParts, conversations } from './tables.ts';

/** Parts a visitor sees (see `visibleToVisitor`): messages from either side, never notes or actions. */
const visibleTypes = ['comment', 'quick_reply'];

/**
 * A conversation's last event sequence (0 before its first), read in the same statement — so the same
 * snapshot — as its row: a client that resumes after it misses no change the row does not show.
 */
const lastSequence = sql<number>`coalesce((
  select s.last_sequence from aggregate_sequences s
  where s.workspace_id = ${conversations.workspaceId} and s.aggregate_type = 'conversation' and s.aggregate_id = ${conversations.id}), 0)`;

export interface ContactConversation {
  row: ConversationRow;
  /** Up to when the contact has read it (null: never). */
  seenAt: Date | null;
  seq: number;
}

const ofContact = { row: conversations, seenAt: conversationContacts.seenAt, seq: lastSequence };
const joined = and(eq(conversations.workspaceId, conversationContacts.workspaceId), eq(conversations.id, conversationContacts.conversationId));

/** The conversations a contact takes part in, most recently changed first. */
export async function conversationsOfContact(db: Executor, workspaceId: number, contactId: string, limit: number): Promise<ContactConversation[]> {
  const found = await db
    .select(ofContact)
    .from(conversationContacts)
    .innerJoin(conversations, joined)
    .where(and(eq(conversationContacts.workspaceId, workspaceId), eq(conversationContacts.contactId, contactId)))
    // Sorted by an expression no index has: the contact's few rows are read first, then sorted. A plan
    // kept from when the table was small would otherwise walk every conversation by updated_at.
    .orderBy(sql`${conversations.updatedAt} + interval '0 s' desc, ${conversations.id} desc`)
    .limit(limit);
  return found.map((entry) => ({ ...entry, seq: Number(entry.seq) }));
}

/** One conversation of a contact; undefined when the contact does not take part in it. */
export async function conversationOfContact(db: Executor, workspaceId: number, contactId: string, conversationId: string): Promise<ContactConversation | undefined> {
  const [found] = await db
    .select(ofContact)
    .from(conversationContacts)
    .innerJoin(conversations, joined)
    .where(
      and(
        eq(conversationContacts.workspaceId, workspaceId),
        eq(conversationContacts.contactId, contactId),
        eq(conversationContacts.conversationId, conversationId),
      ),
    );
  return found && { ...found, seq: Number(found.seq) };
}

/** When the contact last read the conversation (inside a change, with the row locked). */
export async function seenAtOf(tx: Tx, workspaceId: number, conversationId: string, contactId: string): Promise<Date | null> {
  const [found] = await tx
    .select({ seenAt: conversationContacts.seenAt })
    .from(conversationContacts)
    .where(
      and(
        eq(conversationContacts.workspaceId, workspaceId),
        eq(conversationContacts.conversationId, conversationId),
        eq(conversationContacts.contactId, contactId),
      ),
    );
  return found?.seenAt ?? null;
}

/** A conversation's parts a visitor may see, oldest first (the newest `limit`). */
export async function visibleParts(db: Executor, workspaceId: number, conversationId: string, limit: number): Promise<PartRow[]> {
  const newest = await db
    .select()
    .from(conversationParts)
    .where(
      and(
        eq(conversationParts.workspaceId, workspaceId),
        eq(conversationParts.conversationId, conversationId),
        inArray(conversationParts.partType, visibleTypes),
      ),
    )
    .orderBy(sql`${conversationParts.createdAt} desc, ${conversationParts.id} desc`)
    .limit(limit);
  return newest.reverse();
}

/** The newest visible part of each conversation (conversations with none are absent). */
export async function lastVisibleParts(db: Executor, workspaceId: number, ids: string[]): Promise<Map<string, PartRow>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .selectDistinctOn([conversationParts.conversationId])
    .from(conversationParts)
    .where(and(eq(conversationParts.workspaceId, workspaceId), inArray(conversationParts.conversationId, ids), inArray(conversationParts.partType, visibleTypes)))
    .orderBy(conversationParts.conversationId, sql`${conversationParts.createdAt} desc`, sql`${conversationParts.id} desc`);
  return new Map(found.map((part) => [part.conversationId, part]));
}

/** How many of the team's visible parts (what it wrote to the visitor) each conversation has after `seenAt` (all of them when never seen). */
export async function unreadCounts(db: Executor, workspaceId: number, seen: { id: string; seenAt: Date | null }[]): Promise<Map<string, number>> {
  const map = new Map<string, number>(seen.map((entry) => [entry.id, 0]));
  if (seen.length === 0) return map;
  const given = seen.map((entry) => ({ id: entry.id, seen_at: entry.seenAt?.toISOString() ?? null }));
  const found = await rows<{ id: string; n: string }>(
    db,
    sql`select g.id, count(p.id) as n
        from ${recordset(given, 'id text, seen_at timestamptz')} as g
        join conversation_parts p on p.workspace_id = ${workspaceId} and p.conversation_id = g.id
          and p.part_type in ('comment', 'quick_reply') and p.author_type not in ('user', 'lead', 'contact')
          and (g.seen_at is null or p.created_at > g.seen_at)
        group by g.id`,
  );
  for (const row of found) map.set(row.id, Number(row.n));
  return map;
}

/** Records that the contact has read the conversation up to `at` (never moving backwards). */
export async function markSeen(tx: Tx, workspaceId: number, conversationId: string, contactId: string, at: string): Promise<void> {
  await tx
    .update(conversationContacts)
    .set({ seenAt: sql`greatest(${conversationContacts.seenAt}, ${at}::timestamptz)` as unknown as Date })
    .where(
      and(
        eq(conversationContacts.workspaceId, workspaceId),
        eq(conversationContacts.conversationId, conversationId),
        eq(conversationContacts.contactId, contactId),
      ),
    );
}

/** Flags parts whose text had something redacted before it was stored. */
export async function markPartsRedacted(tx: Tx, workspaceId: number, partIds: string[]): Promise<void> {
  if (partIds.length === 0) return;
  await tx
    .update(conversationParts)
    .set({ redacted: true })
    .where(and(eq(conversationParts.workspaceId, workspaceId), inArray(conversationParts.id, partIds)));
}

/** How many of the team's visible parts of one conversation the contact has not seen. */
export async function unreadOfContact(db: Executor, workspaceId: number, contactId: string, conversationId: string): Promise<number> {
  const [found] = await rows<{ unread: string }>(
    db,
    sql`select count(p.id) as unread
        from conversation_contacts cc
        join conversation_parts p on p.workspace_id = cc.workspace_id and p.conversation_id = cc.conversation_id
          and p.part_type in ('comment', 'quick_reply') and p.author_type not in ('user', 'lead', 'contact')
          and (cc.seen_at is null or p.created_at > cc.seen_at)
        where cc.workspace_id = ${workspaceId} and cc.conversation_id = ${conversationId} and cc.contact_id = ${contactId}`,
  );
  return Number(found?.unread ?? 0);
}
