import { type SQL, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';
import type { AppliedTag, TagLike } from './intercom-tag.ts';

/** What a tag can be applied to; each target type keeps its own ids. */
export type TagTarget = 'contact' | 'company' | 'conversation';

/** Tag ids are numbers in the database and strings on the wire; anything else is simply not found. */
export function parseTagId(id: string | number): number | undefined {
  const text = String(id);
  return /^[0-9]{1,15}$/.test(text) ? Number(text) : undefined;
}

const asTag = (row: data.TagRow): TagLike => ({ id: String(row.id), name: row.name });

export async function findTag(db: Executor, workspaceId: number, id: string | number): Promise<TagLike | undefined> {
  const tagId = parseTagId(id);
  if (tagId === undefined) return undefined;
  const row = await data.findTag(db, workspaceId, tagId);
  return row ? asTag(row) : undefined;
}

export async function listTags(db: Executor, workspaceId: number): Promise<TagLike[]> {
  return (await data.listTags(db, workspaceId)).map(asTag);
}

/** Tags applied to each target, oldest application first. */
export async function tagsOf(db: Executor, workspaceId: number, targetType: TagTarget, targetIds: string[]): Promise<Map<string, AppliedTag[]>> {
  const result = new Map<string, AppliedTag[]>();
  for (const row of await data.taggingsOf(db, workspaceId, targetType, targetIds)) {
    const list = result.get(row.targetId) ?? [];
    list.push({ id: String(row.id), name: row.name, appliedAt: row.appliedAt, appliedBy: row.appliedBy });
    result.set(row.targetId, list);
  }
  return result;
}

export async function targetIdsWithTag(db: Executor, workspaceId: number, targetType: TagTarget, tagId: string): Promise<string[]> {
  const id = parseTagId(tagId);
  return id === undefined ? [] : data.targetIdsWithTag(db, workspaceId, targetType, id);
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('A tag needs a name', 'name');
  if (trimmed.length > 190) throw invalid('A tag name is at most 190 characters', 'name');
  return trimmed;
}

/** The tag with this name, created when there is none yet (names are case-insensitive). */
export async function findOrCreateTag(tx: Tx, workspaceId: number, name: string, actorId: number | null): Promise<TagLike> {
  const clean = checkName(name);
  const existing = await data.findTagByName(tx, workspaceId, clean);
  if (existing) return asTag(existing);
  const row = (await data.insertTag(tx, { workspaceId, name: clean, createdBy: actorId })) ?? (await data.findTagByName(tx, workspaceId, clean));
  if (!row) throw new Error('tag vanished while being created');
  await appendEvent(tx, { workspaceId, aggregateType: 'tag', aggregateId: String(row.id), type: 'tag.created', payload: { actor_id: actorId, tag_id: String(row.id), name: row.name } });
  return asTag(row);
}

export async function createTag(platform: Platform, workspaceId: number, name: string, actorId: number | null): Promise<TagLike> {
  return platform.database.transaction((tx) => findOrCreateTag(tx, workspaceId, name, actorId));
}

export async function renameTag(platform: Platform, workspaceId: number, id: string, name: string, actorId: number | null): Promise<TagLike> {
  const clean = checkName(name);
  return platform.database.transaction(async (tx) => {
    const tagId = parseTagId(id);
    const tag = tagId === undefined ? undefined : await data.findTag(tx, workspaceId, tagId);
    if (!tag) throw notFound('Tag');
    const clash = await data.findTagByName(tx, workspaceId, clean);
    if (clash && clash.id !== tag.id) throw conflict(`A tag named "${clash.name}" already exists with id=${clash.id}`, 'name');
    const row = await data.renameTag(tx, workspaceId, tag.id, clean);
    if (!row) throw notFound('Tag');
    await appendEvent(tx, { workspaceId, aggregateType: 'tag', aggregateId: String(row.id), type: 'tag.updated', payload: { actor_id: actorId, tag_id: String(row.id), name: row.name } });
    return asTag(row);
  });
}

function mentionsTag(node: unknown, tagId: string): boolean {
  if (Array.isArray(node)) return node.some((child) => mentionsTag(child, tagId));
  if (typeof node !== 'object' || node === null) return false;
  const { field, value } = node as { field?: unknown; value?: unknown };
  if (field === 'tag_id') return (Array.isArray(value) ? value : [value]).some((item) => String(item) === tagId);
  return mentionsTag(value, tagId);
}

/** Deletes a tag and every application of it; refused while a segment filters on it. */
export async function deleteTag(platform: Platform, workspaceId: number, id: string, actorId: number | null): Promise<void> {
  await platform.database.transaction(async (tx) => {
    const tagId = parseTagId(id);
    const tag = tagId === undefined ? undefined : await data.findTag(tx, workspaceId, tagId);
    if (!tag) throw notFound('Tag');
    const segments = (await data.segmentQueriesWithTagFilter(tx, workspaceId)).filter((segment) => mentionsTag(segment.query, String(tag.id)));
    if (segments.length > 0) {
      const names = segments.map((segment) => `"${segment.name}"`).join(', ');
      throw new AppError(400, 'tag_has_dependent_objects', `The tag is used by segment ${names}; change the segment first`);
    }
    await data.deleteTag(tx, workspaceId, tag.id);
    await appendEvent(tx, { workspaceId, aggregateType: 'tag', aggregateId: String(tag.id), type: 'tag.deleted', payload: { actor_id: actorId, tag_id: String(tag.id), name: tag.name } });
  });
}

/** The `<target>.tag.created` / `.deleted` events of the webhook topics (companies have none). */
const eventTargets: Partial<Record<TagTarget, true>> = { contact: true, conversation: true };

/**
 * Applies a tag to a contact, company or conversation (the caller has checked the target exists in
 * the workspace). Appends `contact.tag.created` / `conversation.tag.created` when the tag is newly
 * applied, so callers must not append another. Applying twice is not an error: the first
 * application is kept and returned.
 */
export async function applyTag(
  tx: Tx,
  workspaceId: number,
  input: { tagId: string; targetType: TagTarget; targetId: string; actorId: number | null },
): Promise<AppliedTag> {
  const tagId = parseTagId(input.tagId);
  const tag = tagId === undefined ? undefined : await data.findTag(tx, workspaceId, tagId);
  if (!tag) throw notFound('Tag');
  const inserted = await data.insertTagging(tx, { workspaceId, tagId: tag.id, targetType: input.targetType, targetId: input.targetId, appliedBy: input.actorId });
  const tagging = inserted ?? (await data.findTagging(tx, workspaceId, tag.id, input.targetType, input.targetId));
  if (!tagging) throw new Error('tagging vanished while being applied');
  if (inserted && eventTargets[input.targetType]) {
    await appendEvent(tx, {
      workspaceId,
      aggregateType: input.targetType,
      aggregateId: input.targetId,
      type: `${input.targetType}.tag.created`,
      payload: { actor_id: input.actorId, [`${input.targetType}_id`]: input.targetId, tag_id: String(tag.id) },
    });
  }
  return { id: String(tag.id), name: tag.name, appliedAt: tagging.appliedAt, appliedBy: tagging.appliedBy };
}

/**
 * Removes a tag from a target and appends `<target>.tag.deleted` when it was applied (so callers
 * must not append another). 404 when the tag does not exist; removing a tag that was not applied
 * returns the tag unchanged.
 */
export async function removeTag(
  tx: Tx,
  workspaceId: number,
  input: { tagId: string; targetType: TagTarget; targetId: string; actorId: number | null },
): Promise<TagLike> {
  const tagId = parseTagId(input.tagId);
  const tag = tagId === undefined ? undefined : await data.findTag(tx, workspaceId, tagId);
  if (!tag) throw notFound('Tag');
  const removed = await data.deleteTagging(tx, workspaceId, tag.id, input.targetType, input.targetId);
  if (removed && eventTargets[input.targetType]) {
    await appendEvent(tx, {
      workspaceId,
      aggregateType: input.targetType,
      aggregateId: input.targetId,
      type: `${input.targetType}.tag.deleted`,
      payload: { actor_id: input.actorId, [`${input.targetType}_id`]: input.targetId, tag_id: String(tag.id) },
    });
  }
  return asTag(tag);
}

/** Forgets every tag of a target that is being deleted (no events: the deletion event covers it). */
export async function removeAllTags(tx: Tx, workspaceId: number, targetType: TagTarget, targetId: string): Promise<void> {
  await data.deleteTaggingsOf(tx, workspaceId, targetType, targetId);
}

/**
 * A search condition: the row carries the tag. An id that is not a tag's matches nothing rather than
 * failing, as a filter on a deleted tag finds no one.
 */
export function taggedCondition(workspaceIdColumn: SQL, targetType: TagTarget, targetIdColumn: SQL, tagId: string): SQL {
  const id = parseTagId(tagId);
  return id === undefined ? sql`false` : data.taggedCondition(workspaceIdColumn, targetType, targetIdColumn, id);
}
