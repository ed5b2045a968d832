import { type Intercom, IntercomClient } from 'intercom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/platform/crypto/tokens.ts';
import { actorForApiToken } from '../src/modules/api-tokens/service.ts';
import { createSegment } from '../src/modules/segments/service.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { HttpClient, signUp } from './http-client.ts';

let server: TestServer;
let token: string;
let sdk: IntercomClient;
let api: HttpClient;
let other: HttpClient;

async function apiToken(workspace: string) {
  const { client } = await signUp(server.url, { workspace_name: workspace });
  return (await client.post('/app-api/api-tokens', { name: 'tests' })).body.token as string;
}

function expectCompanyShape(company: Intercom.Company & Record<string, unknown>) {
  expect(company).toMatchObject({ type: 'company', id: expect.any(String), company_id: expect.any(String), app_id: expect.any(String), monthly_spend: expect.any(Number) });
  for (const field of ['name', 'plan', 'remote_created_at', 'last_request_at', 'size', 'website', 'industry', 'session_count', 'user_count', 'custom_attributes']) {
    expect(company, field).toHaveProperty(field);
  }
  expect(company.tags).toMatchObject({ type: 'tag.list', tags: expect.any(Array) });
  expect(company.segments).toEqual({ type: 'segment.list', segments: [] });
}

beforeAll(async () => {
  server = await startTestServer();
  token = await apiToken('Companies A');
  sdk = new IntercomClient({ token, baseUrl: `${server.url}/api` });
  api = new HttpClient(server.url, token);
  other = new HttpClient(server.url, await apiToken('Companies B'));
  expect((await api.post('/api/data_attributes', { name: 'tier', model: 'company', data_type: 'string' })).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('companies through the Intercom SDK', () => {
  it('POST /companies upserts on company_id: the second call updates the same company', async () => {
    const first = await sdk.companies.createOrUpdate({ company_id: 'acme', name: 'Acme', plan: 'pro', size: 10, custom_attributes: { tier: 'gold' } });
    expectCompanyShape(first as never);
    expect(first).toMatchObject({ company_id: 'acme', name: 'Acme', plan: { type: 'plan', name: 'pro' }, size: 10, user_count: 0, custom_attributes: { tier: 'gold' } });
    const second = await sdk.companies.createOrUpdate({ company_id: 'acme', name: 'Acme Inc', monthly_spend: 99.9 });
    expect(second).toMatchObject({ id: first.id, name: 'Acme Inc', plan: { name: 'pro' }, monthly_spend: 99, custom_attributes: { tier: 'gold' } });

    expect(await sdk.companies.retrieve({ company_id: 'acme' })).toMatchObject({ type: 'company', id: first.id });
    expect(await sdk.companies.retrieve({ name: 'Acme Inc' })).toMatchObject({ type: 'company', id: first.id });
    expect(await sdk.companies.find({ company_id: first.id })).toMatchObject({ id: first.id, name: 'Acme Inc' });
    const updated = await sdk.companies.update({ company_id: first.id, body: { name: 'Acme Corp', industry: 'Anvils' } });
    expect(updated).toMatchObject({ id: first.id, name: 'Acme Corp', industry: 'Anvils', company_id: 'acme' });
    expect((await api.get('/api/companies?company_id=nope')).status).toBe(404);
    expect((await api.get('/api/companies?company_id=acme')).body.type).toBe('company');
    expect(await sdk.companies.delete({ company_id: first.id })).toEqual({ id: first.id, object: 'company', deleted: true });
    expect((await api.get(`/api/companies/${first.id}`)).status).toBe(404);
  });

  it('contacts attach to and detach from companies; user_count follows', async () => {
    const company = await sdk.companies.createOrUpdate({ company_id: 'attach-co', name: 'Attach Co' });
    const contact = await sdk.contacts.create({ email: 'member@attach.test' });
    const attached = await sdk.companies.attachContact({ contact_id: contact.id, id: company.id });
    expect(attached).toMatchObject({ id: company.id, user_count: 1 });
    const again = await sdk.companies.attachContact({ contact_id: contact.id, id: company.id });
    expect(again.user_count).toBe(1);
    const second = await sdk.companies.createOrUpdate({ company_id: 'attach-co-2', name: 'Attach Two' });
    await sdk.companies.attachContact({ contact_id: contact.id, id: second.id });

    const found = await sdk.contacts.find({ contact_id: contact.id });
    expect(found.companies).toMatchObject({ type: 'list', total_count: 2, data: [{ type: 'company', id: company.id, url: `/companies/${company.id}` }, { id: second.id }] });
    const companies: string[] = [];
    for await (const item of await sdk.contacts.listAttachedCompanies({ contact_id: contact.id, per_page: 1 })) companies.push(item.id);
    expect(companies).toEqual([company.id, second.id]);
    const members = await sdk.companies.listAttachedContacts({ company_id: company.id });
    expect(members.data?.map((c) => c.id)).toEqual([contact.id]);

    const detached = await sdk.companies.detachContact({ contact_id: contact.id, company_id: company.id });
    expect(detached).toMatchObject({ id: company.id, user_count: 0 });
    expect((await sdk.contacts.find({ contact_id: contact.id })).companies?.total_count).toBe(1);
    expect((await api.post(`/api/contacts/${contact.id}/companies`, { id: 'missing' })).status).toBe(404);
  });

  it('the offset list and the scroll visit every company once, ending as the SDK expects', async () => {
    const fresh = await apiToken('Company pager');
    const pager = new IntercomClient({ token: fresh, baseUrl: `${server.url}/api` });
    const freshApi = new HttpClient(server.url, fresh);
    const ids: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const made = await Promise.all(Array.from({ length: 9 }, (_, i) => pager.companies.createOrUpdate({ company_id: `co-${batch}-${i}`, name: `Co ${batch}.${i}` })));
      ids.push(...made.map((c) => c.id));
    }
    const listed: string[] = [];
    for await (const company of await pager.companies.list({ per_page: 20, order: 'asc' })) listed.push(company.id);
    expect(listed.sort()).toEqual([...ids].sort());
    const past = await freshApi.post('/api/companies/list?page=99&per_page=20');
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ type: 'list', data: [], total_count: 54 });
    const firstPage = await freshApi.post('/api/companies/list?per_page=20');
    expect(firstPage.body.pages).toMatchObject({ page: 1, per_page: 20, total_pages: 3, next: expect.stringContaining('page=2') });

    const scrolled: string[] = [];
    for await (const company of await pager.companies.scroll()) scrolled.push(company.id);
    expect(scrolled.sort()).toEqual([...ids].sort());
    const one = await freshApi.get('/api/companies/scroll');
    const two = await freshApi.get(`/api/companies/scroll?scroll_param=${one.body.scroll_param}`);
    const end = await freshApi.get(`/api/companies/scroll?scroll_param=${two.body.scroll_param}`);
    expect([one.body.data.length, two.body.data.length, end.body.data.length]).toEqual([50, 4, 0]);
    expect(end.body).not.toHaveProperty('scroll_param');
  });
});

describe('tags through the Intercom SDK', () => {
  it('tags are created once per name, renamed, listed, found and deleted', async () => {
    const vip = await sdk.tags.create({ name: 'VIP' });
    expect(vip).toEqual({ type: 'tag', id: expect.stringMatching(/^\d+$/), name: 'VIP' });
    expect((await sdk.tags.create({ name: 'vip' })).id).toBe(vip.id);
    const renamed = await sdk.tags.create({ name: 'Very Important', id: vip.id });
    expect(renamed).toEqual({ type: 'tag', id: vip.id, name: 'Very Important' });
    const list = await sdk.tags.list();
    expect(list.type).toBe('list');
    expect(list.data?.map((t) => t.name)).toContain('Very Important');
    expect(await sdk.tags.find({ tag_id: vip.id })).toEqual(renamed);
    expect(await sdk.tags.delete({ tag_id: vip.id })).toBeUndefined();
    expect((await api.get(`/api/tags/${vip.id}`)).status).toBe(404);
    expect((await api.get('/api/tags/not-a-number')).status).toBe(404);
  });

  it('contacts are tagged and untagged, alone or in bulk', async () => {
    const contact = await sdk.contacts.create({ email: 'tagged@example.com' });
    const friend = await sdk.contacts.create({ email: 'friend@example.com' });
    const tag = await sdk.tags.create({ name: 'beta' });
    const applied = await sdk.tags.tagContact({ contact_id: contact.id, id: tag.id });
    expect(applied).toMatchObject({ type: 'tag', id: tag.id, name: 'beta', applied_at: expect.any(Number), applied_by: { type: 'admin', id: expect.any(String) } });
    const attached = await sdk.contacts.listAttachedTags({ contact_id: contact.id });
    expect(attached).toMatchObject({ type: 'list', data: [{ type: 'tag', id: tag.id, name: 'beta' }] });
    expect((await sdk.contacts.find({ contact_id: contact.id })).tags?.data).toEqual([{ type: 'tag', id: tag.id, url: `/tags/${tag.id}` }]);
    expect(await sdk.tags.untagContact({ contact_id: contact.id, tag_id: tag.id })).toMatchObject({ id: tag.id, name: 'beta' });
    expect((await sdk.contacts.listAttachedTags({ contact_id: contact.id })).data).toEqual([]);

    const bulk = await sdk.tags.create({ name: 'bulk', users: [{ id: contact.id }, { id: friend.id }] });
    for (const id of [contact.id, friend.id]) expect((await sdk.contacts.listAttachedTags({ contact_id: id })).data?.map((t) => t.id)).toEqual([bulk.id]);
    expect((await api.post('/api/tags', { name: 'bulk', users: [{ id: 'missing' }] })).status).toBe(404);
    expect((await api.post(`/api/contacts/${contact.id}/tags`, { id: '999999' })).status).toBe(404);
  });

  it('companies are tagged and untagged through POST /tags, and listed by tag', async () => {
    const a = await sdk.companies.createOrUpdate({ company_id: 'tag-a', name: 'Tag A' });
    const b = await sdk.companies.createOrUpdate({ company_id: 'tag-b', name: 'Tag B' });
    const tag = await sdk.tags.create({ name: 'enterprise', companies: [{ id: a.id }, { company_id: 'tag-b' }] });
    expect((await sdk.companies.find({ company_id: a.id })).tags?.tags).toMatchObject([{ type: 'tag', id: tag.id, name: 'enterprise' }]);
    const byTag = await sdk.companies.retrieve({ tag_id: tag.id });
    expect(byTag.type).toBe('list');
    expect((byTag as Intercom.CompaniesRetrieveResponse.List).data?.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    await sdk.tags.create({ name: 'enterprise', companies: [{ id: a.id, untag: true }] });
    const after = await api.get(`/api/companies?tag_id=${tag.id}`);
    expect(after.body.data.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect((await api.post('/api/tags', { name: 'x', companies: [{ company_id: 'missing' }] })).status).toBe(404);
  });

  it('a tag a segment filters on cannot be deleted', async () => {
    const tag = await sdk.tags.create({ name: 'segment-tag' });
    const actor = await actorForApiToken(server.server.platform.database.orm, hashToken(token));
    if (!actor) throw new Error('no actor for the token');
    await createSegment(server.server.platform, actor, { name: 'Tagged people', person_type: 'user', query: { field: 'tag_id', operator: '=', value: tag.id } });
    const refused = await api.delete(`/api/tags/${tag.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ code: 'tag_has_dependent_objects', message: expect.stringContaining('Tagged people') });
  });
});

describe('companies and tags over raw HTTP', () => {
  it('bad input is a 400 naming the field', async () => {
    const unknownAttribute = await api.post('/api/companies', { company_id: 'bad', custom_attributes: { shoe_size: 3 } });
    expect(unknownAttribute.status).toBe(400);
    expect(unknownAttribute.body.errors[0].message).toContain('shoe_size');
    expect((await api.post('/api/companies', { company_id: 'bad', colour: 'red' })).body.errors[0].message).toContain('colour');
    expect((await api.post('/api/companies', { name: 'No id' })).status).toBe(400);
    expect((await api.post('/api/tags', { name: 'x', colour: 'red' })).status).toBe(400);
    expect((await api.post('/api/tags', { name: 'x', users: [{ id: 'a', email: 'b' }] })).status).toBe(400);
    expect((await api.post('/api/companies/list?per_page=0')).status).toBe(400);
    expect((await api.get('/api/companies/scroll?scroll_param=nonsense')).status).toBe(400);
  });

  it("workspace B's token sees workspace A's companies and tags as 404 on every route", async () => {
    const company = await sdk.companies.createOrUpdate({ company_id: 'secret-co', name: 'Secret Co' });
    const contact = await sdk.contacts.create({ email: 'secret@example.com' });
    const tag = await sdk.tags.create({ name: 'secret-tag' });
    await sdk.companies.attachContact({ contact_id: contact.id, id: company.id });
    await sdk.tags.tagContact({ contact_id: contact.id, id: tag.id });
    const bContact = (await other.post('/api/contacts', { email: 'b@example.com' })).body;
    const bCompany = (await other.post('/api/companies', { company_id: 'b-co' })).body;
    const attempts = [
      other.get(`/api/companies/${company.id}`),
      other.put(`/api/companies/${company.id}`, { name: 'Mine' }),
      other.delete(`/api/companies/${company.id}`),
      other.get(`/api/companies/${company.id}/contacts`),
      other.get('/api/companies?company_id=secret-co'),
      other.get('/api/companies?name=Secret%20Co'),
      other.post(`/api/contacts/${contact.id}/companies`, { id: bCompany.id }),
      other.post(`/api/contacts/${bContact.id}/companies`, { id: company.id }),
      other.delete(`/api/contacts/${contact.id}/companies/${company.id}`),
      other.get(`/api/contacts/${contact.id}/companies`),
      other.get(`/api/tags/${tag.id}`),
      other.delete(`/api/tags/${tag.id}`),
      other.post('/api/tags', { name: 'renamed', id: tag.id }),
      other.post(`/api/contacts/${bContact.id}/tags`, { id: tag.id }),
      other.post(`/api/contacts/${contact.id}/tags`, { id: tag.id }),
      other.delete(`/api/contacts/${contact.id}/tags/${tag.id}`),
      other.get(`/api/contacts/${contact.id}/tags`),
      other.post('/api/tags', { name: 'b-tag', users: [{ id: contact.id }] }),
      other.post('/api/tags', { name: 'b-tag', companies: [{ id: company.id }] }),
    ];
    for (const [index, response] of (await Promise.all(attempts)).entries()) {
      expect(response.status, `attempt ${index}`).toBe(404);
      expect(response.body.errors[0].code).toBe('not_found');
    }
    expect((await other.get('/api/tags')).body.data.map((t: { name: string }) => t.name)).not.toContain('secret-tag');
    expect((await other.post('/api/companies/list')).body.data.map((c: { id: string }) => c.id)).toEqual([bCompany.id]);
    expect((await other.get(`/api/companies?tag_id=${tag.id}`)).body.data).toEqual([]);
    // A's objects are unchanged.
    expect((await sdk.tags.find({ tag_id: tag.id })).name).toBe('secret-tag');
    expect((await sdk.companies.find({ company_id: company.id })).user_count).toBe(1);
  });
});
