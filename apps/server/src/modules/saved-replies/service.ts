import type { Executor, Tx } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { conflict, invalid, notFound } from '../../platform/http/errors.ts';
import { toMessageHtml } from '../../platform/html/message-html.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';

export type { SavedReplyRow } from './data.ts';
export { type PlaceholderValues, renderPlaceholders } from './placeholders.ts';
export { type PlaceholderConversation, placeholderValuesFor } from './placeholder-values.ts';
export { renderSavedReply, renderForConversation } from './render-saved-reply.ts';

export interface SavedReplyInput {
  name?: string;
  shortcut?: string | null;
  body?: string;
}

export const shortcutPattern = /^[a-z0-9_-]{1,32}$/;

/** Ids are numbers in the database; anything else names no saved reply. */
export const numericId = (id: string): number | undefined => (/^[0-9]{1,15}$/.test(id) ? Number(id) : undefined);

/** A name of 1–100 characters, trimmed. */
export function cleanName(name: string, what: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid(`Give the ${what} a name`, 'name');
  if (trimmed.length > 100) throw invalid(`A ${what} name is at most 100 characters`, 'name');
  return trimmed;
}

/** A body as stored: sanitized HTML (plain text becomes paragraphs), with something in it. */
export function cleanBody(body: string, field = 'body'): string {
  const html = toMessageHtml(body);
  if (!html.replace(/<[^>]*>/g, '').trim() && !/<img\s/i.test(html)) throw invalid('Write the reply', field);
  return html;
}

function cleanShortcut(shortcut: string | null | undefined): string | null {
  const trimmed = shortcut?.trim() ?? '';
  if (trimmed === '') return null;
  if (!shortcutPattern.test(trimmed)) throw invalid('A shortcut is 1–32 lowercase letters, digits, "-" or "_"', 'shortcut');
  return trimmed;
}

export function listSavedReplies(db: Executor, workspaceId: number) {
  return data.listSavedReplies(db, workspaceId);
}

export async function findSavedReply(db: Executor, workspaceId: number, id: string): Promise<data.SavedReplyRow | undefined> {
  const savedReplyId = numericId(id);
  return savedReplyId === undefined ? undefined : data.findSavedReply(db, workspaceId, savedReplyId);
}

/** The unique index on (workspace, shortcut) refused a write that raced another one. */
function isUniqueViolation(error: unknown): boolean {
  for (let current = error as { code?: string; cause?: unknown } | undefined, i = 0; current && i < 5; current = current.cause as typeof current, i++) {
    if (current.code === '23505') return true;
  }
  return false;
}

const shortcutTaken = (shortcut: string) => conflict(`The shortcut "${shortcut}" is already used by another saved reply`, 'shortcut');

async function checkShortcutFree(db: Executor, workspaceId: number, shortcut: string | null, selfId?: number) {
  if (shortcut === null) return;
  const holder = await data.findSavedReplyByShortcut(db, workspaceId, shortcut);
  if (holder && holder.id !== selfId) throw shortcutTaken(shortcut);
}

async function write<T>(platform: Platform, shortcut: string | null, work: (tx: Tx) => Promise<T>) {
  try {
    return await platform.database.transaction(work);
  } catch (error) {
    if (shortcut !== null && isUniqueViolation(error)) throw shortcutTaken(shortcut);
    throw error;
  }
}

const eventPayload = (actor: Actor, row: data.SavedReplyRow) => ({ actor_id: actor.teammateId, saved_reply_id: String(row.id), name: row.name, shortcut: row.shortcut });

/** Any teammate who may reply may add replies for the whole workspace (as in Intercom). */
export async function createSavedReply(platform: Platform, actor: Actor, input: Required<Pick<SavedReplyInput, 'name' | 'body'>> & SavedReplyInput) {
  requirePermission(actor, 'reply');
  const values = { name: cleanName(input.name, 'saved reply'), shortcut: cleanShortcut(input.shortcut), body: cleanBody(input.body) };
  await checkShortcutFree(platform.database.orm, actor.workspaceId, values.shortcut);
  return write(platform, values.shortcut, async (tx) => {
    const row = await data.insertSavedReply(tx, actor.workspaceId, values, actor.teammateId);
    await appendEvent(tx, { workspaceId: actor.workspaceId, aggregateType: 'saved_reply', aggregateId: String(row.id), type: 'saved_reply.created', payload: eventPayload(actor, row) });
    return row;
  });
}

export async function updateSavedReply(platform: Platform, actor: Actor, id: string, input: SavedReplyInput) {
  requirePermission(actor, 'reply');
  const existing = await findSavedReply(platform.database.orm, actor.workspaceId, id);
  if (!existing) throw notFound('Saved reply');
  const values = {
    name: input.name === undefined ? existing.name : cleanName(input.name, 'saved reply'),
    shortcut: input.shortcut === undefined ? existing.shortcut : cleanShortcut(input.shortcut),
    body: input.body === undefined ? existing.body : cleanBody(input.body),
  };
  await checkShortcutFree(platform.database.orm, actor.workspaceId, values.shortcut, existing.id);
  return write(platform, values.shortcut, async (tx) => {
    const row = await data.updateSavedReply(tx, actor.workspaceId, existing.id, values);
    if (!row) throw notFound('Saved reply');
    await appendEvent(tx, { workspaceId: actor.workspaceId, aggregateType: 'saved_reply', aggregateId: String(row.id), type: 'saved_reply.updated', payload: eventPayload(actor, row) });
    return row;
  });
}

export async function deleteSavedReply(platform: Platform, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'reply');
  const existing = await findSavedReply(platform.database.orm, actor.workspaceId, id);
  if (!existing) throw notFound('Saved reply');
  await platform.database.transaction(async (tx) => {
    if (!(await data.deleteSavedReply(tx, actor.workspaceId, existing.id))) throw notFound('Saved reply');
    await appendEvent(tx, { workspaceId: actor.workspaceId, aggregateType: 'saved_reply', aggregateId: String(existing.id), type: 'saved_reply.deleted', payload: eventPayload(actor, existing) });
  });
}
