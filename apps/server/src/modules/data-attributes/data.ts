import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { dataAttributes } from './tables.ts';

export type DataAttributeRow = typeof dataAttributes.$inferSelect;
export type NewDataAttribute = typeof dataAttributes.$inferInsert;

/** Inserts the attribute, or returns undefined when the name is already taken for that model. */
export async function insertDataAttribute(db: Executor, values: NewDataAttribute): Promise<DataAttributeRow | undefined> {
  const [row] = await db.insert(dataAttributes).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findDataAttribute(db: Executor, workspaceId: number, id: number): Promise<DataAttributeRow | undefined> {
  const [row] = await db
    .select()
    .from(dataAttributes)
    .where(and(eq(dataAttributes.workspaceId, workspaceId), eq(dataAttributes.id, id)));
  return row;
}

export async function listDataAttributes(db: Executor, workspaceId: number, model?: string): Promise<DataAttributeRow[]> {
  const conditions = [eq(dataAttributes.workspaceId, workspaceId)];
  if (model) conditions.push(eq(dataAttributes.model, model));
  return db
    .select()
    .from(dataAttributes)
    .where(and(...conditions))
    .orderBy(asc(dataAttributes.id));
}

export async function updateDataAttribute(
  db: Executor,
  workspaceId: number,
  id: number,
  patch: Partial<Pick<DataAttributeRow, 'archived' | 'description' | 'options' | 'messengerWritable'>>,
): Promise<DataAttributeRow | undefined> {
  const [row] = await db
    .update(dataAttributes)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(dataAttributes.workspaceId, workspaceId), eq(dataAttributes.id, id)))
    .returning();
  return row;
}
