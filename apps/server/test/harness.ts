import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.ts';
import { type RunningServer, startServer } from '../src/server.ts';

/**
 * The real server on a fresh database: a copy of the migrated PGlite template, or — when
 * TEST_DATABASE_URL is set — a new database on that PostgreSQL server (and Redis when TEST_REDIS_URL is).
 */
export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-test-'));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  const serverUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  const shared: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' };
  if (redisUrl) Object.assign(shared, { REDIS_URL: redisUrl, REDIS_PREFIX: `fdtest-${randomBytes(6).toString('hex')}` });
  if (!serverUrl) {
    const template = process.env.FRONTDESK_TEST_TEMPLATE;
    if (!template) throw new Error('FRONTDESK_TEST_TEMPLATE is not set: run the tests through vitest (global setup)');
    fs.cpSync(path.join(template, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
    return { env: shared, drop: removeDir };
  }
  const name = `fd_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { ...shared, DATABASE_URL: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      await removeDir();
    },
  };
}

export interface TestServer {
  url: string;
  server: RunningServer;
  stop(): Promise<void>;
}

export async function startTestServer(options: { env?: Record<string, string> } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config = loadConfig({ ...database.env, HOST: '127.0.0.1', PORT: '0', ...options.env });
  const server = await startServer(config);
  return {
    url: server.url,
    server,
    async stop() {
      await server.close();
      await database.drop();
    },
  };
}
