import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, freePort, type SpawnedServer, spawnServer, type TestDatabase } from './harness.ts';
import { browser, HttpClient } from './http-client.ts';
import { LiveSocket } from './live-socket.ts';

/** Real processes (as `npm start` runs them): restarts, two nodes on one PostgreSQL and Redis, a Redis outage. */
const admin = { email: 'ops@example.test', password: 'correct horse battery staple' };
const token = `fd_at_${randomBytes(24).toString('hex')}`;
const provisioned = { FRONTDESK_ADMIN_EMAIL: admin.email, FRONTDESK_ADMIN_PASSWORD: admin.password, FRONTDESK_API_TOKEN: token };

let database: TestDatabase | undefined;
const running: SpawnedServer[] = [];
const sockets: LiveSocket[] = [];
let redis: ChildProcess | undefined;

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await Promise.all(running.splice(0).map((server) => server.kill('SIGKILL')));
  redis?.kill('SIGKILL');
  redis = undefined;
  await database?.drop();
  database = undefined;
});

async function node(env: Record<string, string>): Promise<SpawnedServer> {
  const server = await spawnServer({ ...env, ...provisioned });
  running.push(server);
  return server;
}

async function socket(url: string, auth: Parameters<typeof LiveSocket.open>[1]): Promise<LiveSocket> {
  const opened = await LiveSocket.open(url, auth);
  sockets.push(opened);
  return opened;
}

/** A Messenger visitor (booted anonymously on `url`) who has started a conversation. */
async function visitor(url: string) {
  const api = new HttpClient(url, token);
  const appId = (await api.get('/api/me')).body.app.id_code as string;
  const boot = await new HttpClient(url).post('/messenger-api/boot', { app_id: appId });
  expect(boot.status).toBe(200);
  const messenger = new HttpClient(url, boot.body.token);
  const started = await messenger.post('/messenger-api/conversations', { body: 'Hello from the widget' });
  expect(started.status).toBe(201);
  return { token: boot.body.token as string, conversationId: started.body.conversation.id as string, messenger, adminId: (await api.get('/api/me')).body.id as string };
}

async function teammateCookie(url: string): Promise<string> {
  const client = await browser(url);
  expect((await client.post('/app-api/login', admin)).status).toBe(200);
  return `fd_session=${client.cookie('fd_session')}`;
}

const reply = (url: string, conversationId: string, adminId: string, body: string) =>
  new HttpClient(url, token).post(`/api/conversations/${conversationId}/reply`, { message_type: 'comment', type: 'admin', admin_id: adminId, body });

const bodiesOf = (live: LiveSocket, conversationId: string) => live.events(conversationId).map((frame) => frame.part?.body);

describe('realtime across restarts', { timeout: 120_000 }, () => {
  it('a visitor gets every message sent across a crash and a restart, in order, once', async () => {
    database = await createTestDatabase();
    let server = await node(database.env);
    const { token: visitorToken, conversationId, adminId } = await visitor(server.url);
    const first = await socket(server.url, { visitorToken });
    await first.subscribe(conversationId, 0);
    const lastSeen = Math.max(...first.events(conversationId).map((frame) => frame.seq));

    for (let i = 1; i <= 25; i++) expect((await reply(server.url, conversationId, adminId, `m${i}`)).status).toBe(200);
    await server.kill('SIGKILL');
    expect((await first.closed).code).toBe(1006);
    server = await node(database.env);
    for (let i = 26; i <= 50; i++) expect((await reply(server.url, conversationId, adminId, `m${i}`)).status).toBe(200);

    const resumed = await socket(server.url, { visitorToken });
    await resumed.subscribe(conversationId, lastSeen);
    expect(bodiesOf(resumed, conversationId)).toEqual(Array.from({ length: 50 }, (_, i) => `<p>m${i + 1}</p>`));
  });
});

describe.runIf(process.env.TEST_REDIS_URL && process.env.TEST_DATABASE_URL)('realtime on two nodes', { timeout: 120_000 }, () => {
  it('a visitor on node A and a teammate on node B talk live', async () => {
    database = await createTestDatabase();
    const [a, b] = [await node(database.env), await node(database.env)] as [SpawnedServer, SpawnedServer];
    const { token: visitorToken, conversationId, messenger, adminId } = await visitor(a.url);
    const onA = await socket(a.url, { visitorToken });
    await onA.subscribe(conversationId, 0);
    const onB = await socket(b.url, { cookie: await teammateCookie(b.url) });
    onB.send({ type: 'subscribe_inbox', after: 0 });
    await onB.waitFor((frame) => frame.type === 'subscribed');

    expect((await messenger.post(`/messenger-api/conversations/${conversationId}/reply`, { body: 'visitor on A' })).status).toBe(200);
    await onB.waitUntil(() => bodiesOf(onB, conversationId).includes('<p>visitor on A</p>'));
    expect((await reply(b.url, conversationId, adminId, 'teammate on B')).status).toBe(200);
    await onA.waitUntil(() => bodiesOf(onA, conversationId).includes('<p>teammate on B</p>'));
  });

  it('loses nothing while Redis is down and recovers without a restart', async () => {
    const port = await freePort();
    const startRedis = () => {
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    };
    startRedis();
    await waitForRedis(port);
    database = await createTestDatabase();
    const env = { ...database.env, REDIS_URL: `redis://127.0.0.1:${port}` };
    const [a, b] = [await node(env), await node(env)] as [SpawnedServer, SpawnedServer];
    const { token: visitorToken, conversationId, messenger, adminId } = await visitor(a.url);
    const onA = await socket(a.url, { visitorToken });
    await onA.subscribe(conversationId, 0);
    const onB = await socket(b.url, { cookie: await teammateCookie(b.url) });
    onB.send({ type: 'subscribe_inbox', after: 0 });
    await onB.waitFor((frame) => frame.type === 'subscribed');

    redis?.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await reply(b.url, conversationId, adminId, 'during the outage')).status).toBe(200);
    expect((await messenger.post(`/messenger-api/conversations/${conversationId}/reply`, { body: 'visitor during the outage' })).status).toBe(200);
    await onA.waitUntil(() => bodiesOf(onA, conversationId).includes('<p>during the outage</p>'), 15_000);
    await onB.waitUntil(() => bodiesOf(onB, conversationId).includes('<p>visitor during the outage</p>'), 15_000);

    startRedis();
    await waitForRedis(port);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await reply(b.url, conversationId, adminId, 'after the outage')).status).toBe(200);
    await onA.waitUntil(() => bodiesOf(onA, conversationId).includes('<p>after the outage</p>'), 15_000);
    await onB.waitUntil(() => bodiesOf(onB, conversationId).includes('<p>after the outage</p>'), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Every message once, in order, on both sides.
    expect(bodiesOf(onA, conversationId)).toEqual(['<p>Hello from the widget</p>', '<p>during the outage</p>', '<p>visitor during the outage</p>', '<p>after the outage</p>']);
    expect(bodiesOf(onB, conversationId).filter((body) => body?.includes('outage'))).toEqual(['<p>during the outage</p>', '<p>visitor during the outage</p>', '<p>after the outage</p>']);
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
  });
});

async function waitForRedis(port: number): Promise<void> {
  const net = await import('node:net');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const probe = net.connect(port, '127.0.0.1', () => {
        probe.end();
        resolve(true);
      });
      probe.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('redis-server did not start');
}
