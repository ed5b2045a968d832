import { and, asc, desc, eq, getTableColumns, isNull, type SQL, sql } from 'drizzle-orm';
import { type Executor, planEachTime, rowCount, rows, type Tx } from '../../platform/db/database.ts';
import { conversationContacts, conversations } from '../conversations/tables.ts';
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

/** The columns a list row shows (with its RowDetails). */
const listColumns = (() => {
  const { id, title, state, read, priority, adminAssigneeId, teamAssigneeId, waitingSince, snoozedUntil, createdAt, updatedAt } = getTableColumns(conversations);
  return { id, title, state, read, priority, adminAssigneeId, teamAssigneeId, waitingSince, snoozedUntil, createdAt, updatedAt };
})();

export type ListRow = { [K in keyof typeof listColumns]: ConversationRow[K] } & { details: RowDetails };
export type PageRow = ListRow & { sortValues: string[] };

/** listColumns as read from a page (drizzle checks a column's table by name, and the page is raw SQL named "conversations"). */
const pageColumns = Object.fromEntries(Object.entries(listColumns).map(([name, column]) => [name, sql`${column}`.mapWith(column)])) as {
  [K in keyof typeof listColumns]: SQL<ConversationRow[K]>;
};

/**
 * The rows a list or count reads, named "conversations": the table itself or, for a view kept to a tag,
 * that tag's rows of tagged_conversations (migration 0014; a btree per sort, where the table has only a
 * GIN index on its tags). Those rows carry the conversation's list columns under the table's names, so
 * every condition and sort key of this module applies to them as written — a contact filter too, which
 * reads the workspace and the id. Read for its rows (a page), each is joined to the conversation itself.
 */
function listed(where: SQL, tagId: number | undefined, read: 'keys' | 'rows'): { from: SQL; where: SQL; columns: SQL } {
  if (tagId === undefined) return { from: sql`${conversations}`, where, columns: sql`${conversations}.*` };
  const tagged = sql`tagged_conversations as ${conversations}`;
  const keptToTag = sql`${conversations}.tag_id = ${tagId} and ${where}`;
  if (read === 'keys') return { from: tagged, where: keptToTag, columns: sql`${conversations}.*` };
  return {
    from: sql`${tagged} join ${conversations} as conversation on conversation.workspace_id = ${conversations.workspaceId} and conversation.id = ${conversations.id}`,
    where: keptToTag,
    columns: sql`conversation.*`,
  };
}

/**
 * One page in the sort's order after the keyset, each row with its keys as text (for the next cursor)
 * and what its list row shows (rowDetails), in one statement; with it, from the same snapshot, `count`
 * (a countConversations, for a first page) and `head` (a scalar, such as a stream's last number: the
 * page then holds every change numbered up to it). The page is joined to a one-row select of those,
 * so an empty page still answers them. `tagId` keeps the page to a tag (see `listed`).
 */
export async function conversationPage(
  db: Executor,
  options: { where: SQL; tagId?: number; sort: SortName; after?: Keyset; limit: number; count?: SQL; head: SQL },
): Promise<{ rows: PageRow[]; count: number | null; head: number }> {
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
  const order = [...keys.map((key) => direction(key)), direction(conversations.id)];
  const source = listed(page, options.tagId, 'rows');
  // The page is a subquery named "conversations": the outer order, keys and details read its rows.
  const pageRows = sql`(select ${source.columns} from ${source.from} where ${source.where}
    order by ${sql.join(order, sql`, `)} limit ${options.limit}) as ${conversations}`;
  const found = await db
    .select({
      ...pageColumns,
      sortValues: sql<string[]>`jsonb_build_array(${sql.join(keys.map((key) => sql`${key}::text`), sql`, `)})`,
      details: rowDetails,
      count: sql`answers.count`.mapWith((value) => (value === null ? null : Number(value))),
      head: sql`answers.head`.mapWith(Number),
    })
    .from(sql`(select ${options.count ?? sql`null::int`} as count, ${options.head} as head) as answers`)
    .leftJoin(pageRows, sql`true`)
    .orderBy(...order);
  const first = found[0];
  return {
    rows: found.filter((row) => row.id !== null) as PageRow[],
    count: first?.count ?? null,
    head: first?.head ?? 0,
  };
}

/**
 * How many conversations meet `where` (kept to `tagId`, if given: see `listed`), counted up to `cap`
 * (beyond it the count says `cap`). Counted in the "newest" order: every inbox has an index in that
 * order, so the scan stops after `cap` rows of it. Without an order the planner may pick a sequential
 * scan that it expects to stop early, but the live conversations sit together at the table's end (their
 * newest versions), so it can read most of the table.
 */
export function countConversations(where: SQL, cap: number, tagId?: number): SQL {
  const source = listed(where, tagId, 'keys');
  return sql`(select count(*) from (select 1 from ${source.from} where ${source.where}
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

export type ContactJson = { id: string; role: string | null; name: string | null; email: string | null; avatar: string | null };
export type AdminJson = { id: string; name: string; email: string };
export type TeamJson = { id: string; name: string };

/** What a list row shows besides the conversation's own columns (see rowDetails). */
export interface RowDetails {
  /** Participants, the earliest added first (`role` null if the contact row is gone). */
  contacts: ContactJson[];
  /** Tags, the earliest applied first. */
  tags: { id: string; name: string }[];
  /** The last comment or quick reply of either side, else the opening message (epoch seconds). */
  last_message: { body: string | null; author_type: string; created_at: number };
  /** Who opened the conversation (its source's author). */
  started_by: { type: string; id: string };
  admin: AdminJson | null;
  team: TeamJson | null;
}

/**
 * RowDetails of the row named `conversations` in the statement, as json: participants, tags and the
 * last message (one index probe each), the assignees, and from the row's source who opened it (and
 * its message, for a conversation without replies). Read with the rows, never a query per row.
 */
const rowDetails = sql<RowDetails>`json_build_object(
  'contacts', coalesce((
    select json_agg(json_build_object('id', cc.contact_id, 'role', c.role, 'name', c.name, 'email', c.email, 'avatar', c.avatar)
                    order by cc.added_at, cc.contact_id)
    from conversation_contacts cc left join contacts c on c.workspace_id = cc.workspace_id and c.id = cc.contact_id
    where cc.workspace_id = conversations.workspace_id and cc.conversation_id = conversations.id), '[]'),
  'tags', coalesce((
    select json_agg(json_build_object('id', t.id::text, 'name', t.name) order by tg.applied_at, t.id)
    from taggings tg join tags t on t.workspace_id = tg.workspace_id and t.id = tg.tag_id
    where tg.workspace_id = conversations.workspace_id and tg.target_type = 'conversation' and tg.target_id = conversations.id), '[]'),
  'last_message', coalesce((
      select json_build_object('body', p.body, 'author_type', p.author_type, 'created_at', floor(extract(epoch from p.created_at)))
      from conversation_parts p
      where p.workspace_id = conversations.workspace_id and p.conversation_id = conversations.id and p.part_type in ('comment', 'quick_reply')
      order by p.created_at desc, p.id desc limit 1),
    json_build_object('body', conversations.source->>'body', 'author_type', conversations.source->'author'->>'type',
                      'created_at', floor(extract(epoch from conversations.created_at)))),
  'started_by', conversations.source->'author',
  'admin', (select json_build_object('id', tm.id::text, 'name', tm.name, 'email', tm.email) from teammates tm where tm.id = conversations.admin_assignee_id),
  'team', (select json_build_object('id', team.id::text, 'name', team.name) from teams team
           where team.workspace_id = conversations.workspace_id and team.id = conversations.team_assignee_id))`;

/**
 * One conversation with its RowDetails, and the teammates and teams of `people` (those its history
 * names), in one statement.
 */
export async function conversationWithDetails(
  db: Executor,
  workspaceId: number,
  id: string,
  people: { adminIds: number[]; teamIds: number[] },
): Promise<{ row: ConversationRow & { details: RowDetails }; admins: AdminJson[]; teams: TeamJson[] } | undefined> {
  const [found] = await db
    .select({
      ...getTableColumns(conversations),
      details: rowDetails,
      admins: sql<AdminJson[] | null>`(select json_agg(json_build_object('id', tm.id::text, 'name', tm.name, 'email', tm.email))
        from teammates tm where tm.id in (select jsonb_array_elements_text(${JSON.stringify(people.adminIds)}::jsonb)::bigint))`,
      teams: sql<TeamJson[] | null>`(select json_agg(json_build_object('id', team.id::text, 'name', team.name))
        from teams team where team.workspace_id = ${workspaceId}
          and team.id in (select jsonb_array_elements_text(${JSON.stringify(people.teamIds)}::jsonb)::bigint))`,
    })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
  if (!found) return undefined;
  const { admins, teams, ...row } = found;
  return { row, admins: admins ?? [], teams: teams ?? [] };
}

/** When the conversation's contacts last saw it in the Messenger (the latest of them), or null. */
export async function contactSeenAt(db: Executor, workspaceId: number, conversationId: string): Promise<Date | null> {
  const [row] = await db
    .select({ seenAt: sql<string | null>`max(${conversationContacts.seenAt})` })
    .from(conversationContacts)
    .where(and(eq(conversationContacts.workspaceId, workspaceId), eq(conversationContacts.conversationId, conversationId)));
  return row?.seenAt ? new Date(row.seenAt) : null;
}
