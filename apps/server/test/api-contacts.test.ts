import { type Intercom, IntercomClient } from 'intercom-client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForApiToken } from '../src/modules/api-tokens/service.ts';
import { createSegment } from '../src/modules/segments/service.ts';
import { hashToken } from '../src/platform/crypto/tokens.ts';
import { rows } from '../src/platform/db/database.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { HttpClient, signUp } from './http-client.ts';

let server: TestServer;
let sdk: IntercomClient;
let token: string;
let api: HttpClient;
let other: HttpClient;

async function apiToken(workspace: string) {
  const { client } = await signUp(server.url, { workspace_name: workspace });
  return (await client.post('/app-api/api-tokens', { name: 'tests' })).body.token as string;
}

/** Every field of Intercom's contact is present; unknown ones are null, never missing. */
function expectContactShape(contact: Intercom.Contact & Record<string, unknown>) {
  for (const field of ['external_id', 'email', 'email_domain', 'phone', 'name', 'avatar', 'owner_id', 'signed_up_at', 'last_seen_at', 'browser', 'os', 'ios_device', 'android_last_seen_at', 'utm_source', 'referrer']) {
    expect(contact, field).toHaveProperty(field);
  }
  expect(contact.type).toBe('contact');
  expect(typeof contact.created_at).toBe('number');
  expect(contact.tags).toMatchObject({ type: 'list', data: expect.any(Array), url: `/contacts/${contact.id}/tags`, total_count: expect.any(Number), has_more: false });
  expect(contact.notes).toMatchObject({ type: 'list', data: expect.any(Array) });
  expect(contact.companies).toMatchObject({ type: 'list', data: expect.any(Array) });
  expect(contact.location).toEqual({ type: 'location', country: null, region: null, city: null, country_code: null, continent_code: null });
  expect(contact.social_profiles).toEqual({ type: 'list', data: [] });
  expect(contact).toHaveProperty('opted_in_subscription_types.type', 'list');
}

beforeAll(async () => {
  server = await startTestServer();
  token = await apiToken('People A');
  sdk = new IntercomClient({ token, baseUrl: `${server.url}/api` });
  api = new HttpClient(server.url, token);
  other = new HttpClient(server.url, await apiToken('People B'));
  for (const [name, data_type] of [['plan', 'string'], ['seats', 'integer']]) {
    expect((await api.post('/api/data_attributes', { name, model: 'contact', data_type })).status).toBe(200);
  }
});
afterAll(async () => {
  await server?.stop();
});

describe('contacts through the Intercom SDK', () => {
  it('a user is created, found, updated with merged custom attributes, found by external id and deleted', async () => {
    const created = await sdk.contacts.create({ role: 'user', external_id: 'u-1', email: 'Ada@Example.com', name: 'Ada', custom_attributes: { plan: 'pro' } });
    expectContactShape(created as never);
    expect(created).toMatchObject({ role: 'user', external_id: 'u-1', email: 'Ada@Example.com', email_domain: 'example.com', custom_attributes: { plan: 'pro' } });

    const found = await sdk.contacts.find({ contact_id: created.id });
    expect(found.id).toBe(created.id);

    const updated = await sdk.contacts.update({ contact_id: created.id, name: 'Ada L.', custom_attributes: { seats: 3 } });
    expect(updated).toMatchObject({ name: 'Ada L.', custom_attributes: { plan: 'pro', seats: 3 } });

    const byExternalId = await sdk.contacts.showContactByExternalId({ external_id: 'u-1' });
    expect(byExternalId.id).toBe(created.id);

    const deleted = await sdk.contacts.delete({ contact_id: created.id });
    expect(deleted).toEqual({ type: 'contact', id: created.id, external_id: 'u-1', deleted: true });
    expect((await api.get(`/api/contacts/${created.id}`)).status).toBe(404);
  });

  it('a lead needs only its role', async () => {
    const lead = await sdk.contacts.create({ role: 'lead' });
    expect(lead).toMatchObject({ role: 'lead', email: null, external_id: null });
  });

  it('the list pages through every contact with the SDK pager, and the last page has no next', async () => {
    const pagerToken = await apiToken('Pager');
    const fresh = new HttpClient(server.url, pagerToken);
    const pagerSdk = new IntercomClient({ token: pagerToken, baseUrl: `${server.url}/api` });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await pagerSdk.contacts.create({ email: `pager-${i}@example.com` })).id);
    const seen: string[] = [];
    for await (const contact of await pagerSdk.contacts.list({ per_page: 3 })) seen.push(contact.id);
    expect(seen).toEqual(ids);

    const first = await fresh.get('/api/contacts?per_page=3');
    expect(first.body).toMatchObject({ type: 'list', total_count: 7, pages: { type: 'pages', page: 1, per_page: 3, total_pages: 3 } });
    const second = await fresh.get(`/api/contacts?per_page=3&starting_after=${first.body.pages.next.starting_after}`);
    expect(second.body.pages.page).toBe(2);
    const third = await fresh.get(`/api/contacts?per_page=3&starting_after=${second.body.pages.next.starting_after}`);
    expect(third.body.data).toHaveLength(1);
    expect(third.body.pages).not.toHaveProperty('next');
    expect((await fresh.get('/api/contacts?per_page=151')).status).toBe(400);
    expect((await fresh.get('/api/contacts?starting_after=garbage')).status).toBe(400);
  });

  it('search combines AND and OR groups two deep, custom attributes, tags and dates', async () => {
    const mk = (email: string, plan: string, seats: number) => sdk.contacts.create({ email, name: email.split('@')[0], custom_attributes: { plan, seats } });
    const alice = await mk('alice@search.test', 'pro', 10);
    const bob = await mk('bob@search.test', 'free', 1);
    const carol = await mk('carol@search.test', 'pro', 2);
    await mk('dan@elsewhere.test', 'pro', 50);
    const vip = await sdk.tags.create({ name: 'search-vip' });
    await sdk.tags.tagContact({ contact_id: bob.id, id: vip.id });

    // (email ends with @search.test AND seats > 5) OR (email ends with @search.test AND tagged vip)
    const query: Intercom.SearchRequest['query'] = {
      operator: 'OR',
      value: [
        {
          operator: 'AND',
          value: [
            { field: 'email', operator: '$', value: '@search.test' },
            { field: 'custom_attributes.seats', operator: '>', value: 5 },
          ],
        },
        {
          operator: 'AND',
          value: [
            { field: 'email', operator: '$', value: '@search.test' },
            { field: 'tag_id', operator: '=', value: vip.id },
          ],
        },
      ],
    };
    const found: string[] = [];
    for await (const contact of await sdk.contacts.search({ query, pagination: { per_page: 1 } })) found.push(contact.id);
    expect(found.sort()).toEqual([alice.id, bob.id].sort());

    const pros = await api.post('/api/contacts/search', {
      query: { operator: 'AND', value: [{ field: 'custom_attributes.plan', operator: '=', value: 'pro' }, { field: 'email_domain', operator: '=', value: 'search.test' }] },
    });
    expect(pros.body.data.map((c: { id: string }) => c.id).sort()).toEqual([alice.id, carol.id].sort());
    expect(pros.body.pages.per_page).toBe(50);

    const today = Math.floor(Date.now() / 1000);
    const createdToday = await api.post('/api/contacts/search', { query: { field: 'created_at', operator: '=', value: today } });
    expect(createdToday.body.total_count).toBeGreaterThanOrEqual(4);
    const notTagged = await api.post('/api/contacts/search', {
      query: { operator: 'AND', value: [{ field: 'tag_id', operator: '!=', value: vip.id }, { field: 'email', operator: '$', value: '@search.test' }] },
    });
    expect(notTagged.body.data.map((c: { id: string }) => c.id).sort()).toEqual([alice.id, carol.id].sort());

    // A segment's stored query applies through segment_id.
    const actor = await actorForApiToken(server.server.platform.database.orm, hashToken(token));
    if (!actor) throw new Error('no actor for the token');
    const segment = await createSegment(server.server.platform, actor, {
      name: 'Pro searchers',
      person_type: 'user',
      query: { operator: 'AND', value: [{ field: 'custom_attributes.plan', operator: '=', value: 'pro' }, { field: 'email', operator: '$', value: '@search.test' }] },
    });
    const inSegment = await api.post('/api/contacts/search', {
      query: { operator: 'AND', value: [{ field: 'segment_id', operator: '=', value: segment.id }, { field: 'custom_attributes.seats', operator: '<', value: 5 }] },
    });
    expect(inSegment.body.data.map((c: { id: string }) => c.id)).toEqual([carol.id]);
  });

  it('a lead merged into a user hands over its tags, companies, notes and events, then disappears', async () => {
    const user = await sdk.contacts.create({ role: 'user', external_id: 'merge-user', email: 'merge@example.com' });
    const lead = await sdk.contacts.create({ role: 'lead', name: 'Visitor', custom_attributes: { plan: 'trial' } });
    const tag = await sdk.tags.create({ name: 'from-lead' });
    await sdk.tags.tagContact({ contact_id: lead.id, id: tag.id });
    const company = await sdk.companies.createOrUpdate({ company_id: 'merge-co', name: 'Merge Co' });
    await sdk.companies.attachContact({ contact_id: lead.id, id: company.id });
    const note = await api.post(`/api/contacts/${lead.id}/notes`, { body: 'Met at the booth' });
    expect(note.status).toBe(200);
    expect((await api.post('/api/events', { event_name: 'visited-pricing', id: lead.id })).status).toBe(202);

    const merged = await sdk.contacts.mergeLeadInUser({ from: lead.id, into: user.id });
    expect(merged).toMatchObject({ id: user.id, role: 'user', name: 'Visitor', custom_attributes: { plan: 'trial' } });
    expect(merged.tags?.data?.map((t) => t.id)).toEqual([tag.id]);
    expect(merged.companies?.data?.map((c) => c.id)).toEqual([company.id]);
    expect(merged.notes?.total_count).toBe(1);
    expect((await api.get(`/api/contacts/${lead.id}`)).status).toBe(404);
    const tags = await sdk.contacts.listAttachedTags({ contact_id: user.id });
    expect(tags.data?.map((t) => t.name)).toEqual(['from-lead']);
    const events = await api.get(`/api/events?type=user&intercom_user_id=${user.id}`);
    expect(events.body.events.map((e: { event_name: string }) => e.event_name)).toEqual(['visited-pricing']);
    expect((await sdk.companies.find({ company_id: company.id })).user_count).toBe(1);

    // Only a lead can be merged, and only into a user.
    const otherUser = await sdk.contacts.create({ email: 'second-merge@example.com' });
    expect((await api.post('/api/contacts/merge', { from: otherUser.id, into: user.id })).status).toBe(400);
  });
});

describe('contacts over raw HTTP', () => {
  it('a second user with the same email or external id is a 409 naming the existing contact', async () => {
    const first = await api.post('/api/contacts', { email: 'dup@example.com', external_id: 'dup-1' });
    expect(first.status).toBe(200);
    const byEmail = await api.post('/api/contacts', { email: 'DUP@example.com' });
    expect(byEmail.status).toBe(409);
    expect(byEmail.body.errors[0]).toMatchObject({ code: 'conflict', message: expect.stringContaining(first.body.id) });
    const byExternalId = await api.post('/api/contacts', { external_id: 'dup-1', email: 'another@example.com' });
    expect(byExternalId.status).toBe(409);
    expect(byExternalId.body.errors[0].message).toContain(first.body.id);
    // A lead may share an email with a user; an update onto a taken email is refused too.
    expect((await api.post('/api/contacts', { role: 'lead', email: 'dup@example.com' })).status).toBe(200);
    const second = await api.post('/api/contacts', { email: 'dup2@example.com' });
    const clash = await api.put(`/api/contacts/${second.body.id}`, { email: 'dup@example.com' });
    expect(clash.status).toBe(409);
    expect(clash.body.errors[0].message).toContain(first.body.id);
  });

  it('an unknown custom attribute is a 400 naming it, and nothing is stored', async () => {
    const response = await api.post('/api/contacts', { email: 'attr@example.com', custom_attributes: { favourite_colour: 'teal' } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ code: 'parameter_invalid', message: expect.stringContaining('favourite_colour') });
    const search = await api.post('/api/contacts/search', { query: { field: 'email', operator: '=', value: 'attr@example.com' } });
    expect(search.body.total_count).toBe(0);
    const wrongType = await api.post('/api/contacts', { email: 'attr@example.com', custom_attributes: { seats: 'many' } });
    expect(wrongType.status).toBe(400);
  });

  it('unknown fields in bodies and a body without email, external_id or role are refused', async () => {
    const unknown = await api.post('/api/contacts', { email: 'x@example.com', favourite: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toContain('favourite');
    expect((await api.post('/api/contacts', { name: 'Nobody' })).status).toBe(400);
    expect((await api.post('/api/contacts', { email: 'not-an-email' })).status).toBe(400);
    expect((await api.post('/api/contacts/search', { query: { field: 'email', operator: '=', value: 'a' }, sort: 'x' })).status).toBe(400);
    expect((await api.post('/api/contacts/merge', { from: 'a', into: 'b', extra: 1 })).status).toBe(400);
  });

  it('SQL in search values is matched as plain text', async () => {
    const weird = `O'Brien"); drop table contacts; --`;
    const created = await api.post('/api/contacts', { role: 'lead', name: weird, email: "o'brien@example.com" });
    expect(created.status).toBe(200);
    for (const value of [weird, "' or 1=1 --", '%', '_']) {
      const response = await api.post('/api/contacts/search', { query: { field: 'name', operator: '~', value } });
      expect(response.status).toBe(200);
      expect(response.body.data.every((c: { name: string | null }) => c.name?.toLowerCase().includes(value.toLowerCase()))).toBe(true);
    }
    const exact = await api.post('/api/contacts/search', { query: { field: 'name', operator: '=', value: weird } });
    expect(exact.body.data.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const inList = await api.post('/api/contacts/search', { query: { field: 'email', operator: 'IN', value: ["o'brien@example.com", "') or true --"] } });
    expect(inList.body.data.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const injectedField = await api.post('/api/contacts/search', { query: { field: 'email; drop table contacts', operator: '=', value: 'x' } });
    expect(injectedField.status).toBe(400);
    expect((await api.get('/api/contacts')).status).toBe(200);
  });

  it('a search nested three deep, an unknown field or a bad operator is a 400', async () => {
    const leaf = { field: 'email', operator: '=', value: 'a@b.c' };
    const deep = await api.post('/api/contacts/search', { query: { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [leaf] }] }] } });
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].code).toBe('parameter_invalid');
    expect((await api.post('/api/contacts/search', { query: { field: 'shoe_size', operator: '=', value: 1 } })).body.errors[0].message).toContain('shoe_size');
    expect((await api.post('/api/contacts/search', { query: { field: 'tag_id', operator: 'IN', value: ['1'] } })).status).toBe(400);
    expect((await api.post('/api/contacts/search', { query: { field: 'created_at', operator: '~', value: 'x' } })).status).toBe(400);
    expect((await api.post('/api/contacts/search', { query: { field: 'custom_attributes.nope', operator: '=', value: 'x' } })).status).toBe(400);
  });

  it("workspace B's token sees workspace A's contacts as 404 on every route", async () => {
    const contact = (await api.post('/api/contacts', { email: 'private@example.com', external_id: 'private-1' })).body;
    const lead = (await api.post('/api/contacts', { role: 'lead' })).body;
    const bUser = (await other.post('/api/contacts', { email: 'b-user@example.com' })).body;
    const attempts = [
      other.get(`/api/contacts/${contact.id}`),
      other.put(`/api/contacts/${contact.id}`, { name: 'Mallory' }),
      other.delete(`/api/contacts/${contact.id}`),
      other.get('/api/contacts/find_by_external_id/private-1'),
      other.post('/api/contacts/merge', { from: lead.id, into: bUser.id }),
      other.get(`/api/contacts/${contact.id}/tags`),
      other.get(`/api/contacts/${contact.id}/companies`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(404);
      expect(response.body.errors[0].code).toBe('not_found');
    }
    const list = await other.get('/api/contacts');
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([bUser.id]);
    const search = await other.post('/api/contacts/search', { query: { field: 'email', operator: '=', value: 'private@example.com' } });
    expect(search.body.total_count).toBe(0);
    expect((await api.get(`/api/contacts/${contact.id}`)).body.name).toBeNull();
  });

  it('every change is in the event log, and the routes are in the OpenAPI document', async () => {
    const lead = (await api.post('/api/contacts', { role: 'lead', email: 'events@example.com' })).body;
    await api.put(`/api/contacts/${lead.id}`, { role: 'user' });
    const tag = (await api.post('/api/tags', { name: 'evented' })).body;
    await api.post(`/api/contacts/${lead.id}/tags`, { id: tag.id });
    await api.delete(`/api/contacts/${lead.id}/tags/${tag.id}`);
    await api.delete(`/api/contacts/${lead.id}`);
    const events = await rows<{ type: string; payload: Record<string, unknown> }>(
      server.server.platform.database.orm,
      sql`select type, payload from events where aggregate_type = 'contact' and aggregate_id = ${lead.id} order by id`,
    );
    expect(events.map((e) => e.type)).toEqual(['contact.created', 'contact.updated', 'contact.signed_up', 'contact.tag.created', 'contact.tag.deleted', 'contact.deleted']);
    expect(events[0]?.payload).toMatchObject({ contact_id: lead.id, role: 'lead', actor_id: expect.any(Number) });
    expect(events[5]?.payload).toMatchObject({ contact_id: lead.id, external_id: null, role: 'user' });

    const openapi = (await api.get('/api/openapi.json')).body;
    for (const path of ['/contacts', '/contacts/search', '/contacts/merge', '/contacts/{id}', '/companies/scroll', '/tags/{id}', '/contacts/{id}/tags/{tag_id}']) {
      expect(openapi.paths, path).toHaveProperty([path]);
    }
  });
});
