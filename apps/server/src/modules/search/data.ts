import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rowCount, rows } from '../../platform/db/database.ts';
import type { SearchQuery } from './search-text.ts';

/**
 * Full-text search over other modules' tables (conversations and their parts, contacts, companies): a
 * read model, as the Inbox's lists are. Messages are searched through their stored `search_vector`
 * (migration 0010_search_vectors: tags stripped, then parsed once, on write), titles and opening messages
 * through `conversation_openings` (0013: kept by triggers, apart from the conversation rows every reply
 * rewrites); contacts and companies through the GIN expression indexes of 0003_search_indexes — the expressions
 * below must stay exactly those of the migrations, or the planner cannot use the indexes.
 */

const partVector = sql`conversation_parts.search_vector`;
const openingVector = sql`conversation_openings.search_vector`;
/** The title (plain text, escaped here) and opening message as one HTML text, as the parts are. */
const sourceHtml = sql`(replace(replace(replace(coalesce(conversations.title, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;') || ' ' || coalesce(conversations.source ->> 'body', ''))`;
const contactText = sql`(coalesce(contacts.name, '') || ' ' || coalesce(contacts.email, ''))`;
// The address once more with "@" and dots as spaces, so its parts are words ("vera", "example").
const contactVector = sql`to_tsvector('simple'::regconfig, coalesce(contacts.name, '') || ' ' || coalesce(contacts.email, '') || ' ' || translate(coalesce(contacts.email, ''), '@.', '  '))`;
const companyVector = sql`to_tsvector('simple'::regconfig, coalesce(companies.name, ''))`;

/** Each searched text's vector, by table: what the GIN indexes hold (tests check the planner can use them). */
export const searchVectors = { conversation_parts: partVector, conversation_openings: openingVector, contacts: contactVector, companies: companyVector };

/** Matches are wrapped in these private-use characters (removed from the text first), then escaped and turned into <mark>. */
export const markStart = '\uE000';
export const markEnd = '\uE001';

/** The query inline (not from a CTE), so the planner sees it: it picks the index, and estimates the matches, from it. */
const tsQuery = (query: string) => sql`to_tsquery('simple'::regconfig, ${query})`;

function headline(text: SQL, query: string): SQL {
  const options = `StartSel="${markStart}", StopSel="${markEnd}", MaxWords=20, MinWords=8, ShortWord=2`;
  return sql`ts_headline('simple'::regconfig, translate(${text}, ${markStart + markEnd}, ''), ${tsQuery(query)}, ${options})`;
}

/**
 * How many of the newest matching messages, and of the newest conversations whose title or opening
 * message matches, are ranked for a page of `limit`: a word found in every other message would
 * otherwise rank the whole workspace.
 */
export const conversationCandidates = (limit: number) => Math.max(10, limit);

/** How many matching contacts (or companies) are ranked at most. */
const peopleCandidates = 100;

export interface ConversationHit {
  id: string;
  title: string | null;
  state: string;
  updated_at: string | Date;
  /** The opening message's author when a contact (a teammate's conversations have none). */
  contact: { id: string; type: 'user' | 'lead'; name: string | null; email: string | null; avatar: string | null } | null;
  snippet: string;
}

/** How common a query's words are in each searched vector column (see word-statistics.ts). */
export interface QueryFrequency {
  /** Every word is among the most common of the messages' vectors. */
  commonInParts: boolean;
  /** Every word is among the most common of the opening messages' vectors. */
  commonInSources: boolean;
}

/**
 * Conversations whose messages, notes or opening message match, best first, among those `visible` (a
 * condition on the unaliased `conversations` table): the candidates are the newest matches (see
 * conversationCandidates), ranked by their best text (ts_rank), then the most recently updated first.
 *
 * Each kind of candidate is asked for newest first with a LIMIT. For common words the planner picks the
 * way from its (good) estimate of their matches: walking the newest parts (or conversations) and testing
 * each stored vector until it has enough, or reading the GIN index and keeping the newest matches. Any
 * other word is rarer than all of those (under ~0.2% of the rows at a million conversations) but the
 * planner estimates it at that bound, which makes the walk look cheap: for a word found nowhere it
 * walks every part (3 s at a million conversations). So rarer words always read the index: `offset 0`
 * plans their matches on their own, sorted, then joins them newest first until the LIMIT has enough
 * visible ones. No text is parsed again but the snippets'.
 */
function conversationTop(workspaceId: number, query: WeighedQuery, visible: SQL, limit: number): SQL {
  const q = tsQuery(query.tsquery);
  const candidates = rowCount(conversationCandidates(limit));
  const columns = sql`conversations.id, conversations.title, conversations.state, conversations.updated_at, conversations.source -> 'author' as source_author`;
  const partMatch = sql`conversation_parts.workspace_id = ${workspaceId} and ${partVector} @@ ${q}`;
  const openingMatch = sql`conversation_openings.workspace_id = ${workspaceId} and ${openingVector} @@ ${q}`;
  const parts = query.commonInParts
    ? sql`conversation_parts join conversations on conversations.workspace_id = ${workspaceId} and conversations.id = conversation_parts.conversation_id
          where ${partMatch} and ${visible}`
    : sql`(select conversation_parts.conversation_id, conversation_parts.created_at, conversation_parts.body, ${partVector}
           from conversation_parts where ${partMatch} order by conversation_parts.created_at desc offset 0) as conversation_parts
          join conversations on conversations.workspace_id = ${workspaceId} and conversations.id = conversation_parts.conversation_id
          where ${visible}`;
  const openings = query.commonInSources
    ? sql`conversation_openings join conversations on conversations.workspace_id = ${workspaceId} and conversations.id = conversation_openings.conversation_id
          where ${openingMatch} and ${visible}`
    : sql`(select conversation_openings.conversation_id, conversation_openings.created_at, ${openingVector}
           from conversation_openings where ${openingMatch} order by conversation_openings.created_at desc offset 0) as conversation_openings
          join conversations on conversations.workspace_id = ${workspaceId} and conversations.id = conversation_openings.conversation_id
          where ${visible}`;
  return sql`select top.id, top.title, top.state, top.updated_at, top.rank,
           case when contacts.id is not null then json_build_object('id', contacts.id, 'type', case when contacts.role = 'lead' then 'lead' else 'user' end,
             'name', contacts.name, 'email', contacts.email, 'avatar', contacts.avatar) end as contact,
           ${headline(sql`regexp_replace(top.html, '<[^>]*>', ' ', 'g')`, query.tsquery)} as snippet
    from (
      select distinct on (hits.id) hits.*
      from (
        (select ${columns}, ts_rank(${partVector}, ${q}) as rank, coalesce(conversation_parts.body, '') as html
         from ${parts}
         order by conversation_parts.created_at desc
         limit ${candidates})
        union all
        (select ${columns}, ts_rank(${openingVector}, ${q}) as rank, ${sourceHtml} as html
         from ${openings}
         order by conversation_openings.created_at desc
         limit ${candidates})
      ) as hits
      order by hits.id, hits.rank desc
    ) as top
    left join contacts on contacts.workspace_id = ${workspaceId} and contacts.id = top.source_author ->> 'id' and top.source_author ->> 'type' <> 'admin'
    order by top.rank desc, top.updated_at desc, top.id
    limit ${rowCount(limit)}`;
}

export interface ContactHit {
  id: string;
  name: string | null;
  email: string | null;
  role: string;
  snippet: string;
}

/** Contacts (not archived) whose name or email matches, best first. */
function contactTop(workspaceId: number, query: string, limit: number): SQL {
  const q = tsQuery(query);
  return sql`select top.id, top.name, top.email, top.role, top.rank, ${headline(sql`top.text`, query)} as snippet
    from (
      select * from (
        select contacts.id, contacts.name, contacts.email, contacts.role, ${contactText} as text, ts_rank(${contactVector}, ${q}) as rank
        from contacts
        where contacts.workspace_id = ${workspaceId} and ${contactVector} @@ ${q} and not contacts.archived
        limit ${rowCount(peopleCandidates)}) as matched
      order by rank desc, id limit ${rowCount(limit)}
    ) as top`;
}

export interface CompanyHit {
  id: string;
  name: string | null;
  snippet: string;
}

/** Companies whose name matches, best first. */
function companyTop(workspaceId: number, query: string, limit: number): SQL {
  const q = tsQuery(query);
  return sql`select top.id, top.name, top.rank, ${headline(sql`coalesce(top.name, '')`, query)} as snippet
    from (
      select * from (
        select companies.id, companies.name, ts_rank(${companyVector}, ${q}) as rank
        from companies
        where companies.workspace_id = ${workspaceId} and ${companyVector} @@ ${q}
        limit ${rowCount(peopleCandidates)}) as matched
      order by rank desc, id limit ${rowCount(limit)}
    ) as top`;
}

/** A query and how common its words are. */
export type WeighedQuery = SearchQuery & QueryFrequency;

export interface SearchQueries {
  /** Every word whole. */
  exact: WeighedQuery;
  /** The last word as a prefix too; searched only where the whole words found fewer than a page. */
  prefixed?: WeighedQuery;
}

export interface SearchHits {
  conversations: ConversationHit[];
  contacts: ContactHit[];
  companies: CompanyHit[];
}

/**
 * Conversations, contacts and companies in one statement (each statement costs the server's CPU,
 * whatever it does): for each, the whole words' hits, or the prefix's where those are fewer than `limit`
 * (PostgreSQL runs the prefix's part only then: its gate is a one-time condition).
 */
export function searchStatement(workspaceId: number, queries: SearchQueries, visible: SQL, limit: number): SQL {
  const kinds = [
    ['conversations', (query: WeighedQuery) => conversationTop(workspaceId, query, visible, limit), sql`rank desc, updated_at desc, id`],
    ['contacts', (query: WeighedQuery) => contactTop(workspaceId, query.tsquery, limit), sql`rank desc, id`],
    ['companies', (query: WeighedQuery) => companyTop(workspaceId, query.tsquery, limit), sql`rank desc, id`],
  ] as const;
  const ctes: SQL[] = [];
  const columns: SQL[] = [];
  for (const [kind, top, order] of kinds) {
    const exact = sql.identifier(`${kind}_exact`);
    const prefixed = sql.identifier(`${kind}_prefixed`);
    ctes.push(sql`${exact} as materialized (${top(queries.exact)})`);
    let found = sql`select * from ${exact}`;
    if (queries.prefixed) {
      ctes.push(sql`${prefixed} as materialized (${top(queries.prefixed)})`);
      const enough = sql`(select count(*) from ${exact}) >= ${rowCount(limit)}`;
      found = sql`select * from ${exact} where ${enough} union all select * from ${prefixed} where not ${enough}`;
    }
    columns.push(sql`(select coalesce(json_agg(found order by ${order}), '[]'::json) from (${found}) as found) as ${sql.identifier(kind)}`);
  }
  return sql`with ${sql.join(ctes, sql`, `)} select ${sql.join(columns, sql`, `)}`;
}

export async function searchAll(db: Executor, workspaceId: number, queries: SearchQueries, visible: SQL, limit: number): Promise<SearchHits> {
  const [found] = await rows<SearchHits>(db, searchStatement(workspaceId, queries, visible, limit));
  return found ?? { conversations: [], contacts: [], companies: [] };
}

/** The most common words of each searched vector column, as the last ANALYZE counted them (none on a small table). */
export async function commonVectorWords(db: Executor): Promise<{ parts: string[]; sources: string[] }> {
  const found = await rows<{ tablename: string; words: string[] | null }>(
    db,
    sql`select pg_stats.tablename::text as tablename, pg_stats.most_common_elems::text::text[] as words from pg_stats
        where pg_stats.schemaname = current_schema() and pg_stats.tablename in ('conversation_parts', 'conversation_openings') and pg_stats.attname = 'search_vector'`,
  );
  const of = (table: string) => found.find((row) => row.tablename === table)?.words ?? [];
  return { parts: of('conversation_parts'), sources: of('conversation_openings') };
}
