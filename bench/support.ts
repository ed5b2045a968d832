import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, repoRoot } from '../apps/server/test/harness.ts';

export const benchAdmin = { email: 'bench@frontdesk.test', password: 'load test passphrase 2026' };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(2));
}

/** A fresh database on the bench's PostgreSQL server, dropped by `drop()`. */
export async function createBenchDatabase(serverUrl: string) {
  const name = `fd_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  return {
    url: Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A Frontdesk process on `databaseUrl` with a provisioned admin and API token, as `npm start` runs it. */
export async function startFrontdesk(databaseUrl: string, token: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-bench-'));
  // BENCH_PROFILE=<dir> writes a CPU profile of the server process there.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      ROLE: process.env.BENCH_ROLE ?? 'all',
      FRONTDESK_ADMIN_EMAIL: benchAdmin.email,
      FRONTDESK_ADMIN_PASSWORD: benchAdmin.password,
      FRONTDESK_API_TOKEN: token,
      API_RATE_LIMIT_PER_TOKEN: '100000000',
      API_RATE_LIMIT_PER_WORKSPACE: '100000000',
      ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(`${url}/healthz`).then((r) => r.ok, () => false)); i++) {
    if (child.exitCode !== null || i > 300) throw new Error('Frontdesk did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid as number, stop: () => child.kill('SIGTERM') };
}

/**
 * A database of that name on the bench's server, created when missing and kept after the run (for
 * benches whose seeding takes minutes); `recreate()` drops and creates it again, empty.
 */
export async function keptBenchDatabase(serverUrl: string, name: string) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`${name} is not a plain database name`);
  const admin = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const exists = ((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount ?? 0) > 0;
  await client.end();
  if (!exists) await admin([`create database ${name}`]);
  return {
    url: Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString(),
    recreate: () => admin([`drop database if exists ${name} with (force)`, `create database ${name}`]),
    drop: () => admin([`drop database if exists ${name} with (force)`]),
  };
}
