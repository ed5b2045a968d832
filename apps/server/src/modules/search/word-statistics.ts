import type { Platform } from '../../platform/platform.ts';
import { commonVectorWords, type QueryFrequency } from './data.ts';
import type { SearchQuery } from './search-text.ts';

/** How long a process keeps the common words it read (ANALYZE refreshes them only after many writes anyway). */
const keptFor = 10 * 60_000;

interface CommonWords {
  parts: Set<string>;
  sources: Set<string>;
}

const read = new WeakMap<Platform['database'], { at: number; words: Promise<CommonWords> }>();

/** The searched columns' most common words (pg_stats), read at most once per keptFor by each process. */
function commonWords(platform: Platform): Promise<CommonWords> {
  const kept = read.get(platform.database);
  if (kept && Date.now() - kept.at < keptFor) return kept.words;
  const words = commonVectorWords(platform.database.orm).then((found) => ({ parts: new Set(found.parts), sources: new Set(found.sources) }));
  read.set(platform.database, { at: Date.now(), words });
  // A failed read is not kept: the next search asks again.
  words.catch(() => read.delete(platform.database));
  return words;
}

/**
 * Whether each searched column counts every word of `query` among its most common (and its prefix
 * begins one of them). Words are compared as the 'simple' configuration makes them: lower case. A word
 * written otherwise by PostgreSQL's parser (a hyphenated one, say) is judged rare: the index then
 * answers, always correctly, at the cost of reading its every match.
 */
export async function frequencyOf(platform: Platform, query: SearchQuery): Promise<QueryFrequency> {
  const common = await commonWords(platform);
  const words = query.words ? query.words.toLowerCase().split(' ') : [];
  const prefix = query.prefix?.toLowerCase();
  const all = (set: Set<string>) =>
    set.size > 0 && words.every((word) => set.has(word)) && (prefix === undefined || [...set].some((word) => word.startsWith(prefix)));
  return { commonInParts: all(common.parts), commonInSources: all(common.sources) };
}
