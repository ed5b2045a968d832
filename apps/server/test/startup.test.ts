import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { variables } from '../src/platform/config.ts';
import { openDatabase, rows } from '../src/platform/db/database.ts';
import { createTestDatabase, freePort, repoRoot, type TestDatabase } from './harness.ts';
import { browser, HttpClient } from './http-client.ts';

/**
 * The real process, started as `npm start` starts it: `node --import tsx apps/server/src/main.ts`,
 * configured only through its environment.
 */
const running = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Started {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  exited: Promise<Exit>;
}

/** The inherited environment without any Frontdesk setting, so only what a test gives applies. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !(name in variables)) env[name] = value;
  }
  return env;
}

function launch(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      // Let the pipes flush what the process wrote last.
      setTimeout(() => resolve({ code, signal }), 50);
    });
  });
  return { child, output: () => ({ stdout, stderr }), exited };
}

function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-startup-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh database (a PGlite copy in its own DATA_DIR, or a new PostgreSQL database), dropped after the file. */
async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  return database;
}

/** Starts a process that is expected to refuse to start; resolves with its exit and output. */
async function failToStart(env: Record<string, string>) {
  const started = launch({ DATA_DIR: freshDir(), PORT: String(await freePort()), LOG_LEVEL: 'warn', ...env });
  // "Within a few seconds": a process that hangs is killed and the test fails on its exit signal.
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 20_000);
  const exit = await started.exited;
  clearTimeout(timer);
  return { ...exit, ...started.output() };
}

function expectOneLineNaming(result: { code: number | null; signal: string | null; stdout: string; stderr: string }, variable: string, problem: RegExp) {
  expect(result.signal, 'the process stopped on its own').toBeNull();
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines, `stderr was: ${result.stderr}`).toHaveLength(1);
  expect(lines[0]).toContain(variable);
  expect(lines[0]).toMatch(problem);
  for (const stream of [result.stdout, result.stderr]) expect(stream).not.toMatch(/\n\s+at .+[(:]\d+/);
}

interface Server extends Started {
  url: string;
  stop(): Promise<Exit>;
}

/** Starts the process and waits until it prints that it is running. */
async function startProcess(env: Record<string, string>): Promise<Server> {
  const started = launch({ LOG_LEVEL: 'warn', ...env });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 45 s:\n${JSON.stringify(started.output())}`)), 45_000);
    const check = () => {
      const match = /Frontdesk is running at (\S+)/.exec(started.output().stdout);
      if (match?.[1] && started.output().stdout.endsWith('\n')) {
        clearTimeout(timer);
        started.child.stdout?.off('data', check);
        resolve(match[1]);
      }
    };
    started.child.stdout?.on('data', check);
    started.exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`exited before it was ready (${JSON.stringify(exit)}):\n${started.output().stderr}`));
    });
  });
  return {
    ...started,
    url,
    async stop() {
      if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
      const timer = setTimeout(() => started.child.kill('SIGKILL'), 20_000);
      const exit = await started.exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

function demoCredentials(stdout: string) {
  const login = /Demo login:\s+(\S+) \/ (\S+)/.exec(stdout);
  const token = /Demo API token:\s+(\S+)/.exec(stdout);
  if (!login?.[1] || !login[2] || !token?.[1]) throw new Error(`no demo credentials in:\n${stdout}`);
  return { email: login[1], password: login[2], apiToken: token[1] };
}

async function countWorkspaces(env: Record<string, string>): Promise<number> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? '' });
  try {
    const [row] = await rows<{ count: string | number }>(database.orm, sql`select count(*) as count from workspaces`);
    return Number(row?.count);
  } finally {
    await database.close();
  }
}

describe('bad configuration stops start-up with one line naming the variable', () => {
  it('refuses values that do not parse', async () => {
    const results = await Promise.all([
      failToStart({ DATABASE_URL: 'not-a-url' }),
      failToStart({ DATABASE_URL: 'mysql://x' }),
      failToStart({ PORT: 'eighty' }),
      failToStart({ PORT: '70000' }),
      failToStart({ MASTER_KEY: Buffer.alloc(16, 7).toString('base64') }),
    ]);
    const [notUrl, mysql, portWord, portRange, masterKey] = results;
    expectOneLineNaming(notUrl!, 'DATABASE_URL', /not a valid URL/);
    expectOneLineNaming(mysql!, 'DATABASE_URL', /postgres/);
    expectOneLineNaming(portWord!, 'PORT', /eighty.*not a port/);
    expectOneLineNaming(portRange!, 'PORT', /70000.*not a port/);
    expectOneLineNaming(masterKey!, 'MASTER_KEY', /32 bytes/);
  }, 60_000);

  it('refuses an unreachable database without echoing its password', async () => {
    const result = await failToStart({ DATABASE_URL: 'postgres://postgres:s3cr3t-pw@127.0.0.1:1/x' });
    expectOneLineNaming(result, 'DATABASE_URL', /127\.0\.0\.1:1.*connection refused/);
    expect(result.stderr + result.stdout).not.toContain('s3cr3t-pw');
  }, 60_000);

  it('refuses a DATA_DIR that cannot be created', async () => {
    const parent = freshDir();
    fs.writeFileSync(path.join(parent, 'file'), 'not a directory');
    const dataDir = path.join(parent, 'file', 'data');
    const result = await failToStart({ DATA_DIR: dataDir });
    expectOneLineNaming(result, 'DATA_DIR', /not a writable directory/);
    expect(result.stderr).toContain(dataDir);
  }, 60_000);

  it('refuses a damaged master.key in DATA_DIR', async () => {
    const dataDir = freshDir();
    fs.writeFileSync(path.join(dataDir, 'master.key'), '\n');
    const result = await failToStart({ DATA_DIR: dataDir });
    expectOneLineNaming(result, 'master.key', /32-byte/);
  }, 60_000);

  it('refuses a PORT that is already in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const database = await freshDatabase();
      const result = await failToStart({ ...database.env, LOG_LEVEL: 'warn', PORT: String(port) });
      expectOneLineNaming(result, 'PORT', new RegExp(`${port}.*in use`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 60_000);

  it('refuses a weak FRONTDESK_ADMIN_PASSWORD', async () => {
    const database = await freshDatabase();
    const result = await failToStart({
      ...database.env,
      LOG_LEVEL: 'warn',
      FRONTDESK_ADMIN_EMAIL: 'ops@example.test',
      FRONTDESK_ADMIN_PASSWORD: 'password123',
    });
    expectOneLineNaming(result, 'FRONTDESK_ADMIN_PASSWORD', /common/);
  }, 60_000);
});

describe('first start without provisioning: a demo workspace', () => {
  it('prints a working demo login and token, serves health, metrics and docs, stops on SIGTERM, and keeps the demo on restart', async () => {
    const database = await freshDatabase();
    const port = await freePort();
    const env = { ...database.env, LOG_LEVEL: 'warn', PORT: String(port) };

    const first = await startProcess(env);
    let firstExit: Exit;
    let idCode: string;
    let demo: ReturnType<typeof demoCredentials>;
    try {
      expect(first.url).toBe(`http://127.0.0.1:${port}`);
      const { stdout } = first.output();
      expect(stdout).toContain('generated a master key');
      demo = demoCredentials(stdout);
      expect(demo.email).toMatch(/@/);
      expect(demo.apiToken).toMatch(/^fd_at_/);

      const api = new HttpClient(first.url, demo.apiToken);
      const me = await api.get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        type: 'admin',
        id: expect.any(String),
        email: demo.email,
        name: expect.any(String),
        away_mode_enabled: false,
        has_inbox_seat: true,
        team_ids: [],
        app: { type: 'app', id_code: expect.any(String), name: expect.any(String), created_at: expect.any(Number) },
      });
      idCode = me.body.app.id_code;
      expect((await new HttpClient(first.url, `${demo.apiToken}x`).get('/api/me')).status).toBe(401);

      const client = await browser(first.url);
      expect((await client.post('/app-api/login', { email: demo.email, password: `${demo.password}-wrong` })).status).toBe(401);
      const login = await client.post('/app-api/login', { email: demo.email, password: demo.password });
      expect(login.status).toBe(200);
      expect(login.body.teammate.email).toBe(demo.email);
      expect(login.body.workspace.id_code).toBe(idCode);

      const health = await fetch(`${first.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });

      const metrics = await fetch(`${first.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await metrics.text();
      expect(text).toMatch(/^# TYPE http_requests_total counter$/m);
      expect(text).toMatch(/^http_requests_total\{[^}]*route="\/healthz"[^}]*status="200"[^}]*\} [1-9]/m);
      expect(text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
      expect(text).toMatch(/^http_request_duration_seconds_bucket\{/m);
      expect(text).toMatch(/^outbox_lag_events \d+/m);
      expect(text).toMatch(/^db_pool_connections\{state="total"\} [1-9]/m);

      const openapi = await fetch(`${first.url}/api/openapi.json`);
      expect(openapi.status).toBe(200);
      const document = (await openapi.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(document.openapi).toMatch(/^3\./);
      expect(document.paths['/me']?.get).toBeDefined();

      const docs = await fetch(`${first.url}/api/docs/`, { redirect: 'follow' });
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-type')).toMatch(/text\/html/);
      const html = await docs.text();
      expect(html).toMatch(/<html/i);
      expect(html).toMatch(/swagger/i);
    } finally {
      firstExit = await first.stop();
    }
    expect(firstExit).toEqual({ code: 0, signal: null });

    let exit: Exit;
    const second = await startProcess(env);
    try {
      const { stdout } = second.output();
      expect(stdout).not.toContain('generated a master key');
      expect(demoCredentials(stdout)).toEqual(demo);
      const me = await new HttpClient(second.url, demo.apiToken).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.app.id_code).toBe(idCode);
    } finally {
      exit = await second.stop();
    }
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await countWorkspaces(env)).toBe(1);
  }, 120_000);
});

describe('unattended provisioning', () => {
  it('ensures the workspace and token, idempotently, and a different admin gets a second workspace', async () => {
    const database = await freshDatabase();
    const suffix = randomBytes(4).toString('hex');
    const admin = {
      FRONTDESK_ADMIN_EMAIL: `ops-${suffix}@example.test`,
      FRONTDESK_ADMIN_PASSWORD: 'correct horse battery staple',
      FRONTDESK_WORKSPACE_NAME: 'Acme Support Desk',
      FRONTDESK_API_TOKEN: `fd_at_provisioned_${randomBytes(16).toString('hex')}`,
    };
    const env = { ...database.env, LOG_LEVEL: 'warn', ...admin };

    let exit: Exit;
    const first = await startProcess({ ...env, PORT: String(await freePort()) });
    let idCode: string;
    try {
      expect(first.output().stdout).not.toContain('Demo login');
      const me = await new HttpClient(first.url, admin.FRONTDESK_API_TOKEN).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ type: 'admin', email: admin.FRONTDESK_ADMIN_EMAIL, app: { type: 'app', name: 'Acme Support Desk' } });
      idCode = me.body.app.id_code;
      const client = await browser(first.url);
      const login = await client.post('/app-api/login', { email: admin.FRONTDESK_ADMIN_EMAIL, password: admin.FRONTDESK_ADMIN_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.workspace).toMatchObject({ id_code: idCode, role: 'owner' });
    } finally {
      exit = await first.stop();
    }
    expect(exit).toEqual({ code: 0, signal: null });

    const again = await startProcess({ ...env, PORT: String(await freePort()) });
    try {
      const me = await new HttpClient(again.url, admin.FRONTDESK_API_TOKEN).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.app).toMatchObject({ id_code: idCode, name: 'Acme Support Desk' });
    } finally {
      exit = await again.stop();
    }
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await countWorkspaces(env)).toBe(1);

    const other = {
      FRONTDESK_ADMIN_EMAIL: `second-${suffix}@example.test`,
      FRONTDESK_WORKSPACE_NAME: 'Second Desk',
      FRONTDESK_API_TOKEN: `fd_at_provisioned_${randomBytes(16).toString('hex')}`,
    };
    const third = await startProcess({ ...env, ...other, PORT: String(await freePort()) });
    try {
      const me = await new HttpClient(third.url, other.FRONTDESK_API_TOKEN).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email: other.FRONTDESK_ADMIN_EMAIL, app: { name: 'Second Desk' } });
      expect(me.body.app.id_code).not.toBe(idCode);
      const firstToken = await new HttpClient(third.url, admin.FRONTDESK_API_TOKEN).get('/api/me');
      expect(firstToken.status).toBe(200);
      expect(firstToken.body).toMatchObject({ email: admin.FRONTDESK_ADMIN_EMAIL, app: { id_code: idCode, name: 'Acme Support Desk' } });
    } finally {
      exit = await third.stop();
    }
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await countWorkspaces(env)).toBe(2);
  }, 120_000);
});
