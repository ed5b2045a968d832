import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { type Executor, rows, type Tx } from '../../platform/db/database.ts';
import { recordset } from '../../platform/db/recordset.ts';
import { appendEvents, type NewEvent } from '../../platform/events/outbox.ts';
import type { AppliedTag } from '../tags/intercom-tag.ts';
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
  avatar: string | null;
}

export interface LockedConversation {
  row: ConversationRow;
  contactIds: string[];
  /** The participants with what a change's answer shows of them, read with the lock (no second trip). */
  contacts: Participant[];
  tags: AppliedTag[];
  at: string;
}

type ParticipantJson = { id: string; external_id: string | null; name: string | null; email: string | null; avatar: string | null };

/**
 * The conversation's contacts in the order they joined. It reads the contacts table (the contacts
 * module's) in the same statement as the lock, so the reply path's answer needs no query of its own.
 */
const participantsOf = sql<ParticipantJson[]>`coalesce((
  select json_agg(json_build_object('id', cc.contact_id, 'external_id', c.external_id, 'name', c.name, 'email', c.email, 'avatar', c.avatar)
                  order by cc.added_at, cc.contact_id)
  from conversation_contacts cc
  left join contacts c on c.workspace_id = cc.workspace_id and c.id = cc.contact_id
  where cc.workspace_id = conversations.workspace_id and cc.conversation_id = conversations.id), '[]'::json)`;

/**
 * The conversation's tags as its answer shows them, read in the lock statement too (the tags module
 * owns the tables; this one read is here so the reply path's answer needs no query of its own).
 */
const tagsOfRow = sql<TagJson[]>`coalesce((
  select json_agg(json_build_object('id', t.id::text, 'name', t.name, 'applied_at', tg.applied_at, 'applied_by', tg.applied_by)
                  order by tg.applied_at, t.id)
  from taggings tg
  join tags t on t.workspace_id = tg.workspace_id and t.id = tg.tag_id
  where tg.workspace_id = conversations.workspace_id and tg.target_type = 'conversation' and tg.target_id = conversations.id), '[]'::json)`;

type TagJson = { id: string; name: string; applied_at: string; applied_by: number | string | null };

function locked(found: { row: ConversationRow; participants: ParticipantJson[]; tags: TagJson[]; at: string }): LockedConversation {
  const contacts = found.participants.map((p) => ({ id: p.id, externalId: p.external_id, name: p.name, email: p.email, avatar: p.avatar }));
  const tags = found.tags.map((tag) => ({
    id: tag.id,
    name: tag.name,
    appliedAt: new Date(tag.applied_at),
    appliedBy: tag.applied_by === null ? null : Number(tag.applied_by),
  }));
  return { row: found.row, contactIds: contacts.map((contact) => contact.id), contacts, tags, at: found.at };
}

/** What a change names: a conversation by id, or a contact's most recently started one (`last`). */
export type ConversationTarget = { workspaceId: number } & ({ id: string } | { lastOfContact: string });

/**
 * Locks every conversation the targets name in ONE statement, in key order (so two batches never
 * deadlock), with their participants, tags and the database's clock. `clock_timestamp()` is read
 * after the lock is held (a row updated meanwhile is re-read), so the parts of successive changes to
 * one conversation get increasing times in the order they commit. A `last` target is resolved in the
 * same statement; the caller finds its row as the newest locked conversation the contact is part of.
 */
export async function lockConversations(tx: Tx, targets: ConversationTarget[]): Promise<LockedConversation[]> {
  const ids: { workspace_id: number; id: string }[] = [];
  const lasts: { workspace_id: number; contact_id: string }[] = [];
  for (const target of targets) {
    if ('id' in target) ids.push({ workspace_id: target.workspaceId, id: target.id });
    else lasts.push({ workspace_id: target.workspaceId, contact_id: target.lastOfContact });
  }
  const lastOf = lasts.length
    ? sql`union all
          select l.workspace_id, (
            select cc.conversation_id from conversation_contacts cc
            join conversations c2 on c2.workspace_id = cc.workspace_id and c2.id = cc.conversation_id
            where cc.workspace_id = l.workspace_id and cc.contact_id = l.contact_id
            order by c2.created_at desc, c2.id desc limit 1)
          from ${recordset(lasts, 'workspace_id bigint, contact_id text')} as l`
    : sql``;
  const found = await tx
    .select({ row: getTableColumns(conversations), participants: participantsOf, tags: tagsOfRow, at: sql<string>`clock_timestamp()::text` })
    .from(conversations)
    .where(
      sql`(${conversations.workspaceId}, ${conversations.id}) in (
            select w.workspace_id, w.id from ${recordset(ids, 'workspace_id bigint, id text')} as w
            ${lastOf})`,
    )
    .orderBy(conversations.workspaceId, conversations.id)
    .for('update', { of: conversations });
  return found.map(locked);
}

/** Locks one conversation row for a change (see lockConversations). */
export async function lockConversation(tx: Tx, workspaceId: number, id: string): Promise<LockedConversation | undefined> {
  const [found] = await lockConversations(tx, [{ workspaceId, id }]);
  return found;
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

/** A conversation's new column values and the change's time (its `updated_at`). */
export interface ConversationWrite {
  workspaceId: number;
  id: string;
  at: string;
  patch: ConversationPatch;
}

/** A part to insert: `offset` microseconds after `at` orders the parts one batch writes to a conversation. */
export interface PartWrite extends NewPart {
  workspaceId: number;
  conversationId: string;
  at: string;
  offset: number;
}

const columns = getTableColumns(conversations) as Record<string, PgColumn>;

/** A value as jsonb_to_recordset reads it for the column's type. */
const jsonValue = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/**
 * Writes the changes of a whole batch in ONE statement: every part in one INSERT, every conversation
 * in one UPDATE … FROM (only the columns each one's patch names change; the rows are locked, so the
 * values were computed from the current row) and the events through appendEvents, as CTEs of it.
 * `alongside` are other modules' data-modifying CTEs carried in the same statement (the contacts'
 * `last_replied_at` / `last_contacted_at`); `last`: it ends the transaction (appendEvents).
 */
export async function writeChanges(
  tx: Tx,
  writes: { conversations: ConversationWrite[]; parts: PartWrite[]; events: NewEvent[] },
  alongside: SQL[] = [],
  options: { last?: boolean } = {},
): Promise<{ eventId: string; sequence: number }[]> {
  const ctes: SQL[] = [...alongside];
  if (writes.parts.length) {
    const parts = writes.parts.map((part) => ({
      workspace_id: part.workspaceId,
      conversation_id: part.conversationId,
      id: part.id,
      part_type: part.partType,
      body: part.body,
      author_type: part.authorType,
      author_id: part.authorId,
      assigned_to: part.assignedTo ?? null,
      attachments: part.attachments ?? [],
      metadata: part.metadata ?? {},
      state: part.state,
      event_details: part.eventDetails ?? null,
      at: part.at,
      n: part.offset,
    }));
    ctes.push(sql`new_parts as (
      insert into conversation_parts (workspace_id, conversation_id, id, part_type, body, author_type, author_id, assigned_to,
                                      attachments, metadata, state, event_details, created_at, updated_at)
      select workspace_id, conversation_id, id, part_type, body, author_type, author_id, assigned_to, attachments, metadata, state,
             event_details, at + n * interval '1 microsecond', at + n * interval '1 microsecond'
      from ${recordset(
        parts,
        'workspace_id bigint, conversation_id text, id text, part_type text, body text, author_type text, author_id text, ' +
          'assigned_to jsonb, attachments jsonb, metadata jsonb, state text, event_details jsonb, at timestamptz, n int',
      )} as p)`);
  }
  if (writes.conversations.length) {
    // As Drizzle's set(), a key whose value is undefined changes nothing.
    const names = (patch: ConversationPatch) => Object.entries(patch).flatMap(([key, value]) => (value === undefined || key === 'updatedAt' ? [] : [key]));
    const keys = [...new Set(writes.conversations.flatMap((write) => names(write.patch)))];
    const everywhere = new Set(keys.filter((key) => writes.conversations.every((write) => names(write.patch).includes(key))));
    const values = writes.conversations.map((write) => {
      const value: Record<string, unknown> = { workspace_id: write.workspaceId, id: write.id, at: write.at, keys: [] as string[] };
      const named = names(write.patch);
      for (const key of keys) {
        if (!named.includes(key)) continue;
        const column = columns[key] as PgColumn;
        (value.keys as string[]).push(column.name);
        value[column.name] = jsonValue((write.patch as Record<string, unknown>)[key]);
      }
      return value;
    });
    const name = (key: string) => sql.identifier((columns[key] as PgColumn).name);
    const set = keys.map((key) => {
      const column = name(key);
      return everywhere.has(key)
        ? sql`${column} = v.${column}`
        : sql`${column} = case when ${(columns[key] as PgColumn).name} = any(v.keys) then v.${column} else c.${column} end`;
    });
    const types = keys.map((key) => `"${(columns[key] as PgColumn).name}" ${(columns[key] as PgColumn).getSQLType()}`);
    ctes.push(sql`changed as (
      update conversations c set ${sql.join([...set, sql`updated_at = v.at`], sql`, `)}
      from ${recordset(values, ['workspace_id bigint, id text, keys text[], at timestamptz', ...types].join(', '))} as v
      where c.workspace_id = v.workspace_id and c.id = v.id)`);
  }
  return appendEvents(tx, writes.events, ctes, options);
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

/** Parts by id, in any conversations of the workspace (the realtime consumer's batch lookup). */
export async function findPartsByIds(db: Executor, workspaceId: number, ids: string[]): Promise<PartRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(conversationParts)
    .where(and(eq(conversationParts.workspaceId, workspaceId), inArray(conversationParts.id, ids)));
}

/** Conversation rows by id (the realtime consumer's batch lookup). */
export async function findConversationsByIds(db: Executor, workspaceId: number, ids: string[]): Promise<ConversationRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, ids)));
}

/** Whether the contact takes part in the conversation. */
export async function isParticipant(db: Executor, workspaceId: number, conversationId: string, contactId: string): Promise<boolean> {
  const found = await db
    .select({ id: conversationContacts.contactId })
    .from(conversationContacts)
    .where(
      and(
        eq(conversationContacts.workspaceId, workspaceId),
        eq(conversationContacts.conversationId, conversationId),
        eq(conversationContacts.contactId, contactId),
      ),
    );
  return found.length > 0;
}
