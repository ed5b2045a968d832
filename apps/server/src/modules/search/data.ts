import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rows } from '../../platform/db/database.ts';

/**
 * Full-text search over other modules' tables (conversations and their parts, contacts, companies): a
 * read model, as the Inbox's lists are. Each text is searched through the GIN expression index of
 * migration 0003_search_indexes — the expressions below must stay exactly those of the migration, or
 * the planner cannot use the indexes. Tags are stripped before indexing and before highlighting.
 */

/** A part body's vector (the index's expression when `body` is `conversation_parts.body`). */
const vectorOfPartBody = (body: SQL) => sql`to_tsvector('simple'::regconfig, regexp_replace(${body}, '<[^>]*>', ' ', 'g'))`;
const partVector = vectorOfPartBody(sql`conversation_parts.body`);
/** The title (plain text, escaped here) and opening message as one HTML text, as the parts are. */
const sourceHtml = sql`(replace(replace(replace(coalesce(conversations.title, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;') || ' ' || coalesce(conversations.source ->> 'body', ''))`;
const sourceVector = sql`to_tsvector('simple'::regconfig, coalesce(conversations.title, '') || ' ' || regexp_replace(coalesce(conversations.source ->> 'body', ''), '<[^>]*>', ' ', 'g'))`;
const contactText = sql`(coalesce(contacts.name, '') || ' ' || coalesce(contacts.email, ''))`;
// The address once more with "@" and dots as spaces, so its parts are words ("vera", "example").
const contactVector = sql`to_tsvector('simple'::regconfig, coalesce(contacts.name, '') || ' ' || coalesce(contacts.email, '') || ' ' || translate(coalesce(contacts.email, ''), '@.', '  '))`;
const companyVector = sql`to_tsvector('simple'::regconfig, coalesce(companies.name, ''))`;

/** Each searched text's vector, by table: what the GIN indexes hold (tests check the planner can use them). */
export const searchVectors = { conversation_parts: partVector, conversations: sourceVector, contacts: contactVector, companies: companyVector };

/** Matches are wrapped in these private-use characters (removed from the text first), then escaped and turned into <mark>. */
export const markStart = '\uE000';
export const markEnd = '\uE001';

/** The query inline (not from a CTE), so the planner can hand it to the GIN index scans. */
const tsQuery = (query: string) => sql`to_tsquery('simple'::regconfig, ${query})`;

function headline(text: SQL, query: string): SQL {
  const options = `StartSel="${markStart}", StopSel="${markEnd}", MaxWords=20, MinWords=8, ShortWord=2`;
  return sql`ts_headline('simple'::regconfig, translate(${text}, ${markStart + markEnd}, ''), ${tsQuery(query)}, ${options})`;
}

/**
 * How many matches of each kind are ranked at most: a word found everywhere would otherwise rank the
 * whole workspace. Rare words (the useful searches) are ranked in full.
 */
const candidates = 200;
/** `gin_fuzzy_search_limit` while searching (see searchWorkspace). */
export const fuzzyLimit = 2000;

export interface ConversationHit {
  id: string;
  title: string | null;
  state: string;
  updated_at: string | Date;
  source_author: { type: string; id: string };
  snippet: string;
}

/**
 * Conversations whose messages, notes or opening message match, best first (each by its best-ranked
 * text), among those `visible` (a condition on the unaliased `conversations` table).
 *
 * The matching parts are found first, on their own (a materialized CTE is planned for all its rows, so
 * always through the GIN index, which gin_fuzzy_search_limit keeps to a sample for common words), and
 * only then joined to their conversations for visibility and cut to the candidates. Written as one
 * join with a LIMIT, the planner expects a common word to turn up within the first few conversations
 * and walks conversations, computing the vector of every part of each (some 4,000 parts parsed for one
 * common word at a million conversations).
 */
export function conversationSearch(workspaceId: number, query: string, visible: SQL, limit: number): SQL {
  return sql`with matched_parts as materialized (
          select conversation_parts.conversation_id, conversation_parts.body
          from conversation_parts
          where conversation_parts.workspace_id = ${workspaceId} and ${partVector} @@ ${tsQuery(query)}
        ),
        hits as (
          (select conversations.id, ts_rank(${vectorOfPartBody(sql`matched_parts.body`)}, ${tsQuery(query)}) as rank, matched_parts.body as html
           from matched_parts
           join conversations on conversations.workspace_id = ${workspaceId} and conversations.id = matched_parts.conversation_id
           where ${visible}
           limit ${candidates})
          union all
          (select conversations.id, ts_rank(${sourceVector}, ${tsQuery(query)}), ${sourceHtml}
           from conversations
           where conversations.workspace_id = ${workspaceId} and ${sourceVector} @@ ${tsQuery(query)} and ${visible}
           limit ${candidates})
        ),
        best as (
          select distinct on (hits.id) hits.id, hits.rank, hits.html from hits order by hits.id, hits.rank desc
        ),
        top as (
          select best.id, best.rank, best.html, conversations.title, conversations.state, conversations.updated_at, conversations.source -> 'author' as source_author
          from best join conversations on conversations.workspace_id = ${workspaceId} and conversations.id = best.id
          order by best.rank desc, conversations.updated_at desc, best.id
          limit ${limit}
        )
        select top.id, top.title, top.state, top.updated_at, top.source_author,
               ${headline(sql`regexp_replace(coalesce(top.html, ''), '<[^>]*>', ' ', 'g')`, query)} as snippet
        from top
        order by top.rank desc, top.updated_at desc, top.id`;
}

export function searchConversations(db: Executor, workspaceId: number, query: string, visible: SQL, limit: number): Promise<ConversationHit[]> {
  return rows<ConversationHit>(db, conversationSearch(workspaceId, query, visible, limit));
}

export interface ContactHit {
  id: string;
  name: string | null;
  email: string | null;
  role: string;
  snippet: string;
}

/** Contacts (not archived) whose name or email matches, best first. */
export function contactSearch(workspaceId: number, query: string, limit: number): SQL {
  return sql`with top as (
          select * from (
            select contacts.id, contacts.name, contacts.email, contacts.role, ${contactText} as text, ts_rank(${contactVector}, ${tsQuery(query)}) as rank
            from contacts
            where contacts.workspace_id = ${workspaceId} and ${contactVector} @@ ${tsQuery(query)} and not contacts.archived
            limit ${candidates}) as matched
          order by rank desc, id limit ${limit}
        )
        select top.id, top.name, top.email, top.role, ${headline(sql`top.text`, query)} as snippet
        from top order by top.rank desc, top.id`;
}

export function searchContacts(db: Executor, workspaceId: number, query: string, limit: number): Promise<ContactHit[]> {
  return rows<ContactHit>(db, contactSearch(workspaceId, query, limit));
}

export interface CompanyHit {
  id: string;
  name: string | null;
  snippet: string;
}

/** Companies whose name matches, best first. */
export function companySearch(workspaceId: number, query: string, limit: number): SQL {
  return sql`with top as (
          select * from (
            select companies.id, companies.name, ts_rank(${companyVector}, ${tsQuery(query)}) as rank
            from companies
            where companies.workspace_id = ${workspaceId} and ${companyVector} @@ ${tsQuery(query)}
            limit ${candidates}) as matched
          order by rank desc, id limit ${limit}
        )
        select top.id, top.name, ${headline(sql`coalesce(top.name, '')`, query)} as snippet
        from top order by top.rank desc, top.id`;
}

export function searchCompanies(db: Executor, workspaceId: number, query: string, limit: number): Promise<CompanyHit[]> {
  return rows<CompanyHit>(db, companySearch(workspaceId, query, limit));
}
