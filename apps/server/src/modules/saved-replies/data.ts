import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { savedReplies } from './tables.ts';

export type SavedReplyRow = typeof savedReplies.$inferSelect;

export interface SavedReplyValues {
  name: string;
  shortcut: string | null;
  body: string;
}

export async function listSavedReplies(db: Executor, workspaceId: number): Promise<SavedReplyRow[]> {
  return db.select().from(savedReplies).where(eq(savedReplies.workspaceId, workspaceId)).orderBy(asc(sql`lower(${savedReplies.name})`), asc(savedReplies.id));
}

export async function findSavedReply(db: Executor, workspaceId: number, id: number): Promise<SavedReplyRow | undefined> {
  const [row] = await db
    .select()
    .from(savedReplies)
    .where(and(eq(savedReplies.workspaceId, workspaceId), eq(savedReplies.id, id)));
  return row;
}

export async function findSavedReplyByShortcut(db: Executor, workspaceId: number, shortcut: string): Promise<SavedReplyRow | undefined> {
  const [row] = await db
    .select()
    .from(savedReplies)
    .where(and(eq(savedReplies.workspaceId, workspaceId), eq(savedReplies.shortcut, shortcut)));
  return row;
}

export async function insertSavedReply(db: Executor, workspaceId: number, values: SavedReplyValues, createdBy: number): Promise<SavedReplyRow> {
  const [row] = await db
    .insert(savedReplies)
    .values({ workspaceId, ...values, createdBy })
    .returning();
  return row as SavedReplyRow;
}

export async function updateSavedReply(db: Executor, workspaceId: number, id: number, values: SavedReplyValues): Promise<SavedReplyRow | undefined> {
  const [row] = await db
    .update(savedReplies)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(savedReplies.workspaceId, workspaceId), eq(savedReplies.id, id)))
    .returning();
  return row;
}

export async function deleteSavedReply(db: Executor, workspaceId: number, id: number): Promise<boolean> {
  const deleted = await db
    .delete(savedReplies)
    .where(and(eq(savedReplies.workspaceId, workspaceId), eq(savedReplies.id, id)))
    .returning({ id: savedReplies.id });
  return deleted.length > 0;
}
