import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { actorOf } from '../http/auth.ts';
import { AppError, invalid } from '../http/errors.ts';
import { claimKey, releaseKey, saveResponse } from './idempotency-keys.ts';

/**
 * `Idempotency-Key` on REST API POSTs: the first response to a key is stored (per workspace) and
 * replayed to a retry of the same request, so a client that lost a response can safely send again.
 * The same key with a different request is refused (422); a retry while the first is still running
 * waits its turn (409). Server errors are not stored: the retry runs again.
 */
declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { workspaceId: number; key: string; settled: boolean };
  }
}

const replayedHeaders = ['content-type', 'location'];
const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted, so the same body sent with its fields in another order still matches. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n${canonicalJson(request.body)}`).digest('hex');
}

export function idempotencyHooks(database: Database) {
  const db = database.orm;
  return {
    /** After authentication and validation: look the key up, then run, replay or refuse. */
    async preHandler(request: FastifyRequest, reply: FastifyReply) {
      if (request.method !== 'POST') return;
      const key = request.headers['idempotency-key'];
      if (key === undefined) return;
      if (typeof key !== 'string' || !keyPattern.test(key)) {
        throw invalid('Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)', 'Idempotency-Key');
      }
      const { workspaceId } = actorOf(request);
      const claim = await claimKey(db, workspaceId, key, requestHash(request));
      if (claim.kind === 'claimed') {
        request.idempotency = { workspaceId, key, settled: false };
        return;
      }
      if (claim.kind === 'reused_with_other_request') {
        throw new AppError(
          422,
          'idempotency_key_reused',
          `Idempotency-Key "${key}" was already used for a different request (method, path or body); send a new key for a new request`,
          { field: 'Idempotency-Key' },
        );
      }
      if (claim.kind === 'in_flight') {
        throw new AppError(409, 'idempotency_key_in_use', `A request with Idempotency-Key "${key}" is still being processed; retry once it has finished`, {
          field: 'Idempotency-Key',
          headers: { 'Retry-After': '1' },
        });
      }
      reply.status(claim.response.status).headers(claim.response.headers).header('Idempotent-Replayed', 'true');
      return reply.send(claim.response.body);
    },

    /** Stores the response of the request that owns its key (or releases the key when it failed on our side). */
    async onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const owned = request.idempotency;
      if (!owned || owned.settled) return payload;
      owned.settled = true;
      const body = payload === null || payload === undefined ? '' : typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
      if (reply.statusCode >= 500 || body === undefined) {
        await releaseKey(db, owned.workspaceId, owned.key);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of replayedHeaders) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await saveResponse(db, owned.workspaceId, owned.key, { status: reply.statusCode, headers, body });
      return payload;
    },
  };
}
