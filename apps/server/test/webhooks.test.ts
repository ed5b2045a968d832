import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { HttpClient, signUp } from './http-client.ts';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
}

/** A developer's endpoint on 127.0.0.1: records every request and answers per path. */
class Receiver {
  readonly received: Received[] = [];
  private readonly failuresLeft = new Map<string, number>();
  private server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const body = raw ? JSON.parse(raw) : undefined;
      this.received.push({ path, headers: request.headers, raw, body });
      if (path === '/flaky') {
        // Each notification fails twice, then gets through.
        const left = this.failuresLeft.get(body.id) ?? 2;
        this.failuresLeft.set(body.id, left - 1);
        if (left > 0) return response.writeHead(503).end('try later');
      }
      if (path === '/gone') return response.writeHead(410).end();
      if (path === '/to-private') return response.writeHead(302, { location: 'http://10.0.0.1/hook' }).end();
      if (path === '/to-metadata') return response.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  url = '';

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
  at(path: string) {
    return this.received.filter((request) => request.path === path);
  }
}

async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sign = (raw: string, secret: string) => `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`;

let server: TestServer;
let receiver: Receiver;
let inbox: HttpClient;
let api: HttpClient;
let appId: string;
const secrets = new Map<string, string>();

async function subscribe(path: string, topics: string[]) {
  const created = await inbox.post('/app-api/webhooks', { url: `${receiver.url}${path}`, topics });
  expect(created.status).toBe(201);
  secrets.set(path, created.body.secret);
  return created.body as { id: string; secret: string };
}

/** Every request a path received carries a valid signature for its subscription's secret. */
function expectSigned(path: string) {
  const secret = secrets.get(path) as string;
  for (const request of receiver.at(path)) {
    expect(request.headers['x-hub-signature']).toBe(sign(request.raw, secret));
    expect(request.headers['user-agent']).toBe('intercom-parrot-service-client/1.0');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
  }
}

beforeAll(async () => {
  receiver = new Receiver();
  await receiver.start();
  server = await startTestServer({ env: { OUTBOUND_ALLOWLIST: '127.0.0.1', WEBHOOK_RETRY_BASE_MS: '150' } });
  const owner = await signUp(server.url, { workspace_name: 'Hooks Inc' });
  inbox = owner.client;
  const token = await inbox.post('/app-api/api-tokens', { name: 'webhooks test' });
  api = new HttpClient(server.url, token.body.token);
  appId = (await api.get('/api/me')).body.app.id_code;
});

afterAll(async () => {
  await server?.stop();
  await receiver?.stop();
});

describe('webhook subscriptions', () => {
  it('refuses a private address, an unknown topic and a malformed URL when saved', async () => {
    const privateUrl = await inbox.post('/app-api/webhooks', { url: 'http://10.1.2.3/hook', topics: ['contact.user.created'] });
    expect(privateUrl.status).toBe(400);
    expect(privateUrl.body.errors[0].field).toBe('url');
    expect(privateUrl.body.errors[0].message).toMatch(/private address.*OUTBOUND_ALLOWLIST/);
    const metadata = await inbox.post('/app-api/webhooks', { url: 'http://169.254.169.254/', topics: ['ping'] });
    expect(metadata.status).toBe(400);
    const topic = await inbox.post('/app-api/webhooks', { url: `${receiver.url}/ok`, topics: ['contact.created'] });
    expect(topic.status).toBe(400);
    expect(topic.body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'topics' });
    const malformed = await inbox.post('/app-api/webhooks', { url: 'ftp://example.com/x', topics: ['ping'] });
    expect(malformed.status).toBe(400);
  });

  it('shows the secret once at creation, keeps it sealed, and lists, updates and deletes subscriptions', async () => {
    const created = await subscribe('/crud', ['company.created']);
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await inbox.get('/app-api/webhooks');
    const shown = listed.body.webhooks.find((webhook: { id: string }) => webhook.id === created.id);
    expect(shown).toMatchObject({ url: `${receiver.url}/crud`, topics: ['company.created'], active: true, disabled_reason: null });
    expect(shown.secret).toBeUndefined();
    expect((await inbox.get(`/app-api/webhooks/${created.id}/secret`)).body.secret).toBe(created.secret);
    const updated = await inbox.request('PATCH', `/app-api/webhooks/${created.id}`, { topics: ['company.created', 'company.updated'], active: false });
    expect(updated.body).toMatchObject({ topics: ['company.created', 'company.updated'], active: false });
    // Another workspace cannot see it.
    const stranger = await signUp(server.url, { workspace_name: 'Elsewhere' });
    expect((await stranger.client.get(`/app-api/webhooks/${created.id}`)).status).toBe(404);
    expect((await inbox.delete(`/app-api/webhooks/${created.id}`)).status).toBe(204);
    expect((await inbox.get(`/app-api/webhooks/${created.id}`)).status).toBe(404);
  });
});

describe('webhook deliveries', () => {
  it('a ping arrives signed, in Intercom’s envelope, and is logged', async () => {
    const hook = await subscribe('/ok', ['contact.user.created']);
    const ping = await inbox.post(`/app-api/webhooks/${hook.id}/ping`);
    expect(ping.status).toBe(202);
    const received = await waitFor(() => receiver.at('/ok')[0], 'the ping');
    expectSigned('/ok');
    expect(received?.body).toMatchObject({
      type: 'notification_event',
      id: ping.body.notification_id,
      topic: 'ping',
      app_id: appId,
      delivery_attempts: 1,
      self: null,
      links: {},
      data: { type: 'notification_event_data', item: { type: 'ping' } },
    });
    expect(ping.body.notification_id).toMatch(/^notif_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Number.isInteger(received?.body.created_at)).toBe(true);
    const log = await waitFor(async () => {
      const page = await inbox.get(`/app-api/webhooks/${hook.id}/deliveries`);
      return page.body.deliveries.length ? page.body.deliveries : undefined;
    }, 'the delivery log');
    expect(log[0]).toMatchObject({ topic: 'ping', attempt: 1, succeeded: true, response_status: 200, error: null });
  });

  it('a receiver that fails twice gets every event, under one notification id, and the log shows each attempt', async () => {
    const hook = await subscribe('/flaky', ['contact.user.created', 'contact.lead.created', 'conversation.user.created', 'conversation.admin.replied']);
    const contact = await api.post('/api/contacts', { role: 'user', external_id: 'hook-1', email: 'hook@example.com', name: 'Hook User' });
    expect(contact.status).toBe(200);
    const lead = await api.post('/api/contacts', { role: 'lead', name: 'Hook Lead' });
    const conversation = await api.post('/api/conversations', { from: { type: 'user', id: contact.body.id }, body: 'Help with hooks' });
    expect(conversation.status).toBe(200);
    const me = await api.get('/api/me');
    const conversationId = conversation.body.conversation_id;
    const reply = await api.post(`/api/conversations/${conversationId}/reply`, { message_type: 'comment', type: 'admin', admin_id: me.body.id, body: 'On it' });
    expect(reply.status).toBe(200);

    const byTopic = (topic: string) => receiver.at('/flaky').filter((request) => request.body.topic === topic);
    const topics = ['contact.user.created', 'contact.lead.created', 'conversation.user.created', 'conversation.admin.replied'];
    await waitFor(() => topics.every((topic) => byTopic(topic).length === 3), 'three attempts of each event', 25_000);
    expectSigned('/flaky');
    for (const topic of topics) {
      const attempts = byTopic(topic);
      expect(new Set(attempts.map((request) => request.body.id)).size, topic).toBe(1);
      expect(attempts.map((request) => request.body.delivery_attempts)).toEqual([1, 2, 3]);
      expect(new Set(attempts.map((request) => request.body.first_sent_at)).size).toBe(1);
    }
    expect(byTopic('contact.user.created')[0]?.body.data.item).toMatchObject({ type: 'contact', id: contact.body.id, role: 'user', email: 'hook@example.com' });
    expect(byTopic('contact.lead.created')[0]?.body.data.item).toMatchObject({ type: 'contact', id: lead.body.id, role: 'lead' });
    expect(byTopic('conversation.user.created')[0]?.body.data.item).toMatchObject({ type: 'conversation', id: conversationId });
    const replied = byTopic('conversation.admin.replied')[0]?.body.data.item;
    expect(replied).toMatchObject({ type: 'conversation', id: conversationId });
    expect(replied.conversation_parts.conversation_parts).toHaveLength(1);
    expect(replied.conversation_parts.conversation_parts[0]).toMatchObject({ part_type: 'comment', author: { type: 'admin' } });

    const log = await waitFor(async () => {
      const page = await inbox.get(`/app-api/webhooks/${hook.id}/deliveries?per_page=150`);
      return page.body.deliveries.length >= 12 && page.body.deliveries;
    }, 'twelve logged attempts');
    const notification = byTopic('contact.user.created')[0]?.body.id;
    const attempts = log.filter((delivery: { notification_id: string }) => delivery.notification_id === notification);
    expect(attempts.map((delivery: { attempt: number; response_status: number }) => [delivery.attempt, delivery.response_status])).toEqual([
      [3, 200],
      [2, 503],
      [1, 503],
    ]);
    expect(attempts[2].response_body).toBe('try later');
    expect(attempts[0].latency_ms).toBeGreaterThanOrEqual(0);

    // Pages: newest first, then older ones.
    const first = await inbox.get(`/app-api/webhooks/${hook.id}/deliveries?per_page=5`);
    expect(first.body.deliveries).toHaveLength(5);
    const second = await inbox.get(`/app-api/webhooks/${hook.id}/deliveries?per_page=5&starting_after=${first.body.next_starting_after}`);
    expect(Number(second.body.deliveries[0].id)).toBeLessThan(Number(first.body.deliveries[4].id));

    // Redelivering a logged attempt sends the same notification again as its next attempt.
    const redelivered = await inbox.post(`/app-api/webhooks/${hook.id}/deliveries/${attempts[0].id}/redeliver`);
    expect(redelivered.body).toEqual({ notification_id: notification, attempt: 4 });
    const again = await waitFor(() => receiver.at('/flaky').find((request) => request.body.id === notification && request.body.delivery_attempts === 4), 'the redelivery');
    expect(again.headers['x-hub-signature']).toBe(sign(again.raw, hook.secret));
  });

  it('tag topics follow the contact’s role, and a deleted contact is sent as its identifying fields', async () => {
    await subscribe('/people', ['contact.lead.tag.created', 'contact.deleted']);
    const user = await api.post('/api/contacts', { role: 'user', external_id: 'tagged-user' });
    const lead = await api.post('/api/contacts', { role: 'lead', name: 'Tagged lead' });
    const tag = await api.post('/api/tags', { name: 'VIP' });
    expect(tag.status).toBe(200);
    expect((await api.post(`/api/contacts/${user.body.id}/tags`, { id: tag.body.id })).status).toBe(200);
    expect((await api.post(`/api/contacts/${lead.body.id}/tags`, { id: tag.body.id })).status).toBe(200);
    expect((await api.delete(`/api/contacts/${user.body.id}`)).status).toBe(200);
    const deleted = await waitFor(() => receiver.at('/people').find((request) => request.body.topic === 'contact.deleted'), 'contact.deleted');
    expect(deleted.body.data.item).toEqual({ type: 'contact', id: user.body.id, external_id: 'tagged-user', deleted: true });
    const isTagTopic = (request: Received) => request.body.topic.includes('.tag.');
    await waitFor(() => receiver.at('/people').some(isTagTopic), 'the lead tag notification');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const tagged = receiver.at('/people').filter(isTagTopic);
    expect(tagged).toHaveLength(1);
    expect(tagged[0]?.body.topic).toBe('contact.lead.tag.created');
    expect(tagged[0]?.body.data.item).toMatchObject({ type: 'contact_tag', tag: { type: 'tag', id: tag.body.id, name: 'VIP' }, contact: { id: lead.body.id, role: 'lead' } });
    expectSigned('/people');
  });

  it('410 Gone disables the subscription', async () => {
    const hook = await subscribe('/gone', ['contact.user.created']);
    await inbox.post(`/app-api/webhooks/${hook.id}/ping`);
    const disabled = await waitFor(async () => {
      const shown = await inbox.get(`/app-api/webhooks/${hook.id}`);
      return !shown.body.active && shown.body;
    }, 'the subscription to be disabled');
    expect(disabled.disabled_reason).toMatch(/410/);
    // Events no longer go there, and nothing is retried.
    await api.post('/api/contacts', { role: 'user', external_id: 'after-gone' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.at('/gone')).toHaveLength(1);
    // Switching it back on clears the reason.
    const enabled = await inbox.request('PATCH', `/app-api/webhooks/${hook.id}`, { active: true });
    expect(enabled.body).toMatchObject({ active: true, disabled_reason: null });
    await inbox.request('PATCH', `/app-api/webhooks/${hook.id}`, { active: false });
  });

  it('an allowlisted endpoint that redirects to a private or metadata address is refused when sending', async () => {
    for (const path of ['/to-private', '/to-metadata']) {
      const hook = await subscribe(path, ['contact.user.created']);
      await inbox.post(`/app-api/webhooks/${hook.id}/ping`);
      const log = await waitFor(async () => {
        const page = await inbox.get(`/app-api/webhooks/${hook.id}/deliveries`);
        return page.body.deliveries.length && page.body.deliveries;
      }, 'the refused delivery');
      expect(log[0]).toMatchObject({ succeeded: false, response_status: null });
      expect(log[0].error).toMatch(/^refused: .*OUTBOUND_ALLOWLIST/);
      // Refusals are not retried.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await inbox.get(`/app-api/webhooks/${hook.id}/deliveries`)).body.deliveries).toHaveLength(1);
      await inbox.delete(`/app-api/webhooks/${hook.id}`);
    }
  });
});
