import { invalid } from './errors.ts';

/**
 * Intercom's three pagination styles. Cursor lists hand out an opaque `starting_after` (the sort key
 * of the last row) and leave `next` out on the last page; offset lists answer 200 with an empty page
 * past the end; scroll lists leave `scroll_param` out on the final, empty page.
 */
export const maxPerPage = 150;

export function perPage(requested: number | undefined, fallback: number): number {
  if (requested === undefined) return fallback;
  if (!Number.isInteger(requested) || requested < 1 || requested > maxPerPage) {
    throw invalid(`per_page must be an integer from 1 to ${maxPerPage}`, 'per_page');
  }
  return requested;
}

/** The position after which the next page starts: a sort value and the row id. */
export interface Cursor {
  sort: string | number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  try {
    const [sort, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if ((typeof sort === 'string' || typeof sort === 'number') && typeof id === 'string') return { sort, id };
  } catch {}
  throw invalid('starting_after is not a cursor this server handed out', 'starting_after');
}

/** `pages` of a cursor list; `next` only when another page exists. */
export function cursorPages(options: { page: number; perPage: number; totalCount: number; next: Cursor | undefined }) {
  return {
    type: 'pages' as const,
    page: options.page,
    per_page: options.perPage,
    total_pages: Math.max(1, Math.ceil(options.totalCount / options.perPage)),
    ...(options.next ? { next: { page: options.page + 1, per_page: options.perPage, starting_after: encodeCursor(options.next) } } : {}),
  };
}

/** `pages` of an offset list (`page` starts at 1). */
export function offsetPages(options: { page: number; perPage: number; totalCount: number; nextUrl?: string }) {
  const totalPages = Math.max(1, Math.ceil(options.totalCount / options.perPage));
  return {
    type: 'pages' as const,
    page: options.page,
    per_page: options.perPage,
    total_pages: totalPages,
    ...(options.page < totalPages && options.nextUrl ? { next: options.nextUrl } : {}),
  };
}

export function pageNumber(requested: number | undefined): number {
  if (requested === undefined) return 1;
  if (!Number.isInteger(requested) || requested < 1) throw invalid('page must be a positive integer', 'page');
  return requested;
}
