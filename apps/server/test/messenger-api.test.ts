import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { type MessengerWorkspace, messengerWorkspace, png, userHash, userJwt, Visitor } from './messenger-support.ts';

let server: TestServer;
let a: MessengerWorkspace;
let b: MessengerWorkspace;

beforeAll(async () => {
  server = await startTestServer();
  [a, b] = await Promise.all([messengerWorkspace(server.url, 'Messenger A'), messengerWorkspace(server.url, 'Messenger B')]);
});
afterAll(async () => {
  await server?.stop();
});

const visitorOf = (workspace: MessengerWorkspace) => new Visitor(server.url, workspace.appId);
const bodyOf = (conversation: { source: { body: string } }) => conversation.source.body;

describe('an anonymous visitor', () => {
  it('boots with an id of its own, and becomes a lead with its boot attributes when it first writes', async () => {
    const visitor = visitorOf(a);
    const booted = await visitor.boot({ plan: 'pro', seats: 3, ratio: 0.5, beta: true, nickname: '', utm_source: 'newsletter', name: 'Vera Visitor' });
    expect(booted.status).toBe(200);
    expect(booted.body.visitor_id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(booted.body).toMatchObject({ contact: null, unread_count: 0, messenger: { app_id: a.appId, team: { name: 'Messenger A' }, attachments: { enabled: true } } });
    expect((await visitor.api.get('/messenger-api/conversations')).body).toEqual({ conversations: [] });

    const written = await visitor.write('Hello, is the pro plan monthly?');
    expect(written.status).toBe(201);
    const { conversation, parts } = written.body;
    expect(conversation).toMatchObject({ state: 'open', unread_count: 0 });
    expect(conversation.seq).toBeGreaterThanOrEqual(1);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ part_type: 'comment', body: '<p>Hello, is the pro plan monthly?</p>', author: { type: 'lead' }, redacted: false });

    const rest = await a.rest.get(`/api/conversations/${conversation.id}`);
    expect(rest.status).toBe(200);
    expect(rest.body.source).toMatchObject({ body: '<p>Hello, is the pro plan monthly?</p>', author: { type: 'lead' }, url: 'https://shop.example.test/pricing' });
    const contactId = rest.body.contacts.contacts[0].id;
    const contact = (await a.rest.get(`/api/contacts/${contactId}`)).body;
    expect(contact).toMatchObject({ role: 'lead', name: 'Vera Visitor', utm_source: 'newsletter', custom_attributes: { plan: 'pro', seats: 3, ratio: 0.5, beta: true } });
    expect(contact.custom_attributes).not.toHaveProperty('nickname');

    const attributes = (await a.rest.get('/api/data_attributes?model=contact')).body.data as { name: string; data_type: string; custom: boolean }[];
    const types = Object.fromEntries(attributes.filter((attribute) => attribute.custom).map((attribute) => [attribute.name, attribute.data_type]));
    expect(types).toMatchObject({ plan: 'string', seats: 'integer', ratio: 'float', beta: 'boolean' });

    // Booting again from the same browser keeps the visitor and its conversations.
    const again = await visitor.boot();
    expect(again.body).toMatchObject({ visitor_id: visitor.id, contact: { id: contactId, role: 'lead' } });
    const listed = (await visitor.api.get('/messenger-api/conversations')).body.conversations;
    expect(listed.map((entry: { id: string }) => entry.id)).toEqual([conversation.id]);
    expect(listed[0].last_part.body).toBe('<p>Hello, is the pro plan monthly?</p>');
  });

  it('is told when a value does not fit an existing attribute, and nothing is created for an unknown app', async () => {
    const visitor = visitorOf(a);
    const wrong = await visitor.boot({ seats: 'many' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'user.seats' });
    const nested = await visitor.boot({ preferences: { theme: 'dark' } });
    expect(nested.body.errors[0]).toMatchObject({ field: 'user.preferences' });
    const unknown = await new Visitor(server.url, 'nope0000').boot();
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].code).toBe('not_found');
  });

  it('needs a token for everything but boot', async () => {
    const visitor = visitorOf(a);
    expect((await visitor.api.get('/messenger-api/conversations')).status).toBe(401);
    const forged = new Visitor(server.url, a.appId);
    forged.adopt({ visitor_id: 'x', token: 'fdv.1.abcdefghij.1700000000.00000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect((await forged.api.get('/messenger-api/conversations')).status).toBe(401);
  });
});

describe('an identified visitor', () => {
  it('boot with user_id creates the user with its attributes and companies', async () => {
    const visitor = visitorOf(a);
    const booted = await visitor.boot({
      user_id: 'cust-100',
      email: 'una@example.test',
      name: 'Una User',
      phone: '+33 1 23 45 67 89',
      created_at: 1_700_000_000,
      language_override: 'fr',
      unsubscribed_from_emails: true,
      avatar: { type: 'avatar', image_url: 'https://cdn.example.test/una.png' },
      company: { company_id: 'acme', name: 'Acme', plan: 'enterprise', size: 40, monthly_spend: 99.5, tier: 'gold' },
      favourite_color: 'teal',
    });
    expect(booted.status).toBe(200);
    expect(booted.body.contact).toMatchObject({ role: 'user', user_id: 'cust-100', email: 'una@example.test', name: 'Una User' });
    const contact = (await a.rest.get(`/api/contacts/${booted.body.contact.id}`)).body;
    expect(contact).toMatchObject({
      role: 'user',
      external_id: 'cust-100',
      phone: '+33 1 23 45 67 89',
      signed_up_at: 1_700_000_000,
      language_override: 'fr',
      unsubscribed_from_emails: true,
      custom_attributes: { favourite_color: 'teal' },
    });
    expect(contact.companies.total_count).toBe(1);
    const company = (await a.rest.get(`/api/companies?company_id=acme`)).body;
    expect(company).toMatchObject({ company_id: 'acme', name: 'Acme', plan: { name: 'enterprise' }, size: 40, custom_attributes: { tier: 'gold' } });

    // Intercom's update: changed attributes only, the token proves the user.
    const updated = await visitor.api.put('/messenger-api/visitor', { user: { name: 'Una U.', favourite_color: 'null' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ visitor_id: visitor.id, contact: { id: booted.body.contact.id, name: 'Una U.' } });
    const after = (await a.rest.get(`/api/contacts/${booted.body.contact.id}`)).body;
    expect(after.name).toBe('Una U.');
    expect(after.custom_attributes).not.toHaveProperty('favourite_color');

    const event = await visitor.api.post('/messenger-api/events', { event_name: 'viewed-pricing', metadata: { plan: 'pro' } });
    expect(event.status).toBe(202);
    const events = (await a.rest.get(`/api/events?type=user&intercom_user_id=${booted.body.contact.id}`)).body;
    expect(events.events).toEqual([expect.objectContaining({ event_name: 'viewed-pricing', metadata: { plan: 'pro' } })]);
  });

  it('a lead who identifies is merged into the user, keeping its conversations', async () => {
    const visitor = visitorOf(a);
    await visitor.boot({ name: 'Lou Lead' });
    const written = await visitor.write('Before signing in');
    const conversationId = written.body.conversation.id;
    const leadId = (await a.rest.get(`/api/conversations/${conversationId}`)).body.contacts.contacts[0].id;

    const identified = await visitor.boot({ user_id: 'cust-200', email: 'lou@example.test' });
    expect(identified.status).toBe(200);
    expect(identified.body.visitor_id).toBe(visitor.id);
    const userId = identified.body.contact.id;
    expect(identified.body.contact).toMatchObject({ role: 'user', user_id: 'cust-200', name: 'Lou Lead' });
    expect(userId).not.toBe(leadId);
    expect((await a.rest.get(`/api/contacts/${leadId}`)).status).toBe(404);
    const conversation = (await a.rest.get(`/api/conversations/${conversationId}`)).body;
    expect(conversation.contacts.contacts.map((contact: { id: string }) => contact.id)).toEqual([userId]);
    expect(conversation.source.author).toMatchObject({ type: 'user', id: userId });
    const listed = (await visitor.api.get('/messenger-api/conversations')).body.conversations;
    expect(listed.map((entry: { id: string }) => entry.id)).toEqual([conversationId]);
  });

  it("a browser whose visitor is a user, booting without that identity, does not get the user's conversations", async () => {
    const visitor = visitorOf(a);
    await visitor.boot({ user_id: 'cust-300' });
    const mine = (await visitor.write('Private question')).body.conversation.id;
    const identifiedId = visitor.id;

    const anonymous = await visitor.boot();
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.visitor_id).not.toBe(identifiedId);
    expect(anonymous.body.contact).toBeNull();
    expect((await visitor.api.get('/messenger-api/conversations')).body.conversations).toEqual([]);
    expect((await visitor.api.get(`/messenger-api/conversations/${mine}`)).status).toBe(404);

    // Someone else's identity on that visitor id is a new visitor too.
    const other = await visitor.boot({ user_id: 'cust-301' }, { visitorId: identifiedId });
    expect(other.body.visitor_id).not.toBe(identifiedId);
    expect((await visitor.api.get('/messenger-api/conversations')).body.conversations).toEqual([]);
  });
});

describe('identity verification', () => {
  let secret: string;
  beforeAll(async () => {
    secret = (await b.owner.post('/app-api/messenger/identity-secret')).body.secret;
    const enforced = await b.owner.put('/app-api/messenger/settings', { identity_verification: { enforced: true } });
    expect(enforced.status).toBe(200);
  });

  const contactsWith = async (externalId: string) =>
    (await b.rest.post('/api/contacts/search', { query: { field: 'external_id', operator: '=', value: externalId } })).body.total_count;

  it('refuses a missing or wrong user_hash with 401, storing nothing', async () => {
    const missing = await visitorOf(b).boot({ user_id: 'vip-1', name: 'Mallory' });
    expect(missing.status).toBe(401);
    expect(missing.body.errors[0].code).toBe('identity_verification_failed');
    const wrong = await visitorOf(b).boot({ user_id: 'vip-1', user_hash: userHash('not the secret', 'vip-1') });
    expect(wrong.status).toBe(401);
    const byEmail = await visitorOf(b).boot({ email: 'vip@example.test', user_hash: userHash(secret, 'someone-else@example.test') });
    expect(byEmail.status).toBe(401);
    expect(await contactsWith('vip-1')).toBe(0);
  });

  it('accepts the right user_hash (of user_id, else of the email)', async () => {
    const byId = await visitorOf(b).boot({ user_id: 'vip-1', user_hash: userHash(secret, 'vip-1') });
    expect(byId.status).toBe(200);
    expect(byId.body.contact).toMatchObject({ user_id: 'vip-1' });
    expect(byId.body.messenger.identity_verification).toBe(true);
    const byEmail = await visitorOf(b).boot({ email: 'vip2@example.test', user_hash: userHash(secret, 'vip2@example.test') });
    expect(byEmail.status).toBe(200);
  });

  it('accepts a right JWT and refuses a wrong or expired one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const right = await visitorOf(b).boot({ intercom_user_jwt: userJwt(secret, { user_id: 'jwt-1', email: 'jwt1@example.test', exp: now + 600 }) });
    expect(right.status).toBe(200);
    expect(right.body.contact).toMatchObject({ user_id: 'jwt-1', email: 'jwt1@example.test' });
    const forged = await visitorOf(b).boot({ intercom_user_jwt: userJwt('forged', { user_id: 'jwt-2' }) });
    expect(forged.status).toBe(401);
    const expired = await visitorOf(b).boot({ intercom_user_jwt: userJwt(secret, { user_id: 'jwt-3', exp: now - 60 }) });
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0].message).toContain('expired');
    const none = await visitorOf(b).boot({ intercom_user_jwt: userJwt(secret, { user_id: 'jwt-4' }, { alg: 'none' }) });
    expect(none.status).toBe(401);
    const mismatch = await visitorOf(b).boot({ user_id: 'jwt-5', intercom_user_jwt: userJwt(secret, { user_id: 'jwt-1' }) });
    expect(mismatch.status).toBe(401);
    expect(await contactsWith('jwt-2')).toBe(0);
    expect(await contactsWith('jwt-3')).toBe(0);
  });

  it('a token issued before enforcement no longer reaches the user; a rotated secret needs a new proof', async () => {
    const workspace = await messengerWorkspace(server.url, 'Messenger C');
    const visitor = visitorOf(workspace);
    expect((await visitor.boot({ user_id: 'early' })).status).toBe(200);
    const firstSecret = (await workspace.owner.post('/app-api/messenger/identity-secret')).body.secret;
    await workspace.owner.put('/app-api/messenger/settings', { identity_verification: { enforced: true } });
    const refused = await visitor.api.get('/messenger-api/conversations');
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].code).toBe('identity_verification_failed');

    expect((await visitor.boot({ user_id: 'early', user_hash: userHash(firstSecret, 'early') })).status).toBe(200);
    expect((await visitor.api.get('/messenger-api/conversations')).status).toBe(200);
    // Anonymous visitors are not affected by enforcement.
    expect((await visitorOf(workspace).boot({ plan: 'free' })).status).toBe(200);

    const secondSecret = (await workspace.owner.post('/app-api/messenger/identity-secret')).body.secret;
    expect((await visitor.api.get('/messenger-api/conversations')).status).toBe(401);
    expect((await visitor.boot({ user_id: 'early', user_hash: userHash(firstSecret, 'early') })).status).toBe(401);
    expect((await visitor.boot({ user_id: 'early', user_hash: userHash(secondSecret, 'early') })).status).toBe(200);
  });
});

describe('content safety', () => {
  it('stores card numbers redacted, with a visible marker and the redacted flag', async () => {
    const visitor = visitorOf(a);
    await visitor.boot();
    const written = await visitor.write('My card is 4111 1111 1111 1111, expiry 12/30');
    expect(written.status).toBe(201);
    expect(written.body.parts[0]).toMatchObject({ body: '<p>My card is [redacted], expiry 12/30</p>', redacted: true });
    const id = written.body.conversation.id;
    const replied = await visitor.reply(id, 'Or use 5500-0000-0000-0004 instead');
    expect(replied.status).toBe(200);
    expect(replied.body.part).toMatchObject({ body: '<p>Or use [redacted] instead</p>', redacted: true });

    const rest = (await a.rest.get(`/api/conversations/${id}`)).body;
    expect(rest.source).toMatchObject({ body: '<p>My card is [redacted], expiry 12/30</p>', redacted: true });
    const part = rest.conversation_parts.conversation_parts.at(-1);
    expect(part).toMatchObject({ body: '<p>Or use [redacted] instead</p>', redacted: true });
    expect(JSON.stringify(rest)).not.toMatch(/4111 1111|5500-0000/);
  });

  it('stores hostile HTML sanitized', async () => {
    const visitor = visitorOf(a);
    await visitor.boot();
    const written = await visitor.write('<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">click</a><b>hi</b>');
    expect(written.status).toBe(201);
    const body = bodyOf((await a.rest.get(`/api/conversations/${written.body.conversation.id}`)).body);
    expect(body).not.toMatch(/onerror|<script|javascript:/i);
    expect(body).toContain('<b>hi</b>');
  });

  it('takes allowed attachments and refuses the others with a clear message', async () => {
    const visitor = visitorOf(a);
    await visitor.boot();
    const uploaded = await visitor.upload(png, 'image/png', 'screen shot.png');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: 'screen shot.png', content_type: 'image/png', size: png.length });
    expect(uploaded.body.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(uploaded.body.url).toBe(`${server.url}/files/${uploaded.body.id}/screen%20shot.png`);

    const served = await fetch(uploaded.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-disposition')).toMatch(/^inline/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe('sandbox');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    const written = await visitor.write('', [uploaded.body.id]);
    expect(written.status).toBe(201);
    expect(written.body.parts[0].attachments).toEqual([{ name: 'screen shot.png', url: uploaded.body.url, content_type: 'image/png', filesize: png.length }]);
    const rest = (await a.rest.get(`/api/conversations/${written.body.conversation.id}`)).body;
    expect(rest.source.attachments[0]).toMatchObject({ type: 'upload', url: uploaded.body.url, content_type: 'image/png' });

    const refused = await visitor.upload('MZ', 'application/x-msdownload', 'setup.exe');
    expect(refused.status).toBe(415);
    expect(refused.body.errors[0]).toMatchObject({ code: 'attachment_type_not_allowed' });
    expect(refused.body.errors[0].message).toContain("Files of type application/x-msdownload can't be sent here");
    const notPng = await visitor.upload('<html><script>alert(1)</script></html>', 'image/png', 'fake.png');
    expect(notPng.status).toBe(415);

    // Another visitor cannot attach this one's upload.
    const other = visitorOf(a);
    await other.boot();
    const stolen = await other.write('look', [uploaded.body.id]);
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors[0].field).toBe('attachment_ids');
  });

  it('serves SVG and HTML as downloads, never inline', async () => {
    await a.owner.put('/app-api/messenger/settings', { content_safety: { allowed_attachment_types: ['image/*', 'text/html'] } });
    const visitor = visitorOf(a);
    await visitor.boot();
    for (const [type, name] of [
      ['image/svg+xml', 'logo.svg'],
      ['text/html', 'page.html'],
    ]) {
      const uploaded = await visitor.upload('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', type as string, name as string);
      expect(uploaded.status).toBe(201);
      const served = await fetch(uploaded.body.url);
      expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
      expect(served.headers.get('content-type')).toBe('application/octet-stream');
      expect(served.headers.get('content-security-policy')).toBe('sandbox');
    }
    await a.owner.put('/app-api/messenger/settings', { content_safety: { allowed_attachment_types: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] } });
  });

  it('refuses files over the size limit (413) and any file when attachments are off (403)', async () => {
    const workspace = await messengerWorkspace(server.url, 'Messenger Files');
    await workspace.owner.put('/app-api/messenger/settings', { content_safety: { max_attachment_bytes: 1024 } });
    const visitor = visitorOf(workspace);
    await visitor.boot();
    const big = await visitor.upload(Buffer.alloc(2048, 1), 'application/pdf', 'big.pdf');
    expect(big.status).toBe(413);
    expect(big.body.errors[0]).toMatchObject({ code: 'attachment_too_large', message: expect.stringContaining('at most') });
    expect((await visitor.upload(Buffer.alloc(512, 1), 'application/pdf', 'small.pdf')).status).toBe(201);

    await workspace.owner.put('/app-api/messenger/settings', { content_safety: { attachments_enabled: false } });
    const off = await visitor.upload(png, 'image/png', 'a.png');
    expect(off.status).toBe(403);
    expect(off.body.errors[0]).toMatchObject({ code: 'attachments_disabled', message: 'Attachments are turned off for this Messenger.' });
    expect((await visitor.boot()).body.messenger.attachments.enabled).toBe(false);
  });

  it('answers a flood with 429 and a clear message', async () => {
    const workspace = await messengerWorkspace(server.url, 'Messenger Flood');
    await workspace.owner.put('/app-api/messenger/settings', { content_safety: { visitor_messages_per_minute: 3 } });
    const visitor = visitorOf(workspace);
    await visitor.boot();
    const first = await visitor.write('one');
    expect(first.status).toBe(201);
    expect((await visitor.reply(first.body.conversation.id, 'two')).status).toBe(200);
    expect((await visitor.reply(first.body.conversation.id, 'three')).status).toBe(200);
    const flooded = await visitor.reply(first.body.conversation.id, 'four');
    expect(flooded.status).toBe(429);
    expect(flooded.body.errors[0]).toMatchObject({ code: 'rate_limit_exceeded', message: expect.stringContaining("You're sending messages too quickly") });
    expect(Number(flooded.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another visitor is not held back.
    const other = visitorOf(workspace);
    await other.boot();
    expect((await other.write('hello')).status).toBe(201);
  });
});

describe('isolation', () => {
  it("a visitor cannot read or write another visitor's or another workspace's conversation", async () => {
    const alice = visitorOf(a);
    await alice.boot();
    const hers = (await alice.write('Mine')).body.conversation.id;
    const bob = visitorOf(a);
    await bob.boot();
    await bob.write('His');
    expect((await bob.api.get(`/messenger-api/conversations/${hers}`)).status).toBe(404);
    expect((await bob.reply(hers, 'intrusion')).status).toBe(404);
    expect((await bob.api.post(`/messenger-api/conversations/${hers}/seen`)).status).toBe(404);

    const elsewhere = visitorOf(b);
    await elsewhere.boot();
    await elsewhere.write('Workspace B');
    expect((await elsewhere.api.get(`/messenger-api/conversations/${hers}`)).status).toBe(404);
    expect((await elsewhere.reply(hers, 'intrusion')).status).toBe(404);
    const rest = (await a.rest.get(`/api/conversations/${hers}`)).body;
    expect(rest.conversation_parts.conversation_parts).toHaveLength(0);
  });
});

describe('unread and seen', () => {
  it("counts the team's replies until the visitor has seen them", async () => {
    const visitor = visitorOf(a);
    await visitor.boot();
    const id = (await visitor.write('Anyone there?')).body.conversation.id;
    const admin = (await a.rest.get('/api/me')).body.id;
    const note = await a.rest.post(`/api/conversations/${id}/reply`, { message_type: 'note', type: 'admin', admin_id: admin, body: 'internal' });
    expect(note.status).toBe(200);
    const answer = await a.rest.post(`/api/conversations/${id}/reply`, { message_type: 'comment', type: 'admin', admin_id: admin, body: 'Yes, hello!' });
    expect(answer.status).toBe(200);

    const shown = (await visitor.api.get(`/messenger-api/conversations/${id}`)).body;
    expect(shown.parts.map((part: { body: string }) => part.body)).toEqual(['<p>Anyone there?</p>', '<p>Yes, hello!</p>']);
    expect(shown.parts[1].author).toMatchObject({ type: 'admin', name: 'Olivia Owner' });
    expect(shown.conversation.unread_count).toBe(1);
    expect((await visitor.boot()).body.unread_count).toBe(1);

    expect((await visitor.api.post(`/messenger-api/conversations/${id}/seen`)).status).toBe(204);
    expect((await visitor.api.get('/messenger-api/conversations')).body.conversations[0].unread_count).toBe(0);
    expect((await visitor.boot()).body.unread_count).toBe(0);
    // Seeing again with nothing new writes nothing.
    const seq = (await visitor.api.get(`/messenger-api/conversations/${id}`)).body.conversation.seq;
    await visitor.api.post(`/messenger-api/conversations/${id}/seen`);
    expect((await visitor.api.get(`/messenger-api/conversations/${id}`)).body.conversation.seq).toBe(seq);
  });
});
