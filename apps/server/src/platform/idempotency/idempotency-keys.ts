import { and, eq, lt, sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/database.ts';
import { idempotencyKeys } from './tables.ts';

/** How long a key is remembered, and after how long a request still marked in flight counts as abandoned. */
export const keyLifetimeHours = 24;
const abandonedAfterSeconds = 60;

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'reused_with_other_request' }
  | { kind: 'in_flight' };

interface KeyRow {
  request_hash: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
}

/**
 * Claims `key` for a request with this hash: the first caller (or the first after the key expired or
 * its request was abandoned) owns it; later callers learn whether to replay, refuse or wait.
 */
export async function claimKey(db: Executor, workspaceId: number, key: string, requestHash: string): Promise<Claim> {
  for (let tries = 0; tries < 3; tries++) {
    const claimed = await rows<{ key: string }>(
      db,
      sql`insert into idempotency_keys (workspace_id, key, request_hash) values (${workspaceId}, ${key}, ${requestHash})
          on conflict (workspace_id, key) do update
            set request_hash = excluded.request_hash, status = null, headers = null, body = null, created_at = now()
            where idempotency_keys.created_at < now() - ${keyLifetimeHours} * interval '1 hour'
               or (idempotency_keys.status is null and idempotency_keys.created_at < now() - ${abandonedAfterSeconds} * interval '1 second')
          returning key`,
    );
    if (claimed.length) return { kind: 'claimed' };
    const [existing] = await rows<KeyRow>(
      db,
      sql`select request_hash, status, headers, body from idempotency_keys where workspace_id = ${workspaceId} and key = ${key}`,
    );
    // Released between the two statements (its request failed): try to claim it again.
    if (!existing) continue;
    if (existing.request_hash !== requestHash) return { kind: 'reused_with_other_request' };
    if (existing.status === null) return { kind: 'in_flight' };
    return { kind: 'replay', response: { status: existing.status, headers: existing.headers ?? {}, body: existing.body ?? '' } };
  }
  return { kind: 'in_flight' };
}

export async function saveResponse(db: Executor, workspaceId: number, key: string, response: StoredResponse): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ status: response.status, headers: response.headers, body: response.body })
    .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key)));
}

/** Forgets a claimed key whose request failed on our side, so the client's retry runs again. */
export async function releaseKey(db: Executor, workspaceId: number, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key)));
}

/** Deletes expired keys (the hourly maintenance job). */
export async function pruneIdempotencyKeys(db: Executor): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - ${keyLifetimeHours} * interval '1 hour'`));
}
