import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
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

/**
 * A Frontdesk process on `databaseUrl` with a provisioned admin and API token, as `npm start` runs it.
 * `inspect`: it listens for an inspector, for `collectGarbage()`.
 */
export async function startFrontdesk(databaseUrl: string, token: string, env: Record<string, string> = {}, options: { inspect?: boolean } = {}) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-bench-'));
  // BENCH_PROFILE=<dir>: the server listens for an inspector, and `profile()` writes CPU profiles of the measured phases there.
  const inspectPort = process.env.BENCH_PROFILE || options.inspect ? await freePort() : undefined;
  const inspect = inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [];
  const child = spawn(process.execPath, [...inspect, '--import', 'tsx', 'apps/server/src/main.ts'], {
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
  let inspector: Promise<Inspector> | undefined;
  const connected = () => {
    if (!inspectPort) throw new Error('Frontdesk was started without an inspector');
    inspector ??= inspectorOf(inspectPort);
    return inspector;
  };
  let profiler: Promise<Profiler> | undefined;
  return {
    url,
    pid: child.pid as number,
    profile: () => (profiler ??= process.env.BENCH_PROFILE ? connected().then(cpuProfiler) : Promise.resolve(noProfiler)),
    /** A full garbage collection in the server (started with `inspect`). */
    collectGarbage: async () => void (await (await connected()).call('HeapProfiler.collectGarbage')),
    /** Asks it to shut down and waits until it has (its last database work done), at most 30 s. */
    async stop() {
      (await inspector)?.close();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    },
  };
}

/** The server's inspector (Chrome DevTools protocol): `call(method)` answers its result. */
async function inspectorOf(port: number) {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target?.webSocketDebuggerUrl as string, { perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  const call = (method: string) =>
    new Promise<any>((resolve) => {
      const mine = ++id;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data));
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method }));
    });
  return { call, close: () => socket.close() };
}

type Inspector = Awaited<ReturnType<typeof inspectorOf>>;

const noProfiler = { start: async () => {}, stop: async (_name: string) => {} };

/**
 * A CPU profile of the server over one measured phase, through its inspector (BENCH_PROFILE=<dir>):
 * `start()`, then `stop(name)` writes `<dir>/<name>.cpuprofile`. Without BENCH_PROFILE both do nothing.
 */
async function cpuProfiler(inspector: Inspector): Promise<typeof noProfiler> {
  const dir = process.env.BENCH_PROFILE as string;
  await inspector.call('Profiler.enable');
  return {
    start: async () => void (await inspector.call('Profiler.start')),
    async stop(name: string) {
      const { profile } = await inspector.call('Profiler.stop');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

type Profiler = Awaited<ReturnType<typeof cpuProfiler>>;

const ticksPerSecond = 100;

/** CPU time (user + system) a process has used, in ms (from /proc; 10 ms resolution). */
export function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0; // the process has ended
  }
}

/**
 * CPU used by a Frontdesk process and by PostgreSQL's backends of its database between `start()` and
 * `perOperation()`: the work per operation, which (unlike latency) holds on a busy machine.
 */
export async function cpuMeter(serverPid: number, databaseUrl: string) {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const database = new URL(databaseUrl).pathname.slice(1);
  const backends = async () =>
    (await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()", [database])).rows.map((row) => row.pid);
  let before = { server: 0, client: process.cpuUsage(), postgres: new Map<number, number>() };
  return {
    async start() {
      before = { server: processCpuMs(serverPid), client: process.cpuUsage(), postgres: new Map((await backends()).map((pid) => [pid, processCpuMs(pid)])) };
    },
    /**
     * CPU ms per operation since start(): the Frontdesk process, PostgreSQL's backends of its database,
     * and this load generator (which takes its share of the same cores).
     */
    async perOperation(operations: number) {
      let postgres = 0;
      for (const pid of await backends()) postgres += processCpuMs(pid) - (before.postgres.get(pid) ?? 0);
      const server = processCpuMs(serverPid) - before.server;
      const used = process.cpuUsage(before.client);
      const per = (ms: number) => Number((ms / Math.max(1, operations)).toFixed(3));
      return { server_cpu_ms_per_op: per(server), postgres_cpu_ms_per_op: per(postgres), load_generator_cpu_ms_per_op: per((used.user + used.system) / 1000) };
    },
    close: () => admin.end(),
  };
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
