import type { SearchResults } from '@frontdesk/api-types';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { viewerOf, visibleConversationsCondition } from '../inbox/service.ts';
import * as data from './data.ts';
import { snippetHtml, toSearchQuery } from './search-text.ts';
import { frequencyOf } from './word-statistics.ts';

const seconds = (value: string | Date) => Math.floor(new Date(value).getTime() / 1000);

/**
 * `GET /app-api/search`: PostgreSQL full-text search over the conversations the teammate may see
 * (messages, notes, opening messages), contacts (name, email) and companies (name), ranked, with
 * highlighted snippets that are safe HTML (see snippetHtml).
 */
export async function searchWorkspace(platform: Platform, actor: Actor, text: string, limit: number): Promise<SearchResults> {
  const exact = toSearchQuery(text);
  const prefixed = toSearchQuery(text, true);
  if (!exact || !prefixed) return { conversations: [], contacts: [], companies: [] };
  const db = platform.database.orm;
  const [viewer, exactFrequency, prefixedFrequency] = await Promise.all([
    viewerOf(db, actor),
    frequencyOf(platform, exact),
    prefixed.prefix ? frequencyOf(platform, prefixed) : undefined,
  ]);
  const visible = visibleConversationsCondition(viewer) ?? sql`true`;
  // Whole words first; the last word as a prefix only where they found too little (in the same statement).
  const found = await data.searchAll(
    db,
    actor.workspaceId,
    { exact: { ...exact, ...exactFrequency }, ...(prefixedFrequency ? { prefixed: { ...prefixed, ...prefixedFrequency } } : {}) },
    visible,
    limit,
  );
  return {
    conversations: found.conversations.map((hit) => ({
      id: hit.id,
      title: hit.title,
      contact: hit.contact,
      state: hit.state as SearchResults['conversations'][number]['state'],
      snippet: snippetHtml(hit.snippet, true),
      updated_at: seconds(hit.updated_at),
    })),
    contacts: found.contacts.map((hit) => ({
      id: hit.id,
      name: hit.name,
      email: hit.email,
      role: hit.role === 'lead' ? 'lead' : 'user',
      snippet: snippetHtml(hit.snippet, false),
    })),
    companies: found.companies.map((hit) => ({ id: hit.id, name: hit.name ?? '', snippet: snippetHtml(hit.snippet, false) })),
  };
}
