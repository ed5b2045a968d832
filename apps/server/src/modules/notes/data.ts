import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { notes } from './tables.ts';

export type NoteRow = typeof notes.$inferSelect;

export async function insertNote(db: Executor, values: typeof notes.$inferInsert): Promise<NoteRow> {
  const [row] = await db.insert(notes).values(values).returning();
  return row as NoteRow;
}

export async function findNote(db: Executor, workspaceId: number, id: number): Promise<NoteRow | undefined> {
  const [row] = await db
    .select()
    .from(notes)
    .where(and(eq(notes.workspaceId, workspaceId), eq(notes.id, id)));
  return row;
}

/** A contact's notes, newest first. */
export async function listNotesOfContact(db: Executor, workspaceId: number, contactId: string, page: { limit: number; offset: number }): Promise<NoteRow[]> {
  return db
    .select()
    .from(notes)
    .where(and(eq(notes.workspaceId, workspaceId), eq(notes.contactId, contactId)))
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countNotesOfContact(db: Executor, workspaceId: number, contactId: string): Promise<number> {
  return db.$count(notes, and(eq(notes.workspaceId, workspaceId), eq(notes.contactId, contactId)));
}
