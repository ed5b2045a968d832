import type { ApiToken } from '@frontdesk/api-types';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { hashToken, randomToken } from '../../platform/crypto/tokens.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { ConfigError } from '../../platform/config.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform, RequestMeta } from '../../platform/platform.ts';
import { findTeammates } from '../teammates/accounts.ts';
import { findSeat } from '../workspaces/service.ts';
import * as data from './data.ts';

const fullAccess = ['*'];
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export async function listApiTokens(platform: Platform, actor: Actor): Promise<ApiToken[]> {
  requirePermission(actor, 'manage_api_tokens');
  const db = platform.database.orm;
  const rows = await data.listActiveApiTokens(db, actor.workspaceId);
  const creators = new Map((await findTeammates(db, rows.flatMap((row) => (row.createdBy === null ? [] : [row.createdBy])))).map((t) => [t.id, t]));
  return rows.map((row) => {
    const creator = row.createdBy === null ? undefined : creators.get(row.createdBy);
    return {
      id: String(row.id),
      name: row.name,
      prefix: row.prefix,
      created_at: seconds(row.createdAt),
      last_used_at: row.lastUsedAt ? seconds(row.lastUsedAt) : null,
      created_by: creator ? { id: String(creator.id), name: creator.name } : null,
    };
  });
}

async function insertToken(tx: Tx, workspaceId: number, teammateId: number, createdBy: number | null, name: string, token: string, meta: RequestMeta | null) {
  const row = await data.insertApiToken(tx, {
    workspaceId,
    name,
    tokenHash: hashToken(token),
    prefix: token.slice(0, 10),
    scopes: fullAccess,
    teammateId,
    createdBy,
  });
  await appendEvent(tx, {
    workspaceId,
    aggregateType: 'api_token',
    aggregateId: String(row.id),
    type: 'api_token.created',
    payload: { actor_id: createdBy, ip: meta?.ip ?? null, name, prefix: row.prefix },
  });
  return row;
}

/** A new token acting as the teammate who creates it; its value is returned this once only. */
export async function createApiToken(platform: Platform, actor: Actor, name: string, meta: RequestMeta): Promise<ApiToken> {
  requirePermission(actor, 'manage_api_tokens');
  if (!name.trim()) throw invalid('Give the token a name so you can recognise it later', 'name');
  const token = randomToken('fd_at_');
  const row = await platform.database.transaction((tx) => insertToken(tx, actor.workspaceId, actor.teammateId, actor.teammateId, name.trim(), token, meta));
  const [creator] = await findTeammates(platform.database.orm, [actor.teammateId]);
  return {
    id: String(row.id),
    name: row.name,
    prefix: row.prefix,
    created_at: seconds(row.createdAt),
    last_used_at: null,
    created_by: creator ? { id: String(creator.id), name: creator.name } : null,
    token,
  };
}

/** Provisioning: make sure a token with exactly this value exists for the workspace. */
export async function ensureApiToken(tx: Tx, workspaceId: number, teammateId: number, token: string): Promise<void> {
  const existing = await data.findApiTokenByHash(tx, hashToken(token));
  if (existing && existing.workspaceId !== workspaceId) {
    throw new ConfigError('FRONTDESK_API_TOKEN', 'is already used by another workspace; choose a different value');
  }
  if (existing?.revokedAt) throw new ConfigError('FRONTDESK_API_TOKEN', 'was revoked; choose a new value');
  if (!existing) await insertToken(tx, workspaceId, teammateId, null, 'Provisioned token', token, null);
}

export async function revokeApiToken(platform: Platform, actor: Actor, id: number, meta: RequestMeta): Promise<void> {
  requirePermission(actor, 'manage_api_tokens');
  const revoked = await platform.database.transaction(async (tx) => {
    const row = await data.revokeApiToken(tx, actor.workspaceId, id);
    if (!row) throw notFound('API token');
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'api_token',
      aggregateId: String(id),
      type: 'api_token.revoked',
      payload: { actor_id: actor.teammateId, ip: meta.ip, name: row.name, prefix: row.prefix },
    });
    return row;
  });
  // Every node's token cache forgets the token now, not when its entry expires.
  await platform.pubsub.publish(revokedChannel(platform), revoked.tokenHash);
}

export const revokedChannel = (platform: Platform) => `${platform.config.REDIS_PREFIX}:api-token-revoked`;

/** The actor behind a bearer token, or undefined when the token is unknown, revoked or its teammate left. */
export async function actorForApiToken(db: Executor, tokenHash: string): Promise<Actor | undefined> {
  const row = await data.findActiveApiTokenByHash(db, tokenHash);
  if (!row) return undefined;
  const seat = await findSeat(db, row.workspaceId, row.teammateId);
  if (!seat) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) await data.touchApiToken(db, row.workspaceId, row.id);
  return { workspaceId: row.workspaceId, teammateId: row.teammateId, role: seat.role, permissions: seat.permissions, via: 'token' };
}
