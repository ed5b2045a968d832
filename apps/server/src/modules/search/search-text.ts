import { markEnd, markStart } from './data.ts';

/** At most this many words of what the teammate typed are searched. */
const maxWords = 8;

/** A last word shorter than this is never a prefix: it would match too much of the vocabulary. */
const minPrefixLength = 3;

/** What the teammate typed as words to search: at most maxWords of them (letters, digits and `@._+-` inside words). */
function wordsOf(text: string): string[] {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}][\p{L}\p{N}@._+-]*/gu) ?? []).slice(0, maxWords);
}

/**
 * What the teammate typed as a tsquery: every word must match; with `prefix`, the last one (of three
 * characters or more) as a prefix, for results while typing. Only letters, digits and `@._+-` inside
 * words reach it, each word quoted, so the text is always valid tsquery syntax (it is still sent as a
 * bound parameter). Undefined when there is no word.
 */
export function toTsQuery(text: string, prefix = false): string | undefined {
  return toSearchQuery(text, prefix)?.tsquery;
}

export interface SearchQuery {
  tsquery: string;
  /** The words searched whole, separated by spaces. */
  words: string;
  /** The last word when it is searched as a prefix. */
  prefix?: string;
}

/** toTsQuery, with the words it searches whole and its prefix apart (search judges from them how common the query is). */
export function toSearchQuery(text: string, prefix = false): SearchQuery | undefined {
  const words = wordsOf(text);
  if (words.length === 0) return undefined;
  const last = words.length - 1;
  const isPrefix = prefix && [...(words[last] as string)].length >= minPrefixLength;
  const tsquery = words.map((word, index) => `'${word}'${isPrefix && index === last ? ':*' : ''}`).join(' & ');
  return isPrefix ? { tsquery, words: words.slice(0, last).join(' '), prefix: words[last] } : { tsquery, words: words.join(' ') };
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The character references a sanitized HTML body holds, decoded in one pass (so "&amp;lt;" stays "&lt;" as text). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      // Never the marks themselves: a body cannot make its own <mark>.
      if (code === markStart.codePointAt(0) || code === markEnd.codePointAt(0)) return '';
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/**
 * A ts_headline result as safe HTML: everything escaped, the matches (between the private-use marks)
 * wrapped in <mark>…</mark>, balanced. `fromHtml`: the text came from a sanitized body, whose entities
 * are decoded first so "&lt;" shows as "<" (and is escaped again here).
 */
export function snippetHtml(headline: string, fromHtml: boolean): string {
  const text = (fromHtml ? decodeEntities(headline) : headline).replace(/\s+/g, ' ').trim();
  let html = '';
  let open = false;
  for (const piece of text.split(new RegExp(`([${markStart}${markEnd}])`, 'u'))) {
    if (piece === markStart) {
      if (!open) html += '<mark>';
      open = true;
    } else if (piece === markEnd) {
      if (open) html += '</mark>';
      open = false;
    } else html += escapeHtml(piece);
  }
  return open ? `${html}</mark>` : html;
}
