import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Executor, rows } from '../../platform/db/database.ts';
import { taggings, tags } from './tables.ts';

export type TagRow = typeof tags.$inferSelect;

export async function insertTag(db: Executor, values: { workspaceId: number; name: string; createdBy: number | null }): Promise<TagRow | undefined> {
  const [row] = await db.insert(tags).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findTag(db: Executor, workspaceId: number, id: number): Promise<TagRow | undefined> {
  const [row] = await db.select().from(tags).where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id)));
  return row;
}

/** Tag names are case-insensitive, as Intercom's are. */
export async function findTagByName(db: Executor, workspaceId: number, name: string): Promise<TagRow | undefined> {
  const [row] = await db
    .select()
    .from(tags)
    .where(and(eq(tags.workspaceId, workspaceId), sql`lower(${tags.name}) = lower(${name})`));
  return row;
}

export async function listTags(db: Executor, workspaceId: number): Promise<TagRow[]> {
  return db.select().from(tags).where(eq(tags.workspaceId, workspaceId)).orderBy(asc(tags.id));
}

export async function renameTag(db: Executor, workspaceId: number, id: number, name: string): Promise<TagRow | undefined> {
  const [row] = await db
    .update(tags)
    .set({ name })
    .where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id)))
    .returning();
  return row;
}

export async function deleteTag(db: Executor, workspaceId: number, id: number): Promise<void> {
  await db.delete(taggings).where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.tagId, id)));
  await db.delete(tags).where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id)));
}

/** Applies a tag; undefined when it was already applied. */
export async function insertTagging(
  db: Executor,
  values: { workspaceId: number; tagId: number; targetType: string; targetId: string; appliedBy: number | null },
) {
  const [row] = await db.insert(taggings).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findTagging(db: Executor, workspaceId: number, tagId: number, targetType: string, targetId: string) {
  const [row] = await db
    .select()
    .from(taggings)
    .where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.tagId, tagId), eq(taggings.targetType, targetType), eq(taggings.targetId, targetId)));
  return row;
}

export async function deleteTagging(db: Executor, workspaceId: number, tagId: number, targetType: string, targetId: string): Promise<boolean> {
  const deleted = await db
    .delete(taggings)
    .where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.tagId, tagId), eq(taggings.targetType, targetType), eq(taggings.targetId, targetId)))
    .returning();
  return deleted.length > 0;
}

export async function deleteTaggingsOf(db: Executor, workspaceId: number, targetType: string, targetId: string): Promise<void> {
  await db.delete(taggings).where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.targetType, targetType), eq(taggings.targetId, targetId)));
}

export async function taggingsOf(db: Executor, workspaceId: number, targetType: string, targetIds: string[]) {
  if (targetIds.length === 0) return [];
  return db
    .select({ targetId: taggings.targetId, id: tags.id, name: tags.name, appliedAt: taggings.appliedAt, appliedBy: taggings.appliedBy })
    .from(taggings)
    .innerJoin(tags, and(eq(tags.workspaceId, taggings.workspaceId), eq(tags.id, taggings.tagId)))
    .where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.targetType, targetType), inArray(taggings.targetId, targetIds)))
    .orderBy(asc(taggings.appliedAt), asc(tags.id));
}

export async function targetIdsWithTag(db: Executor, workspaceId: number, targetType: string, tagId: number): Promise<string[]> {
  const found = await db
    .select({ targetId: taggings.targetId })
    .from(taggings)
    .where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.targetType, targetType), eq(taggings.tagId, tagId)));
  return found.map((row) => row.targetId);
}

/**
 * Segment queries that mention a `tag_id` filter. The segments table belongs to the segments module;
 * this one read is here so deleting a tag can refuse while a segment still filters on it.
 */
export async function segmentQueriesWithTagFilter(db: Executor, workspaceId: number): Promise<{ id: string; name: string; query: unknown }[]> {
  return rows(
    db,
    sql`select id, name, query from segments
        where workspace_id = ${workspaceId} and jsonb_path_exists(query, '$.** ? (@.field == "tag_id")')`,
  );
}

/** A condition true when the row whose id is `targetIdColumn` carries the tag (for search filters). */
export function taggedCondition(workspaceIdColumn: SQL, targetType: string, targetIdColumn: SQL, tagId: number): SQL {
  return sql`exists (select 1 from taggings tg where tg.workspace_id = ${workspaceIdColumn} and tg.target_type = ${targetType}
    and tg.target_id = ${targetIdColumn} and tg.tag_id = ${tagId})`;
}

/** How many contacts, companies and conversations carry each tag (one tag, or all of the workspace's). */
export async function tagUsage(db: Executor, workspaceId: number, tagId?: number): Promise<{ tagId: number; targetType: string; count: number }[]> {
  const found = await db
    .select({ tagId: taggings.tagId, targetType: taggings.targetType, count: sql<number>`count(*)::int` })
    .from(taggings)
    .where(and(eq(taggings.workspaceId, workspaceId), tagId === undefined ? undefined : eq(taggings.tagId, tagId)))
    .groupBy(taggings.tagId, taggings.targetType);
  return found.map((row) => ({ ...row, count: Number(row.count) }));
}
