/**
 * npm run bench:realtime — visitor → teammate delivery through Frontdesk's realtime layer, next to a
 * bare `ws` relay measured in the same run, then idle sockets and memory per socket.
 *
 * N visitors boot the Messenger (HTTP), each starts a conversation and keeps a socket following it;
 * T teammate sockets follow the workspace's inbox stream. Visitors then send R messages a second in
 * total (open loop, HTTP); the latency of a message is from the start of its request until a
 * teammate socket receives it, for every teammate socket (loss = deliveries that never came).
 * Prints one JSON object per line; the last is the summary.
 *
 * BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test), BENCH_CONVERSATIONS (N, 10000),
 * BENCH_TEAMMATES (T, 5), BENCH_RATE (R, a list: 100,250,500), BENCH_SECONDS (10), BENCH_IDLE (idle sockets, 15000),
 * BENCH_REDIS_URL (run Frontdesk in scaled mode).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import WebSocket from 'ws';
import { repoRoot } from '../apps/server/test/harness.ts';
import { benchAdmin, cpuMeter, createBenchDatabase, percentile, startFrontdesk } from './support.ts';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const conversations = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const teammateCount = Number(process.env.BENCH_TEAMMATES ?? 5);
const rates = (process.env.BENCH_RATE ?? '100,250,500').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const idleCount = Number(process.env.BENCH_IDLE ?? 15_000);
const token = `fd_at_bench${randomBytes(16).toString('hex')}`;

const print = (line: object) => console.log(JSON.stringify({ bench: 'realtime', ...line }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

function request(baseUrl: string, method: string, pathname: string, body: unknown, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; json: any; cookies: string[] }>((resolve, reject) => {
    const outgoing = http.request(
      { agent, hostname, port, method, path: pathname, headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const isJson = response.headers['content-type']?.includes('json');
          resolve({ status: response.statusCode ?? 0, json: isJson && text ? JSON.parse(text) : text, cookies: response.headers['set-cookie'] ?? [] });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
async function pool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

interface Visitor {
  token: string;
  conversationId: string;
  seq: number;
}

async function setUpVisitors(baseUrl: string, appId: string): Promise<Visitor[]> {
  const started = performance.now();
  const visitors = await pool(Array.from({ length: conversations }, (_, i) => i), 32, async (i) => {
    const boot = await request(baseUrl, 'POST', '/messenger-api/boot', { app_id: appId, user: { user_id: `bench-${i}`, name: `Visitor ${i}` } });
    if (boot.status !== 200) throw new Error(`boot: ${boot.status} ${JSON.stringify(boot.json)}`);
    const auth = { authorization: `Bearer ${boot.json.token}` };
    const created = await request(baseUrl, 'POST', '/messenger-api/conversations', { body: `Hello from visitor ${i}` }, auth);
    if (created.status !== 201) throw new Error(`conversation: ${created.status} ${JSON.stringify(created.json)}`);
    return { token: boot.json.token as string, conversationId: created.json.conversation.id as string, seq: created.json.conversation.seq as number };
  });
  print({ phase: 'setup', conversations, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) });
  return visitors;
}

async function teammateCookie(baseUrl: string): Promise<string> {
  const session = await request(baseUrl, 'GET', '/app-api/session', undefined);
  const csrf = session.cookies.map((c) => c.split(';')[0] as string).find((c) => c.startsWith('fd_csrf=')) ?? '';
  const login = await request(baseUrl, 'POST', '/app-api/login', benchAdmin, { cookie: csrf, 'x-csrf-token': csrf.slice('fd_csrf='.length) });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.json)}`);
  return login.cookies.map((c) => c.split(';')[0] as string).join('; ');
}

interface Measured {
  /** How long the sending request itself took (Frontdesk: the HTTP reply). */
  requestLatencies: number[];
  sent: number;
  expected: number;
  received: number;
  duplicates: number;
  latencies: number[];
}

/**
 * Sends `rate` messages a second for `seconds` with `send(i)` and waits for them at the teammates:
 * `onDelivery` is given to the caller to report each (message index) a teammate socket received.
 */
async function drive(rate: number, send: (index: number, visitor: number) => Promise<void>, subscribe: (onDelivery: (index: number) => void) => void): Promise<Measured> {
  const sentAt: number[] = [];
  const seen = new Map<number, number>();
  const latencies: number[] = [];
  const requestLatencies: number[] = [];
  let duplicates = 0;
  subscribe((index) => {
    const count = (seen.get(index) ?? 0) + 1;
    seen.set(index, count);
    if (count > teammateCount) duplicates++;
    else latencies.push(performance.now() - (sentAt[index] as number));
  });
  const total = rate * seconds;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    sentAt[index] = performance.now();
    const sending = send(index, index % conversations).then(
      () => void requestLatencies.push(performance.now() - (sentAt[index] as number)),
      () => {},
    );
    inFlight.add(sending);
    sending.finally(() => inFlight.delete(sending));
  }
  await Promise.all(inFlight);
  const deadline = performance.now() + 10_000;
  while (latencies.length < total * teammateCount && performance.now() < deadline) await sleep(50);
  latencies.sort((a, b) => a - b);
  requestLatencies.sort((a, b) => a - b);
  return { requestLatencies, sent: total, expected: total * teammateCount, received: latencies.length, duplicates, latencies };
}

const summary = (name: string, rate: number, measured: Measured) => ({
  target: name,
  rate,
  messages: measured.sent,
  deliveries_expected: measured.expected,
  lost: measured.expected - measured.received,
  duplicates: measured.duplicates,
  p50_ms: percentile(measured.latencies, 50),
  p99_ms: percentile(measured.latencies, 99),
  p999_ms: percentile(measured.latencies, 99.9),
  send_request_p50_ms: percentile(measured.requestLatencies, 50),
  send_request_p99_ms: percentile(measured.requestLatencies, 99),
});

async function baselineRelay(rate: number): Promise<ReturnType<typeof summary>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ws-relay.ts'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (data) => resolve(JSON.parse(String(data)).port)));
  const base = `ws://127.0.0.1:${port}/`;
  const teammates = await Promise.all(Array.from({ length: teammateCount }, () => open(`${base}?role=teammate`)));
  const visitors = await pool(Array.from({ length: conversations }, (_, i) => i), 200, () => open(base));
  const measured = await drive(
    rate,
    async (index, visitor) => visitors[visitor]?.send(JSON.stringify({ id: index, conversation: visitor })),
    (onDelivery) => {
      for (const socket of teammates) socket.on('message', (data) => onDelivery(JSON.parse(String(data)).id));
    },
  );
  for (const socket of [...teammates, ...visitors]) socket.terminate();
  child.kill();
  return summary('bare_ws_relay', rate, measured);
}

async function frontdeskRealtime(rate: number, baseUrl: string, visitors: Visitor[], cookie: string, meter: Meter, profiler: Profiler) {
  const wsBase = `${baseUrl.replace(/^http/, 'ws')}/realtime`;
  const teammates = await Promise.all(Array.from({ length: teammateCount }, () => open(wsBase, { cookie, origin: baseUrl })));
  // A number past the head: the server answers `reset` and follows from its head (live only).
  for (const socket of teammates) socket.send(JSON.stringify({ type: 'subscribe_inbox', after: Number.MAX_SAFE_INTEGER }));
  const visitorSockets = await pool(visitors, 200, async (visitor) => {
    const socket = await open(`${wsBase}?visitor_token=${encodeURIComponent(visitor.token)}`);
    // Measure only once every visitor follows its conversation (each subscribe reads the database).
    const subscribed = new Promise<void>((resolve) => {
      const onFrame = (data: WebSocket.RawData) => {
        if (JSON.parse(String(data)).type !== 'subscribed') return;
        socket.off('message', onFrame);
        resolve();
      };
      socket.on('message', onFrame);
    });
    socket.send(JSON.stringify({ type: 'subscribe', conversation_id: visitor.conversationId, after: visitor.seq }));
    await subscribed;
    return socket;
  });
  await sleep(2000);
  await meter.start();
  await profiler.start();
  const measured = await drive(
    rate,
    async (index, visitor) => {
      const { token: visitorToken, conversationId } = visitors[visitor] as Visitor;
      const reply = await request(baseUrl, 'POST', `/messenger-api/conversations/${conversationId}/reply`, { body: `m${index}` }, { authorization: `Bearer ${visitorToken}` });
      if (reply.status !== 200) throw new Error(`reply ${reply.status}`);
    },
    (onDelivery) => {
      for (const socket of teammates) {
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data));
          const body = frame.type === 'event' && frame.name === 'conversation.part.created' ? /^<p>m(\d+)<\/p>$/.exec(frame.part?.body ?? '') : null;
          if (body) onDelivery(Number(body[1]));
        });
      }
    },
  );
  const cpu = await meter.perOperation(measured.sent);
  await profiler.stop(`realtime-${rate}`);
  for (const socket of [...teammates, ...visitorSockets]) socket.terminate();
  return { ...summary('frontdesk', rate, measured), ...cpu };
}

type Meter = Awaited<ReturnType<typeof cpuMeter>>;
type Frontdesk = Awaited<ReturnType<typeof startFrontdesk>>;
type Profiler = Awaited<ReturnType<Awaited<ReturnType<typeof startFrontdesk>>['profile']>>;

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/**
 * Idle sockets in one process and the memory each costs, measured in a fresh Frontdesk process (same
 * database and master key, so the visitors' tokens hold): in the process that ran the delivery phases,
 * their garbage, collected while the sockets opened, made the growth come out negative. A third are
 * opened first (and the process settles), then the rest; memory per socket is the growth over the rest,
 * each reading taken after a full garbage collection, so neither the allocator's first growth nor the
 * upgrades' garbage counts.
 */
async function idleSockets(server: Frontdesk, visitors: Visitor[]) {
  const wsBase = `${server.url.replace(/^http/, 'ws')}/realtime`;
  const settledRssKb = async () => {
    await sleep(5000);
    await server.collectGarbage();
    return rssKb(server.pid);
  };
  const openMany = (from: number, to: number) =>
    pool(Array.from({ length: to - from }, (_, i) => from + i), 200, (i) =>
      open(`${wsBase}?visitor_token=${encodeURIComponent((visitors[i % visitors.length] as Visitor).token)}`).catch(() => undefined),
    );
  const first = await openMany(0, Math.floor(idleCount / 3));
  const before = await settledRssKb();
  const rest = await openMany(Math.floor(idleCount / 3), idleCount);
  const after = await settledRssKb();
  const opened = [...first, ...rest].filter((socket) => socket !== undefined);
  const measured = rest.filter((socket) => socket !== undefined).length;
  const result = {
    idle_sockets: opened.length,
    server_rss_mb: Math.round(after / 1024),
    kb_per_socket: Number(((after - before) / Math.max(1, measured)).toFixed(2)),
  };
  print({ phase: 'idle', ...result });
  for (const socket of opened) socket.terminate();
  return result;
}

async function main() {
  const database = await createBenchDatabase(serverUrl);
  const serverEnv = { MASTER_KEY: randomBytes(32).toString('base64') };
  let frontdesk = await startFrontdesk(database.url, token, serverEnv);
  print({ phase: 'start', cpus: os.cpus().length, node: process.version, conversations, teammates: teammateCount, rates, seconds, server_pid: frontdesk.pid });
  try {
    const me = await request(frontdesk.url, 'GET', '/api/me', undefined, { authorization: `Bearer ${token}` });
    const appId = me.json.app.id_code as string;
    const visitors = await setUpVisitors(frontdesk.url, appId);
    const cookie = await teammateCookie(frontdesk.url);
    const meter = await cpuMeter(frontdesk.pid, database.url);
    const profiler = await frontdesk.profile();
    const results = [];
    for (const rate of rates) {
      const relay = await baselineRelay(rate);
      print({ phase: 'delivery', ...relay });
      const measured = await frontdeskRealtime(rate, frontdesk.url, visitors, cookie, meter, profiler);
      print({ phase: 'delivery', ...measured });
      results.push({ rate, frontdesk: measured, bare_ws_relay: relay });
      await sleep(3000);
    }
    await meter.close();
    await frontdesk.stop();
    frontdesk = await startFrontdesk(database.url, token, serverEnv, { inspect: true });
    const idle = await idleSockets(frontdesk, visitors);
    print({ phase: 'summary', conversations, results, idle });
  } finally {
    await frontdesk.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
