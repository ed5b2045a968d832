import type { MacroAction } from '@frontdesk/api-types';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { macros } from './tables.ts';

export type MacroRow = Omit<typeof macros.$inferSelect, 'actions'> & { actions: MacroAction[] };

export interface MacroValues {
  name: string;
  body: string | null;
  note: boolean;
  actions: MacroAction[];
}

const asMacro = (row: typeof macros.$inferSelect): MacroRow => ({ ...row, actions: (row.actions ?? []) as MacroAction[] });

export async function listMacros(db: Executor, workspaceId: number): Promise<MacroRow[]> {
  const rows = await db.select().from(macros).where(eq(macros.workspaceId, workspaceId)).orderBy(asc(sql`lower(${macros.name})`), asc(macros.id));
  return rows.map(asMacro);
}

export async function findMacro(db: Executor, workspaceId: number, id: number): Promise<MacroRow | undefined> {
  const [row] = await db
    .select()
    .from(macros)
    .where(and(eq(macros.workspaceId, workspaceId), eq(macros.id, id)));
  return row && asMacro(row);
}

export async function insertMacro(db: Executor, workspaceId: number, values: MacroValues, createdBy: number): Promise<MacroRow> {
  const [row] = await db
    .insert(macros)
    .values({ workspaceId, ...values, createdBy })
    .returning();
  return asMacro(row as typeof macros.$inferSelect);
}

export async function updateMacro(db: Executor, workspaceId: number, id: number, values: MacroValues): Promise<MacroRow | undefined> {
  const [row] = await db
    .update(macros)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(macros.workspaceId, workspaceId), eq(macros.id, id)))
    .returning();
  return row && asMacro(row);
}

export async function deleteMacro(db: Executor, workspaceId: number, id: number): Promise<boolean> {
  const deleted = await db
    .delete(macros)
    .where(and(eq(macros.workspaceId, workspaceId), eq(macros.id, id)))
    .returning({ id: macros.id });
  return deleted.length > 0;
}
