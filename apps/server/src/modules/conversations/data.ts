import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { type Executor, rows, type Tx } from '../../platform/db/database.ts';
import { conversationContacts, conversationParts, conversations } from './tables.ts';

export type ConversationRow = typeof conversations.$inferSelect;
export type PartRow = typeof conversationParts.$inferSelect;
export type NewConversation = typeof conversations.$inferInsert;
export type ConversationPatch = Partial<Omit<NewConversation, 'workspaceId' | 'id' | 'createdAt'>>;

/** A part to append; `offset` orders parts written by one change (microseconds after the change's time). */
export interface NewPart {
  id: string;
  partType: string;
  body: string | null;
  authorType: string;
  authorId: string | null;
  assignedTo?: { type: string; id: string } | null;
  attachments?: unknown[];
  metadata?: Record<string, unknown>;
  /** The conversation's state after this part. */
  state: string;
  eventDetails?: Record<string, unknown> | null;
}

/** A conversation locked for a change, with its contacts and the database's clock (as text, to keep microseconds). */
export interface Participant {
  id: string;
  externalId: string | null;
  name: string | null;
  email: string | null;
}

export interface LockedConversation {
  row: ConversationRow;
  contactIds: string[];
  /** The participants with what a change's answer shows of them, read with the lock (no second trip). */
  contacts: Participant[];
  at: string;
}

type ParticipantJson = { id: string; external_id: string | null; name: string | null; email: string | null };

/**
 * The conversation's contacts in the order they joined. It reads the contacts table (the contacts
 * module's) in the same statement as the lock, so the reply path's answer needs no query of its own.
 */
const participantsOf = sql<ParticipantJson[]>`coalesce((
  select json_agg(json_build_object('id', cc.contact_id, 'external_id', c.external_id, 'name', c.name, 'email', c.email)
                  order by cc.added_at, cc.contact_id)
  from conversation_contacts cc
  left join contacts c on c.workspace_id = cc.workspace_id and c.id = cc.contact_id
  where cc.workspace_id = conversations.workspace_id and cc.conversation_id = conversations.id), '[]'::json)`;

function locked(found: { row: ConversationRow; participants: ParticipantJson[]; at: string } | undefined): LockedConversation | undefined {
  if (!found) return undefined;
  const contacts = found.participants.map((p) => ({ id: p.id, externalId: p.external_id, name: p.name, email: p.email }));
  return { row: found.row, contactIds: contacts.map((contact) => contact.id), contacts, at: found.at };
}

/**
 * Locks one conversation row for a change. `clock_timestamp()` is read after the lock is held, so the
 * parts of successive changes to one conversation get increasing times in the order they commit.
 */
export async function lockConversation(tx: Tx, workspaceId: number, id: string): Promise<LockedConversation | undefined> {
  const [found] = await tx
    .select({ row: getTableColumns(conversations), participants: participantsOf, at: sql<string>`clock_timestamp()::text` })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .for('update', { of: conversations });
  return locked(found);
}

/** The contact's most recently started conversation, locked (`POST /conversations/last/reply`). */
export async function lockLastConversationOf(tx: Tx, workspaceId: number, contactId: string): Promise<LockedConversation | undefined> {
  const last = tx
    .select({ id: conversationContacts.conversationId })
    .from(conversationContacts)
    .innerJoin(conversations, and(eq(conversations.workspaceId, conversationContacts.workspaceId), eq(conversations.id, conversationContacts.conversationId)))
    .where(and(eq(conversationContacts.workspaceId, workspaceId), eq(conversationContacts.contactId, contactId)))
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(1);
  const [found] = await tx
    .select({ row: getTableColumns(conversations), participants: participantsOf, at: sql<string>`clock_timestamp()::text` })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, sql`(${last})`)))
    .for('update', { of: conversations });
  return locked(found);
}

/** The database's clock as text (microseconds kept), for changes that lock no conversation first. */
export async function clockNow(tx: Tx): Promise<string> {
  const [row] = await rows<{ at: string }>(tx, sql`select clock_timestamp()::text as at`);
  if (!row) throw new Error('clock_timestamp() returned no row');
  return row.at;
}

const partValues = (workspaceId: number, conversationId: string, at: string, parts: NewPart[]) =>
  parts.map((part, index) => {
    const time = sql`${at}::timestamptz + ${index} * interval '1 microsecond'`;
    return {
      workspaceId,
      conversationId,
      id: part.id,
      partType: part.partType,
      body: part.body,
      authorType: part.authorType,
      authorId: part.authorId,
      assignedTo: part.assignedTo ?? null,
      attachments: part.attachments ?? [],
      metadata: part.metadata ?? {},
      state: part.state,
      eventDetails: part.eventDetails ?? null,
      createdAt: time as unknown as Date,
      updatedAt: time as unknown as Date,
    };
  });

export async function insertConversation(
  tx: Tx,
  values: NewConversation,
  contactIds: string[],
  at: string,
  parts: NewPart[] = [],
): Promise<ConversationRow> {
  const [row] = await tx
    .insert(conversations)
    .values({ ...values, createdAt: sql`${at}::timestamptz` as unknown as Date, updatedAt: sql`${at}::timestamptz` as unknown as Date })
    .returning();
  await tx
    .insert(conversationContacts)
    .values(contactIds.map((contactId, index) => ({ workspaceId: values.workspaceId, conversationId: values.id, contactId, addedAt: sql`${at}::timestamptz + ${index} * interval '1 microsecond'` as unknown as Date })));
  if (parts.length) await tx.insert(conversationParts).values(partValues(values.workspaceId, values.id, at, parts));
  return row as ConversationRow;
}

/**
 * Appends parts and updates the conversation in ONE statement (the reply hot path): the parts are a
 * data-modifying CTE of the update. `updated_at` becomes the change's time.
 */
export async function appendParts(
  tx: Tx,
  workspaceId: number,
  conversationId: string,
  at: string,
  parts: NewPart[],
  patch: ConversationPatch,
): Promise<ConversationRow> {
  const set = { ...patch, updatedAt: sql`${at}::timestamptz` as unknown as Date };
  const where = and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId));
  if (parts.length === 0) {
    const [row] = await tx.update(conversations).set(set).where(where).returning();
    return row as ConversationRow;
  }
  const inserted = tx.$with('inserted').as(
    tx.insert(conversationParts).values(partValues(workspaceId, conversationId, at, parts)).returning({ id: conversationParts.id }),
  );
  const [row] = await tx
    .with(inserted)
    .update(conversations)
    .set({ ...set, countConversationParts: sql`${conversations.countConversationParts} + (select count(*) from ${inserted})` })
    .where(where)
    .returning();
  return row as ConversationRow;
}

export async function findConversation(db: Executor, workspaceId: number, id: string): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
  return row;
}

/** Contact ids of each conversation, in the order they joined. */
export async function contactIdsOfConversations(db: Executor, workspaceId: number, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return map;
  const found = await db
    .select({ conversationId: conversationContacts.conversationId, contactId: conversationContacts.contactId })
    .from(conversationContacts)
    .where(and(eq(conversationContacts.workspaceId, workspaceId), inArray(conversationContacts.conversationId, ids)))
    .orderBy(asc(conversationContacts.addedAt), asc(conversationContacts.contactId));
  for (const row of found) map.get(row.conversationId)?.push(row.contactId);
  return map;
}

/** The newest `limit` parts of a conversation, oldest first. */
export async function listParts(db: Executor, workspaceId: number, conversationId: string, limit: number): Promise<PartRow[]> {
  const newest = await db
    .select()
    .from(conversationParts)
    .where(and(eq(conversationParts.workspaceId, workspaceId), eq(conversationParts.conversationId, conversationId)))
    .orderBy(desc(conversationParts.createdAt), desc(conversationParts.id))
    .limit(limit);
  return newest.reverse();
}

export async function countParts(db: Executor, workspaceId: number, conversationId: string): Promise<number> {
  return db.$count(conversationParts, and(eq(conversationParts.workspaceId, workspaceId), eq(conversationParts.conversationId, conversationId)));
}

export async function addConversationContact(tx: Tx, workspaceId: number, conversationId: string, contactId: string, at: string): Promise<boolean> {
  const added = await tx
    .insert(conversationContacts)
    .values({ workspaceId, conversationId, contactId, addedAt: sql`${at}::timestamptz` as unknown as Date })
    .onConflictDoNothing()
    .returning({ contactId: conversationContacts.contactId });
  return added.length > 0;
}

export async function removeConversationContact(tx: Tx, workspaceId: number, conversationId: string, contactId: string): Promise<void> {
  await tx
    .delete(conversationContacts)
    .where(
      and(
        eq(conversationContacts.workspaceId, workspaceId),
        eq(conversationContacts.conversationId, conversationId),
        eq(conversationContacts.contactId, contactId),
      ),
    );
}

export async function deleteConversation(tx: Tx, workspaceId: number, id: string): Promise<void> {
  await tx.delete(conversationParts).where(and(eq(conversationParts.workspaceId, workspaceId), eq(conversationParts.conversationId, id)));
  await tx.delete(conversationContacts).where(and(eq(conversationContacts.workspaceId, workspaceId), eq(conversationContacts.conversationId, id)));
  await tx.delete(conversations).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
}

/** A page of conversations, newest change first, after the cursor; `where` is an extra condition (search). */
export async function listConversations(
  db: Executor,
  workspaceId: number,
  options: { limit: number; after?: { updatedAt: string; id: string }; where?: SQL },
): Promise<{ rows: (ConversationRow & { cursorAt: string })[]; total: number }> {
  const scope = and(eq(conversations.workspaceId, workspaceId), options.where);
  const page = and(
    scope,
    options.after ? sql`(${conversations.updatedAt}, ${conversations.id}) < (${options.after.updatedAt}::timestamptz, ${options.after.id})` : undefined,
  );
  const [found, total] = await Promise.all([
    db
      .select({ ...getTableColumns(conversations), cursorAt: sql<string>`${conversations.updatedAt}::text` })
      .from(conversations)
      .where(page)
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(options.limit),
    db.$count(conversations, scope),
  ]);
  return { rows: found, total };
}

/** Conversations whose snooze has run out, for the wake-up job. */
export async function listExpiredSnoozes(db: Executor, limit: number): Promise<{ workspaceId: number; id: string }[]> {
  return db
    .select({ workspaceId: conversations.workspaceId, id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.state, 'snoozed'), sql`${conversations.snoozedUntil} <= now()`))
    .limit(limit);
}
