import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { HttpClient, signUp } from './http-client.ts';

let server: TestServer;
let api: HttpClient;
let otherApi: HttpClient;
let thirdApi: HttpClient;

async function apiToken(baseUrl: string, workspaceName: string): Promise<string> {
  const { client } = await signUp(baseUrl, { workspace_name: workspaceName });
  const created = await client.post('/app-api/api-tokens', { name: 'edge test' });
  return created.body.token as string;
}

beforeAll(async () => {
  server = await startTestServer({ env: { API_RATE_LIMIT_PER_TOKEN: '40', API_RATE_LIMIT_PER_WORKSPACE: '60' } });
  api = new HttpClient(server.url, await apiToken(server.url, 'Edge'));
  otherApi = new HttpClient(server.url, await apiToken(server.url, 'Other edge'));
  thirdApi = new HttpClient(server.url, await apiToken(server.url, 'Third edge'));
});

afterAll(async () => {
  await server?.stop();
});

describe('REST API rate limits', () => {
  it('every API response says how much of the allowance is left', async () => {
    const first = await api.get('/api/me');
    expect(first.status).toBe(200);
    const limit = Number(first.headers.get('x-ratelimit-limit'));
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(limit).toBe(40);
    expect(remaining).toBeLessThan(40);
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    const second = await api.get('/api/me');
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
    // Errors carry them too.
    const invalidBody = await api.post('/api/contacts', { nme: 'typo' });
    expect(invalidBody.status).toBe(400);
    expect(invalidBody.headers.get('x-ratelimit-limit')).toBe('40');
  });

  it('a token over its limit gets 429 rate_limit_exceeded with Retry-After, and other workspaces carry on', async () => {
    let response = await api.get('/api/me');
    // Fixed windows: a window may roll over mid-loop, so allow for two of them.
    for (let i = 0; i < 85 && response.status === 200; i++) response = await api.get('/api/me');
    expect(response.status).toBe(429);
    expect(response.body.type).toBe('error.list');
    expect(response.body.errors[0].code).toBe('rate_limit_exceeded');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await otherApi.get('/api/me')).status).toBe(200);
  });
});

async function leadsNamed(client: HttpClient, name: string): Promise<number> {
  const listed = await client.get('/api/contacts?per_page=150');
  expect(listed.status).toBe(200);
  return listed.body.data.filter((contact: { name: string }) => contact.name === name).length;
}

describe('Idempotency-Key on REST API POSTs', () => {
  it('replays the first response to a retry with the same key and body, creating nothing twice', async () => {
    const key = `key-${Date.now()}`;
    const name = `Replay ${key}`;
    const first = await otherApi.post('/api/contacts', { role: 'lead', name }, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    // The same body with its fields in another order is the same request.
    const again = await otherApi.post('/api/contacts', { name, role: 'lead' }, { 'idempotency-key': key });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await leadsNamed(otherApi, name)).toBe(1);
    // Without a key, a second POST is a second contact.
    await otherApi.post('/api/contacts', { role: 'lead', name });
    expect(await leadsNamed(otherApi, name)).toBe(2);
  });

  it('refuses the same key with a different body; another workspace may use the same key', async () => {
    const key = `reuse-${Date.now()}`;
    expect((await otherApi.post('/api/contacts', { role: 'lead', name: `One ${key}` }, { 'idempotency-key': key })).status).toBe(200);
    const reused = await otherApi.post('/api/contacts', { role: 'lead', name: `Two ${key}` }, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].code).toBe('idempotency_key_reused');
    expect(reused.body.errors[0].message).toMatch(/different request/);
    const elsewhere = await thirdApi.post('/api/contacts', { role: 'lead', name: `Two ${key}` }, { 'idempotency-key': key });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers 409 to a duplicate sent while the first is still running, and creates one contact', async () => {
    const key = `race-${Date.now()}`;
    const body = { role: 'lead', name: `Race ${key}` };
    const responses = await Promise.all(Array.from({ length: 6 }, () => otherApi.post('/api/contacts', body, { 'idempotency-key': key })));
    const statuses = responses.map((response) => response.status);
    expect(statuses).toContain(200);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    const conflict = responses.find((response) => response.status === 409);
    if (conflict) expect(conflict.body.errors[0].code).toBe('idempotency_key_in_use');
    expect(await leadsNamed(otherApi, body.name)).toBe(1);
  });

  it('refuses a malformed key', async () => {
    const response = await otherApi.post('/api/contacts', { role: 'lead' }, { 'idempotency-key': 'x'.repeat(300) });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('Idempotency-Key');
  });
});
