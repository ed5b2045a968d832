import type { ConversationPage, ConversationSort, ConversationState } from '@frontdesk/api-types';
import { and, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { invalid } from '../../platform/http/errors.ts';
import { teammateStreamHeadExpression } from '../realtime/service.ts';
import { summarize } from './conversation-summaries.ts';
import * as data from './data.ts';
import { viewerOf } from './viewer.ts';
import { countCap, resolveView } from './views.ts';

export interface ListQuery {
  view?: string;
  state?: ConversationState;
  sort?: ConversationSort;
  cursor?: string;
  per_page?: number;
}

/** A sort key as PostgreSQL prints it: a timestamptz (microseconds kept, or "infinity") or a boolean. */
const keyPatterns = {
  timestamptz: /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?|infinity)$/,
  boolean: /^(true|false)$/,
};

const badCursor = () => invalid('cursor is not one this server handed out for this sort', 'cursor');

/**
 * The cursor is opaque to clients: the sort it was made for, the last row's keys and id, and the total
 * counted for the first page (later pages repeat it rather than count again).
 */
function encodeCursor(sort: ConversationSort, values: string[], id: string, total: number): string {
  return Buffer.from(JSON.stringify({ s: sort, v: values, id, t: total })).toString('base64url');
}

function decodeCursor(cursor: string, sort: ConversationSort): data.Keyset & { total: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const { s, v, id, t } = (parsed ?? {}) as { s?: unknown; v?: unknown; id?: unknown; t?: unknown };
  const keys = data.sorts[sort].keys;
  if (s !== sort || typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || !Array.isArray(v) || v.length !== keys.length) throw badCursor();
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) throw badCursor();
  v.forEach((value, index) => {
    const type = keys[index]?.type ?? 'timestamptz';
    if (typeof value !== 'string' || !keyPatterns[type].test(value)) throw badCursor();
  });
  return { values: v as string[], id, total: t };
}

/**
 * A page of an inbox: the view's conversations in one state that the teammate may see, in the sort's
 * order after the cursor. `stream_seq` is the teammate stream's head, read in the page's statement
 * (one snapshot), so live frames numbered above it are newer than the page. `total` is counted up to
 * 1000, for the first page.
 */
export async function listInboxConversations(db: Executor, actor: Actor, query: ListQuery): Promise<ConversationPage> {
  const viewer = await viewerOf(db, actor);
  const view = await resolveView(db, viewer, query.view ?? 'all');
  const sort = query.sort ?? 'newest';
  const state = query.state ?? view.state ?? 'open';
  const limit = query.per_page ?? 25;
  const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
  const visible = view.allVisible ? undefined : data.visibleCondition(viewer);
  const where = and(data.inWorkspace(actor.workspaceId), data.inState(state), visible, view.condition) as SQL;
  const found = await data.conversationPage(db, {
    where,
    tagId: view.tagId,
    sort,
    after,
    limit: limit + 1,
    count: after ? undefined : data.countConversations(where, countCap, view.tagId),
    head: teammateStreamHeadExpression(actor.workspaceId),
  });
  const total = after ? after.total : (found.count ?? 0);
  const shown = found.rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    conversations: summarize(shown, found.head).summaries,
    next: found.rows.length > limit && last ? encodeCursor(sort, last.sortValues, last.id, total) : null,
    total,
    stream_seq: found.head,
  };
}
