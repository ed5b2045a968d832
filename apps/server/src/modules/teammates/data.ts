import { and, count, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { loginFailures, recoveryCodes, sessions, teammates } from './tables.ts';

export type TeammateRow = typeof teammates.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function insertTeammate(db: Executor, values: { email: string; name: string; passwordHash: string }): Promise<TeammateRow> {
  const [row] = await db.insert(teammates).values(values).returning();
  return row as TeammateRow;
}

export async function findTeammate(db: Executor, id: number): Promise<TeammateRow | undefined> {
  const [row] = await db.select().from(teammates).where(eq(teammates.id, id));
  return row;
}

export async function findTeammateByEmail(db: Executor, email: string): Promise<TeammateRow | undefined> {
  const [row] = await db.select().from(teammates).where(eq(teammates.email, email));
  return row;
}

export async function findTeammates(db: Executor, ids: number[]): Promise<TeammateRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(teammates).where(inArray(teammates.id, ids));
}

export async function updateTeammate(db: Executor, id: number, values: Partial<Omit<TeammateRow, 'id' | 'createdAt'>>): Promise<void> {
  await db.update(teammates).set(values).where(eq(teammates.id, id));
}

export async function replaceRecoveryCodes(db: Executor, teammateId: number, codeHashes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.teammateId, teammateId));
  if (codeHashes.length) await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ teammateId, codeHash })));
}

/** Marks a recovery code used; false when it is unknown or already spent. */
export async function useRecoveryCode(db: Executor, teammateId: number, codeHash: string): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.teammateId, teammateId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

export async function insertSession(
  db: Executor,
  values: { tokenHash: string; teammateId: number; workspaceId: number | null; pendingTwoFactor: Date | null; ip: string; userAgent: string | null; expiresAt: Date },
): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(values).returning();
  return row as SessionRow;
}

export async function findLiveSession(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
  return row;
}

export async function updateSession(db: Executor, id: number, values: Partial<Pick<SessionRow, 'workspaceId' | 'pendingTwoFactor' | 'lastSeenAt' | 'expiresAt'>>): Promise<void> {
  await db.update(sessions).set(values).where(eq(sessions.id, id));
}

export async function deleteSession(db: Executor, id: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a teammate except `keepId`. */
export async function deleteOtherSessions(db: Executor, teammateId: number, keepId: number | null): Promise<void> {
  await db
    .delete(sessions)
    .where(keepId === null ? eq(sessions.teammateId, teammateId) : and(eq(sessions.teammateId, teammateId), ne(sessions.id, keepId)));
}

export async function recordLoginFailure(db: Executor, email: string, ip: string): Promise<void> {
  await db.insert(loginFailures).values({ email, ip });
}

export async function countRecentLoginFailures(db: Executor, since: Date, by: { email: string } | { ip: string }): Promise<{ count: number; oldest: Date | null }> {
  const where = 'email' in by ? eq(loginFailures.email, by.email) : eq(loginFailures.ip, by.ip);
  const [row] = await db
    .select({ count: count(), oldest: sql<string | null>`min(${loginFailures.at})` })
    .from(loginFailures)
    .where(and(where, gt(loginFailures.at, since)));
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function clearLoginFailures(db: Executor, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}

export async function deleteExpiredSessions(db: Executor): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

export async function deleteLoginFailuresBefore(db: Executor, before: Date): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.at, before));
}
