import { and, asc, desc, eq, getTableColumns, isNull, type SQL, sql } from 'drizzle-orm';
import { type Executor, planEachTime, rowCount, rows, type Tx } from '../../platform/db/database.ts';
import { conversationContacts, conversationParts, conversations } from '../conversations/tables.ts';
import { mentions, savedViews } from './tables.ts';

/**
 * The Inbox's SQL. Its lists are a read model over the conversations module's tables: one statement
 * per page with the view, the teammate's visibility and the keyset in SQL (per-row lookups would not
 * hold at a million conversations). Every write to a conversation goes through the conversations module.
 */

export type SavedViewRow = typeof savedViews.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;

// ---- Saved views

export async function listSavedViews(db: Executor, workspaceId: number): Promise<SavedViewRow[]> {
  return db.select().from(savedViews).where(eq(savedViews.workspaceId, workspaceId)).orderBy(asc(savedViews.name), asc(savedViews.id));
}

export async function findSavedView(db: Executor, workspaceId: number, id: number): Promise<SavedViewRow | undefined> {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id)));
  return row;
}

export async function insertSavedView(db: Executor, values: { workspaceId: number; name: string; filters: object; createdBy: number }): Promise<SavedViewRow> {
  const [row] = await db.insert(savedViews).values(values).returning();
  return row as SavedViewRow;
}

export async function updateSavedView(db: Executor, workspaceId: number, id: number, values: { name: string; filters: object }): Promise<SavedViewRow | undefined> {
  const [row] = await db
    .update(savedViews)
    .set({ ...values, updatedAt: sql`now()` as unknown as Date })
    .where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id)))
    .returning();
  return row;
}

export async function deleteSavedView(db: Executor, workspaceId: number, id: number): Promise<SavedViewRow | undefined> {
  const [row] = await db
    .delete(savedViews)
    .where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id)))
    .returning();
  return row;
}

// ---- Mentions

export async function insertMentions(
  tx: Tx,
  values: { workspaceId: number; teammateId: number; partId: string; conversationId: string; mentionedBy: number }[],
): Promise<void> {
  if (values.length) await tx.insert(mentions).values(values).onConflictDoNothing();
}

/** The teammate has read the conversation: its mentions of them are seen. */
export async function markMentionsSeen(db: Executor, workspaceId: number, teammateId: number, conversationId: string): Promise<void> {
  await db
    .update(mentions)
    .set({ seenAt: sql`now()` as unknown as Date })
    .where(and(eq(mentions.workspaceId, workspaceId), eq(mentions.teammateId, teammateId), eq(mentions.conversationId, conversationId), isNull(mentions.seenAt)));
}

/**
 * Conversations in which the teammate was mentioned (the "Mentions" inbox lists them), through
 * `mentioned_ids`; planned each time, as one teammate is mentioned everywhere and another rarely.
 */
export function mentionedCondition(teammateId: number): SQL {
  return sql`(${conversations.mentionedIds} @> array[${teammateId}::bigint] ${planEachTime})`;
}

// ---- Conversation conditions (on the `conversations` table, unaliased)

export const inWorkspace = (workspaceId: number) => eq(conversations.workspaceId, workspaceId);
const conversationStates = new Set(['open', 'snoozed', 'closed']);
/**
 * The state as a literal, not a bind parameter: a generic plan (the pool prepares a statement seen
 * twice) must see it to prove a partial index applies — the tag indexes exist per state, and with
 * `state = $1` the planner fell back to a sequential scan. Only the three states ever reach the SQL.
 */
export const inState = (state: string) => {
  if (!conversationStates.has(state)) throw new Error(`Not a conversation state: ${JSON.stringify(state)}`);
  return sql`${conversations.state} = ${sql.raw(`'${state}'`)}`;
};
export const assignedToTeammate = (teammateId: number | null) =>
  teammateId === null ? isNull(conversations.adminAssigneeId) : eq(conversations.adminAssigneeId, teammateId);
export const assignedToTeam = (teamId: number | null) => (teamId === null ? isNull(conversations.teamAssigneeId) : eq(conversations.teamAssigneeId, teamId));
export const withPriority = (priority: boolean) => eq(conversations.priority, priority);
export const idIs = (id: string) => eq(conversations.id, id);

/**
 * What a teammate without `access_all_conversations` may see: conversations assigned to no team, to
 * one of their teams, or to them — the realtime layer's rule (modules/realtime/client.ts `teammateMaySee`).
 */
export function visibleCondition(viewer: { teammateId: number; seesAll: boolean; teamIds: number[] }): SQL | undefined {
  if (viewer.seesAll) return undefined;
  const teams = viewer.teamIds.length ? sql` or ${conversations.teamAssigneeId} in (${sql.join(viewer.teamIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  return sql`(${conversations.teamAssigneeId} is null or ${conversations.adminAssigneeId} = ${viewer.teammateId}${teams})`;
}

/** A contact of the conversation meets `condition` (a condition on the `contacts` table, from the contacts module's search compiler). */
export function hasContactWhere(condition: SQL): SQL {
  return sql`exists (select 1 from ${conversationContacts} cc join contacts on contacts.workspace_id = cc.workspace_id and contacts.id = cc.contact_id
    where cc.workspace_id = ${conversations.workspaceId} and cc.conversation_id = ${conversations.id} and ${condition})`;
}

// ---- Pages and counts

export type SortName = 'newest' | 'oldest' | 'waiting_longest' | 'priority';
type KeyType = 'timestamptz' | 'boolean';

/**
 * Each sort's keys, all in one direction, then the id: one row comparison is the keyset condition,
 * and an index on (workspace_id, state, keys…, id) serves both the order and the cursor.
 */
export const sorts: Record<SortName, { keys: { expression: SQL; type: KeyType }[]; descending: boolean }> = {
  newest: { keys: [{ expression: sql`${conversations.updatedAt}`, type: 'timestamptz' }], descending: true },
  oldest: { keys: [{ expression: sql`${conversations.createdAt}`, type: 'timestamptz' }], descending: false },
  // Conversations nobody waits on come last, in id order.
  waiting_longest: { keys: [{ expression: sql`coalesce(${conversations.waitingSince}, 'infinity'::timestamptz)`, type: 'timestamptz' }], descending: false },
  priority: {
    keys: [
      { expression: sql`${conversations.priority}`, type: 'boolean' },
      { expression: sql`${conversations.updatedAt}`, type: 'timestamptz' },
    ],
    descending: true,
  },
};

/** Where a page starts: the previous page's last row's keys (as PostgreSQL text) and id. */
export interface Keyset {
  values: string[];
  id: string;
}

/**
 * One page in the sort's order after the keyset, with each row's keys as text (for the next cursor),
 * and `count` (a countConversations) evaluated once in the same statement: every row carries it.
 */
export async function conversationPage(
  db: Executor,
  options: { where: SQL; sort: SortName; after?: Keyset; limit: number; count?: SQL },
): Promise<(ConversationRow & { sortValues: string[]; count: number | null })[]> {
  const sort = sorts[options.sort];
  const keys = sort.keys.map((key) => key.expression);
  let page = options.where;
  if (options.after) {
    const bound = sort.keys.map((key, index) => sql`${options.after?.values[index]}::${sql.raw(key.type)}`);
    const left = sql.join([...keys, sql`${conversations.id}`], sql`, `);
    const right = sql.join([...bound, sql`${options.after.id}`], sql`, `);
    page = sql`${page} and (${left}) ${sql.raw(sort.descending ? '<' : '>')} (${right})`;
  }
  const direction = sort.descending ? desc : asc;
  return db
    .select({
      ...getTableColumns(conversations),
      sortValues: sql<string[]>`jsonb_build_array(${sql.join(keys.map((key) => sql`${key}::text`), sql`, `)})`,
      count: (options.count ? sql`${options.count}::int` : sql`null::int`).mapWith(Number),
    })
    .from(conversations)
    .where(page)
    .orderBy(...keys.map((key) => direction(key)), direction(conversations.id))
    .limit(options.limit);
}

/**
 * How many conversations meet `where`, counted up to `cap` (beyond it the count says `cap`). Counted in
 * the "newest" order: every inbox has an index in that order, so the scan stops after `cap` rows of it.
 * Without an order the planner may pick a sequential scan that it expects to stop early, but the live
 * conversations sit together at the table's end (their newest versions), so it can read most of the table.
 */
export function countConversations(where: SQL, cap: number): SQL {
  return sql`(select count(*) from (select 1 from ${conversations} where ${where}
    order by ${conversations.updatedAt} desc, ${conversations.id} desc limit ${rowCount(cap)}) as counted)`;
}

/** How many conversations (meeting `where`) hold a mention of the teammate they have not seen, up to `cap`. */
export function countUnreadMentions(workspaceId: number, teammateId: number, where: SQL, cap: number): SQL {
  return sql`(select count(*) from (
    select 1 from ${conversations} where ${where} and exists (
      select 1 from ${mentions} m where m.workspace_id = ${workspaceId} and m.teammate_id = ${teammateId} and m.seen_at is null
        and m.conversation_id = ${conversations.id})
    limit ${rowCount(cap)}) as counted)`;
}

/** Several counts (see countConversations, countUnreadMentions) in one statement. */
export async function counts(db: Executor, queries: SQL[]): Promise<number[]> {
  if (queries.length === 0) return [];
  const [row] = await rows<{ counts: (number | string)[] }>(db, sql`select to_json(array[${sql.join(queries, sql`, `)}]) as counts`);
  return (row?.counts ?? []).map(Number);
}

// ---- What a list row shows

/** What a list row shows besides the conversation's own columns, by conversation id (see summaryData). */
export interface RowDetails {
  id: string;
  /** Participants, the earliest added first. */
  contact_ids: string[];
  /** Tags, the earliest applied first. */
  tags: { id: string; name: string }[];
  /** The last comment or quick reply of either side (epoch seconds), or null. */
  last_message: { body: string | null; author_type: string; created_at: number } | null;
}

export interface SummaryData {
  details: RowDetails[];
  contacts: { id: string; role: string; name: string | null; email: string | null; avatar: string | null }[];
  admins: { id: string; name: string; email: string }[];
  teams: { id: string; name: string }[];
}

/**
 * Everything the list rows of `ids` show, in one statement: each conversation's participants, tags and
 * last message (one index probe each), and the contacts, teammates and teams they name. One statement
 * instead of one per kind: on a busy node each round trip costs more CPU than the lookups themselves.
 */
export async function summaryData(
  db: Executor,
  workspaceId: number,
  ids: string[],
  people: { adminIds: number[]; teamIds: number[] },
): Promise<SummaryData> {
  const [row] = await rows<{ [K in keyof SummaryData]: SummaryData[K] | null }>(
    db,
    sql`with details as (
          select ids.id,
            coalesce((select json_agg(cc.contact_id order by cc.added_at, cc.contact_id) from ${conversationContacts} cc
                      where cc.workspace_id = ${workspaceId} and cc.conversation_id = ids.id), '[]') as contact_ids,
            coalesce((select json_agg(json_build_object('id', t.id::text, 'name', t.name) order by tg.applied_at, t.id)
                      from taggings tg join tags t on t.workspace_id = tg.workspace_id and t.id = tg.tag_id
                      where tg.workspace_id = ${workspaceId} and tg.target_type = 'conversation' and tg.target_id = ids.id), '[]') as tags,
            (select json_build_object('body', p.body, 'author_type', p.author_type, 'created_at', floor(extract(epoch from p.created_at)))
             from ${conversationParts} p
             where p.workspace_id = ${workspaceId} and p.conversation_id = ids.id and p.part_type in ('comment', 'quick_reply')
             order by p.created_at desc, p.id desc limit 1) as last_message
          from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as ids(id)
        )
        select
          (select json_agg(details) from details) as details,
          (select json_agg(json_build_object('id', c.id, 'role', c.role, 'name', c.name, 'email', c.email, 'avatar', c.avatar))
           from contacts c where c.workspace_id = ${workspaceId}
             and c.id in (select json_array_elements_text(details.contact_ids) from details)) as contacts,
          (select json_agg(json_build_object('id', tm.id::text, 'name', tm.name, 'email', tm.email))
           from teammates tm where tm.id in (select jsonb_array_elements_text(${JSON.stringify(people.adminIds)}::jsonb)::bigint)) as admins,
          (select json_agg(json_build_object('id', team.id::text, 'name', team.name))
           from teams team where team.workspace_id = ${workspaceId}
             and team.id in (select jsonb_array_elements_text(${JSON.stringify(people.teamIds)}::jsonb)::bigint)) as teams`,
  );
  return { details: row?.details ?? [], contacts: row?.contacts ?? [], admins: row?.admins ?? [], teams: row?.teams ?? [] };
}

/** When the conversation's contacts last saw it in the Messenger (the latest of them), or null. */
export async function contactSeenAt(db: Executor, workspaceId: number, conversationId: string): Promise<Date | null> {
  const [row] = await db
    .select({ seenAt: sql<string | null>`max(${conversationContacts.seenAt})` })
    .from(conversationContacts)
    .where(and(eq(conversationContacts.workspaceId, workspaceId), eq(conversationContacts.conversationId, conversationId)));
  return row?.seenAt ? new Date(row.seenAt) : null;
}
