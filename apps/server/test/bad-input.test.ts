import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, goodPassword, HttpClient, signUp, uniqueEmail } from './http-client.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

function expectEnvelope(response: { status: number; body: any }, status: number, code: string, message?: RegExp) {
  expect(response.status).toBe(status);
  expect(response.body.type).toBe('error.list');
  expect(response.body.request_id).toMatch(/^req_/);
  expect(response.body.errors[0].code).toBe(code);
  if (message) expect(response.body.errors[0].message).toMatch(message);
}

describe('bad input gets a clear error in the envelope, never a 500', () => {
  it('malformed JSON', async () => {
    const client = await browser(server.url);
    expectEnvelope(await client.post('/app-api/login', '{"email": "a@b.co", "password": '), 400, 'bad_request', /not valid JSON/);
  });

  it('wrong types name the field', async () => {
    const client = await browser(server.url);
    const response = await client.post('/app-api/signup', { name: 'X', email: uniqueEmail(), password: 12345678901, workspace_name: 'W' });
    expectEnvelope(response, 400, 'parameter_invalid', /password/);
    expect(response.body.errors[0].field).toBe('password');
  });

  it('missing fields name the field', async () => {
    const client = await browser(server.url);
    const response = await client.post('/app-api/signup', { name: 'X', email: 'x@example.test', workspace_name: 'W' });
    expectEnvelope(response, 400, 'parameter_not_found', /password/);
  });

  it('unknown fields are refused by name, not silently dropped', async () => {
    const client = await browser(server.url);
    const email = uniqueEmail();
    const response = await client.post('/app-api/signup', { name: 'X', email, password: goodPassword, workspace_name: 'W', is_admin: true });
    expectEnvelope(response, 400, 'parameter_invalid', /is_admin/);
    expect(response.body.errors[0].field).toBe('is_admin');
    // Nothing was half-written: the email is still free.
    const retry = await client.post('/app-api/signup', { name: 'X', email, password: goodPassword, workspace_name: 'W' });
    expect(retry.status).toBe(201);
  });

  it('an invalid email and an invalid enum', async () => {
    const { client } = await signUp(server.url);
    expectEnvelope(await client.post('/app-api/invites', { email: 'not-an-email', role: 'agent' }), 400, 'parameter_invalid', /email/);
    expectEnvelope(await client.post('/app-api/invites', { email: 'ok@example.test', role: 'superuser' }), 400, 'parameter_invalid', /role/);
    expectEnvelope(await client.delete('/app-api/invites/abc'), 400, 'parameter_invalid', /id/);
  });

  it('oversized bodies', async () => {
    const client = await browser(server.url);
    const huge = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(11 * 1024 * 1024) });
    expectEnvelope(await client.post('/app-api/login', huge), 413, 'request_too_large');
  });

  it('a wrong content type', async () => {
    const client = await browser(server.url);
    expectEnvelope(await client.post('/app-api/login', 'email=a', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });

  it('unknown API routes and bad tokens', async () => {
    const anonymous = new HttpClient(server.url);
    expectEnvelope(await anonymous.get('/api/me'), 401, 'unauthorized');
    expectEnvelope(await new HttpClient(server.url, 'fd_at_not-a-real-token').get('/api/me'), 401, 'unauthorized');
    expectEnvelope(await anonymous.get('/api/me', { authorization: 'Basic Zm9vOmJhcg==' }), 401, 'unauthorized');
    expectEnvelope(await anonymous.get('/app-api/no-such-thing'), 404, 'not_found');
    expectEnvelope(await anonymous.get('/api/no-such-thing'), 404, 'not_found');
  });

  it('SQL fragments in input are just text', async () => {
    const client = await browser(server.url);
    const response = await client.post('/app-api/login', { email: "' or 1=1; drop table teammates; --", password: 'whatever it is' });
    expectEnvelope(response, 401, 'unauthorized');
    expect((await (await signUp(server.url)).client.get('/app-api/teammates')).status).toBe(200);
  });
});
