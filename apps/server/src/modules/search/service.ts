import type { PersonSummary, SearchResults } from '@frontdesk/api-types';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { findContactsByIds } from '../contacts/service.ts';
import { viewerOf, visibleConversationsCondition } from '../inbox/service.ts';
import * as data from './data.ts';
import { snippetHtml, toTsQuery } from './search-text.ts';

const seconds = (value: string | Date) => Math.floor(new Date(value).getTime() / 1000);

/**
 * `GET /app-api/search`: PostgreSQL full-text search over the conversations the teammate may see
 * (messages, notes, opening messages), contacts (name, email) and companies (name), ranked, with
 * highlighted snippets that are safe HTML (see snippetHtml).
 */
export async function searchWorkspace(platform: Platform, actor: Actor, text: string, limit: number): Promise<SearchResults> {
  const exact = toTsQuery(text);
  const prefixed = toTsQuery(text, true);
  if (!exact || !prefixed) return { conversations: [], contacts: [], companies: [] };
  const db = platform.database.orm;
  const viewer = await viewerOf(db, actor);
  const visible = visibleConversationsCondition(viewer) ?? sql`true`;
  const [conversations, contacts, companies] = await platform.database.transaction(async (tx) => {
    // A word found in most messages would make each GIN scan collect every match before ranking a few:
    // past this many, the index hands back a sample (ranking stays exact for rarer words). Enough memory
    // that a prefix's matches stay an exact bitmap (a lossy page has every part on it parsed again); no
    // parallel workers and no JIT: starting workers or compiling (~18 ms, triggered by the estimate for a
    // common word's matches, which the fuzzy limit then cuts to a sample) costs more than these statements.
    await tx.execute(
      sql`select set_config('gin_fuzzy_search_limit', ${String(data.fuzzyLimit)}, true), set_config('work_mem', '16MB', true),
                 set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`,
    );
    // Whole words first; the last word as a prefix only where they found too little (a prefix of a
    // very common word is the one search the index cannot sample, so it is not run when not needed).
    const search = async <T>(run: (query: string) => Promise<T[]>) => {
      const found = await run(exact);
      return found.length < limit && prefixed !== exact ? run(prefixed) : found;
    };
    return [
      await search((query) => data.searchConversations(tx, actor.workspaceId, query, visible, limit)),
      await search((query) => data.searchContacts(tx, actor.workspaceId, query, limit)),
      await search((query) => data.searchCompanies(tx, actor.workspaceId, query, limit)),
    ] as const;
  });
  const people = await findContactsByIds(
    db,
    actor.workspaceId,
    conversations.flatMap((hit) => (hit.source_author.type === 'admin' ? [] : [hit.source_author.id])),
  );
  const byId = new Map(
    people.map((row): [string, PersonSummary] => [row.id, { id: row.id, type: row.role === 'lead' ? 'lead' : 'user', name: row.name, email: row.email, avatar: row.avatar }]),
  );
  return {
    conversations: conversations.map((hit) => ({
      id: hit.id,
      title: hit.title,
      contact: byId.get(hit.source_author.id) ?? null,
      state: hit.state as SearchResults['conversations'][number]['state'],
      snippet: snippetHtml(hit.snippet, true),
      updated_at: seconds(hit.updated_at),
    })),
    contacts: contacts.map((hit) => ({
      id: hit.id,
      name: hit.name,
      email: hit.email,
      role: hit.role === 'lead' ? 'lead' : 'user',
      snippet: snippetHtml(hit.snippet, false),
    })),
    companies: companies.map((hit) => ({ id: hit.id, name: hit.name ?? '', snippet: snippetHtml(hit.snippet, false) })),
  };
}
