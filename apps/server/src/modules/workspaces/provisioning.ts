import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { ConfigError } from '../../platform/config.ts';
import { randomToken } from '../../platform/crypto/tokens.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { ensureApiToken } from '../api-tokens/service.ts';
import { createAccount, findTeammateByEmail } from '../teammates/accounts.ts';
import { countWorkspaces, createWorkspace, findOwnedWorkspace } from './service.ts';

export interface DemoCredentials {
  email: string;
  password: string;
  apiToken: string;
}

/**
 * Unattended provisioning (FRONTDESK_ADMIN_EMAIL/PASSWORD, FRONTDESK_WORKSPACE_NAME, FRONTDESK_API_TOKEN):
 * make sure the admin owns a workspace and the token exists. Idempotent: safe on every start.
 */
async function provisionAdmin(platform: Platform): Promise<void> {
  const { FRONTDESK_ADMIN_EMAIL: email, FRONTDESK_ADMIN_PASSWORD: password, FRONTDESK_WORKSPACE_NAME: workspaceName, FRONTDESK_API_TOKEN: token } =
    platform.config;
  if (!email || !password) return;
  await platform.database.transaction(async (tx) => {
    await lockProvisioning(tx);
    let teammate = await findTeammateByEmail(tx, email);
    if (!teammate) {
      try {
        teammate = await createAccount(tx, { email, name: email.split('@')[0] ?? email, password });
      } catch (error) {
        if (error instanceof AppError) throw new ConfigError(error.options.field === 'password' ? 'FRONTDESK_ADMIN_PASSWORD' : 'FRONTDESK_ADMIN_EMAIL', error.message);
        throw error;
      }
    }
    const owned = await findOwnedWorkspace(tx, teammate.id);
    const workspaceId = owned?.id ?? (await createWorkspace(tx, { name: workspaceName, ownerId: teammate.id }, null)).id;
    if (token) await ensureApiToken(tx, workspaceId, teammate.id, token);
  });
}

/** The first start without provisioning variables creates a demo workspace; its credentials live in DATA_DIR. */
async function provisionDemo(platform: Platform): Promise<DemoCredentials | undefined> {
  const file = path.join(platform.config.dataDir, 'demo-credentials.json');
  const db = platform.database.orm;
  if (fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoCredentials;
    return (await findTeammateByEmail(db, saved.email)) ? saved : undefined;
  }
  const demo: DemoCredentials = {
    email: 'demo@frontdesk.local',
    password: randomBytes(12).toString('base64url'),
    apiToken: randomToken('fd_at_'),
  };
  const created = await platform.database.transaction(async (tx) => {
    await lockProvisioning(tx);
    if ((await countWorkspaces(tx)) > 0) return false;
    const teammate = await createAccount(tx, { email: demo.email, name: 'Demo Teammate', password: demo.password });
    const workspace = await createWorkspace(tx, { name: 'Demo workspace', ownerId: teammate.id }, null);
    await ensureApiToken(tx, workspace.id, teammate.id, demo.apiToken);
    return true;
  });
  if (!created) return undefined;
  fs.writeFileSync(file, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}

/** Nodes starting together provision one at a time. */
async function lockProvisioning(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727274002)`);
}

export async function provision(platform: Platform): Promise<DemoCredentials | undefined> {
  if (platform.config.FRONTDESK_ADMIN_EMAIL) {
    await provisionAdmin(platform);
    return undefined;
  }
  return provisionDemo(platform);
}
