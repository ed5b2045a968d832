import type { CompanyContactPage, CompanyPage, CompanyProfile, ContactPage, ContactProfile, DataAttribute, Segment, Tag } from '@frontdesk/api-types';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { browser, goodPassword, HttpClient, signUp, uniqueEmail } from './http-client.ts';

let server: TestServer;
let inbox: HttpClient;
let api: HttpClient;
let outsider: HttpClient;
let agent: HttpClient;
const ids: Record<string, string> = {};

async function ok<T>(response: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const answered = await response;
  expect(answered.status, JSON.stringify(answered.body)).toBe(status);
  return answered.body;
}

const contactsWhere = (params: Record<string, string | number>) =>
  ok<ContactPage>(inbox.get(`/app-api/contacts?${new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]))}`));
const emailsOf = (page: ContactPage) => page.contacts.map((contact) => contact.email).sort();

async function createContact(body: Record<string, unknown>) {
  return (await ok<{ id: string }>(api.post('/api/contacts', body))).id;
}

beforeAll(async () => {
  server = await startTestServer();
  ({ client: inbox } = await signUp(server.url, { workspace_name: 'People A' }));
  const token = (await ok<{ token: string }>(inbox.post('/app-api/api-tokens', { name: 'seed' }), 201)).token;
  api = new HttpClient(server.url, token);
  ({ client: outsider } = await signUp(server.url, { workspace_name: 'People B' }));

  const invite = await ok<{ invite_url: string }>(inbox.post('/app-api/invites', { email: uniqueEmail('agent'), role: 'agent' }), 201);
  agent = await browser(server.url);
  await ok(agent.post(`/app-api/invites/${invite.invite_url.split('/invite/')[1]}/accept`, { name: 'Alan Agent', password: goodPassword }));

  await ok(inbox.post('/app-api/data-attributes', { name: 'plan', model: 'contact', data_type: 'options', options: ['free', 'pro', 'enterprise'] }), 201);
  await ok(inbox.post('/app-api/data-attributes', { name: 'seats', model: 'contact', data_type: 'integer', description: 'Paid seats' }), 201);
  ids.ada = await createContact({ role: 'user', external_id: 'u-ada', email: 'ada@analytical.test', name: 'Ada Lovelace', custom_attributes: { plan: 'pro', seats: 12 } });
  ids.grace = await createContact({ role: 'user', external_id: 'u-grace', email: 'grace@navy.test', name: 'Grace Hopper', custom_attributes: { plan: 'free', seats: 1 } });
  ids.alan = await createContact({ role: 'user', external_id: 'u-alan', email: 'alan@bletchley.test', name: 'Alan Turing', custom_attributes: { plan: 'pro', seats: 3 } });
  ids.lead = await createContact({ role: 'lead', email: 'visitor@unknown.test', name: 'Curious Visitor' });
  ids.leadTwo = await createContact({ role: 'lead', name: 'Anonymous Ada' });
});

afterAll(async () => {
  await server?.stop();
});

describe('the contacts list', () => {
  it('filters by role, name or email, tag and custom attribute conditions through the search compiler', async () => {
    expect((await contactsWhere({})).total).toBe(5);
    expect(emailsOf(await contactsWhere({ role: 'lead' }))).toEqual([null, 'visitor@unknown.test']);
    // "ada" matches a name and an email, case-insensitively.
    expect((await contactsWhere({ text: 'ADA' })).contacts.map((contact) => contact.name).sort()).toEqual(['Ada Lovelace', 'Anonymous Ada']);
    expect(emailsOf(await contactsWhere({ text: 'ada', role: 'user' }))).toEqual(['ada@analytical.test']);

    const tag = await ok<{ id: string; name: string }>(inbox.post(`/app-api/contacts/${ids.grace}/tags`, { name: 'VIP' }));
    const tagged = await contactsWhere({ tag_id: tag.id });
    expect(emailsOf(tagged)).toEqual(['grace@navy.test']);
    expect(tagged.contacts[0]?.tags).toEqual([{ id: tag.id, name: 'VIP' }]);

    const pro = [{ field: 'custom_attributes.plan', operator: '=', value: 'pro' }];
    expect(emailsOf(await contactsWhere({ conditions: JSON.stringify(pro) }))).toEqual(['ada@analytical.test', 'alan@bletchley.test']);
    const bigPro = [...pro, { field: 'custom_attributes.seats', operator: '>', value: 5 }];
    expect(emailsOf(await contactsWhere({ conditions: JSON.stringify(bigPro) }))).toEqual(['ada@analytical.test']);
    expect(emailsOf(await contactsWhere({ conditions: JSON.stringify([{ field: 'email', operator: '$', value: '.test' }]), role: 'lead' }))).toEqual(['visitor@unknown.test']);
  });

  it('refuses conditions the compiler cannot check, naming them', async () => {
    const unknown = await inbox.get(`/app-api/contacts?conditions=${encodeURIComponent(JSON.stringify([{ field: 'custom_attributes.nope', operator: '=', value: 'x' }]))}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toContain('custom_attributes.nope');
    const wrongType = await inbox.get(`/app-api/contacts?conditions=${encodeURIComponent(JSON.stringify([{ field: 'custom_attributes.seats', operator: '>', value: 'many' }]))}`);
    expect(wrongType.status).toBe(400);
    expect((await inbox.get('/app-api/contacts?conditions=not-json')).status).toBe(400);
    expect((await inbox.get(`/app-api/contacts?conditions=${encodeURIComponent(JSON.stringify([{ field: 'email', operator: 'LIKE', value: 'x' }]))}`)).status).toBe(400);
  });

  it('pages with an opaque cursor until next is null, with every contact exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ContactPage = await contactsWhere({ per_page: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(5);
      seen.push(...page.contacts.map((contact) => contact.id));
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect((await inbox.get('/app-api/contacts?cursor=garbage')).status).toBe(400);
  });
});

describe('segments', () => {
  it('saves the filters as a segment, counts it, and lists contacts by it', async () => {
    const filters = { role: 'user', conditions: [{ field: 'custom_attributes.plan', operator: '=', value: 'pro' }] };
    const segment = await ok<Segment>(inbox.post('/app-api/segments', { name: 'Pro users', filters }), 201);
    expect(segment).toMatchObject({ name: 'Pro users', person_type: 'user', count: 2 });
    const listed = await ok<{ segments: Segment[] }>(inbox.get('/app-api/segments?include_count=true'));
    expect(listed.segments).toContainEqual(expect.objectContaining({ id: segment.id, count: 2 }));
    expect(emailsOf(await contactsWhere({ segment_id: segment.id }))).toEqual(['ada@analytical.test', 'alan@bletchley.test']);
    expect(emailsOf(await contactsWhere({ segment_id: segment.id, text: 'alan' }))).toEqual(['alan@bletchley.test']);
    // The REST API sees the same segment.
    expect((await ok<{ count: number }>(api.get(`/api/segments/${segment.id}`))).count).toBe(2);
    // The segment follows the contacts: a third pro user joins it.
    await ok(inbox.put(`/app-api/contacts/${ids.grace}`, { custom_attributes: { plan: 'pro' } }));
    expect((await contactsWhere({ segment_id: segment.id })).total).toBe(3);
    await ok(inbox.put(`/app-api/contacts/${ids.grace}`, { custom_attributes: { plan: 'free' } }));
    ids.segment = segment.id;
  });

  it('refuses a segment without filters, one built on another segment, and another workspace reads none', async () => {
    expect((await inbox.post('/app-api/segments', { name: 'Everyone', filters: {} })).status).toBe(400);
    const nested = await inbox.post('/app-api/segments', { name: 'Nested', filters: { segment_id: ids.segment, role: 'user' } });
    expect(nested.status).toBe(400);
    expect(nested.body.errors[0].field).toBe('filters.segment_id');
    expect((await inbox.post('/app-api/segments', { name: 'Bad', filters: { conditions: [{ field: 'custom_attributes.nope', operator: '=', value: 1 }] } })).status).toBe(400);
    expect((await ok<{ segments: Segment[] }>(outsider.get('/app-api/segments'))).segments).toEqual([]);
    expect((await outsider.get(`/app-api/contacts?segment_id=${ids.segment}`)).status).toBe(400);
  });
});

describe('the contact profile', () => {
  it('has the contact with companies, tags, recent events, visible conversations and notes', async () => {
    const company = await ok<{ id: string }>(api.post('/api/companies', { company_id: 'c-analytical', name: 'Analytical Engines', plan: 'Enterprise' }));
    await ok(api.post(`/api/contacts/${ids.ada}/companies`, { id: company.id }));
    ids.company = company.id;
    await ok(api.post('/api/events', { event_name: 'invoice-paid', id: ids.ada, created_at: Math.floor(Date.now() / 1000) - 60, metadata: { amount: 42 } }), 202);
    const message = await ok<{ conversation_id: string }>(api.post('/api/conversations', { from: { type: 'user', id: ids.ada }, body: 'My engine will not start' }));
    const note = await ok<{ id: string; body: string; author: { name: string } }>(inbox.post(`/app-api/contacts/${ids.ada}/notes`, { body: 'Prefers email <img src=x onerror=alert(1)>' }), 201);
    expect(note.body).toContain('Prefers email');
    expect(note.body).not.toContain('onerror');
    expect(note.author.name).toBe('Olivia Owner');
    await ok(inbox.post(`/app-api/contacts/${ids.ada}/tags`, { name: 'Engineer' }));

    const profile = await ok<ContactProfile>(inbox.get(`/app-api/contacts/${ids.ada}`));
    expect(profile).toMatchObject({
      id: ids.ada,
      role: 'user',
      external_id: 'u-ada',
      name: 'Ada Lovelace',
      email: 'ada@analytical.test',
      phone: null,
      avatar: null,
      last_seen_at: null,
      custom_attributes: { plan: 'pro', seats: 12 },
      companies: [{ id: company.id, company_id: 'c-analytical', name: 'Analytical Engines' }],
      tags: [{ id: expect.any(String), name: 'Engineer' }],
      recent_events: [{ name: 'invoice-paid', created_at: expect.any(Number), metadata: { amount: 42 } }],
      conversations: [{ id: message.conversation_id, title: null, state: 'open', updated_at: expect.any(Number) }],
      notes: [{ id: note.id, body: note.body, author: { type: 'admin', name: 'Olivia Owner' }, created_at: expect.any(Number) }],
    });
    expect(Object.keys(profile).sort()).toEqual(
      ['avatar', 'companies', 'conversations', 'created_at', 'custom_attributes', 'email', 'external_id', 'id', 'last_seen_at', 'name', 'notes', 'phone', 'recent_events', 'role', 'tags'].sort(),
    );
  });

  it("leaves out conversations assigned to another team's inbox for a teammate who may not see all", async () => {
    const session = await ok<{ teammate: { id: string } }>(agent.get('/app-api/session'));
    const owner = await ok<{ teammate: { id: string } }>(inbox.get('/app-api/session'));
    const team = await ok<{ id: string }>(inbox.post('/app-api/teams', { name: 'Billing', admin_ids: [owner.teammate.id] }), 201);
    const hidden = await ok<{ conversation_id: string }>(api.post('/api/conversations', { from: { type: 'user', id: ids.grace }, body: 'Refund please' }));
    const shown = await ok<{ conversation_id: string }>(api.post('/api/conversations', { from: { type: 'user', id: ids.grace }, body: 'Hello' }));
    await ok(
      api.post(`/api/conversations/${hidden.conversation_id}/parts`, { message_type: 'assignment', type: 'team', admin_id: owner.teammate.id, assignee_id: team.id }),
    );
    const conversationsSeenBy = async (client: HttpClient) =>
      (await ok<ContactProfile>(client.get(`/app-api/contacts/${ids.grace}`))).conversations.map((conversation) => conversation.id).sort();
    expect(await conversationsSeenBy(agent)).toEqual([hidden.conversation_id, shown.conversation_id].sort());
    const database = server.server.platform.database;
    await database.orm.execute(
      sql`update memberships set permissions = permissions || '{"access_all_conversations": false}'::jsonb where teammate_id = ${Number(session.teammate.id)}`,
    );
    expect(await conversationsSeenBy(agent)).toEqual([shown.conversation_id]);
    expect(await conversationsSeenBy(inbox)).toEqual([hidden.conversation_id, shown.conversation_id].sort());
    // In the team, the agent sees it again.
    await ok(inbox.put(`/app-api/teams/${team.id}`, { admin_ids: [owner.teammate.id, session.teammate.id] }));
    expect(await conversationsSeenBy(agent)).toEqual([hidden.conversation_id, shown.conversation_id].sort());
  });

  it('edits name, email, phone and custom attributes, checked against the data attributes', async () => {
    const edited = await ok<ContactProfile>(inbox.put(`/app-api/contacts/${ids.alan}`, { name: 'Alan M. Turing', phone: '+44 1908 640404', custom_attributes: { seats: 4 } }));
    expect(edited).toMatchObject({ name: 'Alan M. Turing', phone: '+44 1908 640404', custom_attributes: { plan: 'pro', seats: 4 } });
    const wrongOption = await inbox.put(`/app-api/contacts/${ids.alan}`, { custom_attributes: { plan: 'platinum' } });
    expect(wrongOption.status).toBe(400);
    const wrongType = await inbox.put(`/app-api/contacts/${ids.alan}`, { custom_attributes: { seats: 'four' } });
    expect(wrongType.status).toBe(400);
    const undeclared = await inbox.put(`/app-api/contacts/${ids.alan}`, { custom_attributes: { shoe_size: 44 } });
    expect(undeclared.status).toBe(400);
    expect((await inbox.put(`/app-api/contacts/${ids.alan}`, { email: 'not an email' })).status).toBe(400);
    expect((await inbox.put(`/app-api/contacts/${ids.alan}`, { role: 'lead' })).status).toBe(400);
    // A taken email of another user is a conflict.
    expect((await inbox.put(`/app-api/contacts/${ids.alan}`, { email: 'ada@analytical.test' })).status).toBe(409);
    const unchanged = await ok<ContactProfile>(inbox.get(`/app-api/contacts/${ids.alan}`));
    expect(unchanged.custom_attributes).toEqual({ plan: 'pro', seats: 4 });
    // The agent (permission reply) may edit too.
    expect((await agent.put(`/app-api/contacts/${ids.alan}`, { name: 'Alan Turing' })).status).toBe(200);
  });

  it('adds and removes tags by id or name', async () => {
    const tag = await ok<{ id: string; name: string }>(inbox.post(`/app-api/contacts/${ids.lead}/tags`, { name: 'Prospect' }));
    const again = await ok<{ id: string }>(inbox.post(`/app-api/contacts/${ids.alan}/tags`, { tag_id: tag.id }));
    expect(again.id).toBe(tag.id);
    expect((await ok<ContactProfile>(inbox.get(`/app-api/contacts/${ids.lead}`))).tags).toEqual([tag]);
    expect((await inbox.delete(`/app-api/contacts/${ids.lead}/tags/${tag.id}`)).status).toBe(204);
    expect((await ok<ContactProfile>(inbox.get(`/app-api/contacts/${ids.lead}`))).tags).toEqual([]);
    expect((await inbox.post(`/app-api/contacts/${ids.lead}/tags`, { tag_id: '999999' })).status).toBe(404);
    expect((await inbox.post(`/app-api/contacts/${ids.lead}/tags`, { tag_id: tag.id, name: 'x' })).status).toBe(400);
  });

  it("answers 404 for another workspace's contact and company on every route", async () => {
    const contact = `/app-api/contacts/${ids.ada}`;
    expect((await outsider.get(contact)).status).toBe(404);
    expect((await outsider.put(contact, { name: 'Hijacked' })).status).toBe(404);
    expect((await outsider.post(`${contact}/notes`, { body: 'x' })).status).toBe(404);
    expect((await outsider.post(`${contact}/tags`, { name: 'x' })).status).toBe(404);
    expect((await outsider.get(`/app-api/companies/${ids.company}`)).status).toBe(404);
    expect((await outsider.get(`/app-api/companies/${ids.company}/contacts`)).status).toBe(404);
    expect((await ok<ContactPage>(outsider.get('/app-api/contacts'))).total).toBe(0);
    expect((await ok<ContactProfile>(inbox.get(contact))).name).toBe('Ada Lovelace');
    expect((await inbox.get('/app-api/contacts/nope')).status).toBe(404);
    expect((await new HttpClient(server.url).get(contact)).status).toBe(401);
  });
});

describe('companies', () => {
  it('lists companies filtered by name and tag, with a company and its contacts', async () => {
    await ok(api.post('/api/companies', { company_id: 'c-navy', name: 'US Navy' }));
    await ok(api.post('/api/companies', { company_id: 'c-bletchley', name: 'Bletchley Park' }));
    const tag = await ok<{ id: string }>(api.post('/api/tags', { name: 'Government', companies: [{ company_id: 'c-navy' }] }));
    expect((await ok<CompanyPage>(inbox.get('/app-api/companies'))).total).toBe(3);
    const named = await ok<CompanyPage>(inbox.get('/app-api/companies?text=ENGINE'));
    expect(named.companies.map((company) => company.name)).toEqual(['Analytical Engines']);
    expect(named.companies[0]).toMatchObject({ company_id: 'c-analytical', plan: 'Enterprise', user_count: 1, tags: [] });
    const tagged = await ok<CompanyPage>(inbox.get(`/app-api/companies?tag_id=${tag.id}`));
    expect(tagged.companies.map((company) => company.name)).toEqual(['US Navy']);
    expect(tagged.companies[0]?.tags).toEqual([{ id: tag.id, name: 'Government' }]);
    const paged = await ok<CompanyPage>(inbox.get('/app-api/companies?per_page=2'));
    expect(paged).toMatchObject({ page: 1, next_page: 2, total: 3 });
    expect((await ok<CompanyPage>(inbox.get('/app-api/companies?per_page=2&page=2'))).next_page).toBeNull();
    expect((await ok<CompanyPage>(inbox.get('/app-api/companies?text=%25'))).total).toBe(0);

    const company = await ok<CompanyProfile>(inbox.get(`/app-api/companies/${ids.company}`));
    expect(company).toMatchObject({ name: 'Analytical Engines', user_count: 1, session_count: 0, custom_attributes: {} });
    const contacts = await ok<CompanyContactPage>(inbox.get(`/app-api/companies/${ids.company}/contacts`));
    expect(contacts).toMatchObject({ total: 1, page: 1, next_page: null });
    expect(contacts.contacts.map((contact) => contact.email)).toEqual(['ada@analytical.test']);
  });
});

describe('tags and data attributes settings', () => {
  it('lists tags with their usage; creates, renames and deletes them; agents may only create', async () => {
    const { tags } = await ok<{ tags: Tag[] }>(inbox.get('/app-api/tags'));
    expect(tags.find((tag) => tag.name === 'Engineer')?.usage).toEqual({ contacts: 1, companies: 0, conversations: 0 });
    expect(tags.find((tag) => tag.name === 'Government')?.usage).toEqual({ contacts: 0, companies: 1, conversations: 0 });
    const created = await ok<Tag>(inbox.post('/app-api/tags', { name: 'Churn risk' }), 201);
    expect(created).toMatchObject({ name: 'Churn risk', usage: { contacts: 0, companies: 0, conversations: 0 } });
    expect((await ok<Tag>(inbox.post('/app-api/tags', { name: 'churn RISK' }), 201)).id).toBe(created.id);
    expect((await ok<Tag>(inbox.put(`/app-api/tags/${created.id}`, { name: 'At risk' }))).name).toBe('At risk');
    expect((await inbox.put(`/app-api/tags/${created.id}`, { name: 'Engineer' })).status).toBe(409);
    expect((await agent.post('/app-api/tags', { name: 'Agent made' })).status).toBe(201);
    expect((await agent.put(`/app-api/tags/${created.id}`, { name: 'Nope' })).status).toBe(403);
    expect((await agent.delete(`/app-api/tags/${created.id}`)).status).toBe(403);
    expect((await inbox.delete(`/app-api/tags/${created.id}`)).status).toBe(204);
    expect((await inbox.delete(`/app-api/tags/${created.id}`)).status).toBe(404);
    expect((await outsider.put(`/app-api/tags/${tags[0]?.id}`, { name: 'Mine' })).status).toBe(404);
  });

  it('refuses to delete a tag a segment filters on', async () => {
    const vip = (await ok<{ tags: Tag[] }>(inbox.get('/app-api/tags'))).tags.find((tag) => tag.name === 'VIP');
    await ok(inbox.post('/app-api/segments', { name: 'VIPs', filters: { tag_id: vip?.id } }), 201);
    const refused = await inbox.delete(`/app-api/tags/${vip?.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].code).toBe('tag_has_dependent_objects');
  });

  it('lists data attributes by model; creates, describes and archives them with manage_settings', async () => {
    const { data_attributes: all } = await ok<{ data_attributes: DataAttribute[] }>(inbox.get('/app-api/data-attributes?model=contact'));
    expect(all.find((attribute) => attribute.name === 'email')).toMatchObject({ custom: false, id: null, data_type: 'string' });
    const plan = all.find((attribute) => attribute.name === 'plan');
    expect(plan).toMatchObject({ custom: true, full_name: 'custom_attributes.plan', data_type: 'options', options: ['free', 'pro', 'enterprise'], archived: false });
    const described = await ok<DataAttribute>(inbox.put(`/app-api/data-attributes/${plan?.id}`, { description: 'Billing plan' }));
    expect(described.description).toBe('Billing plan');
    const company = await ok<DataAttribute>(inbox.post('/app-api/data-attributes', { name: 'region', model: 'company', data_type: 'string' }), 201);
    expect(company.model).toBe('company');
    expect((await inbox.post('/app-api/data-attributes', { name: 'tier', model: 'contact', data_type: 'options', options: ['only one'] })).status).toBe(400);
    expect((await inbox.post('/app-api/data-attributes', { name: 'plan', model: 'contact', data_type: 'string' })).status).toBe(400);
    expect((await inbox.post('/app-api/data-attributes', { name: 'email', model: 'contact', data_type: 'string' })).status).toBe(400);
    expect((await agent.post('/app-api/data-attributes', { name: 'sneaky', model: 'contact', data_type: 'string' })).status).toBe(403);
    expect((await agent.get('/app-api/data-attributes?model=company')).status).toBe(200);

    await ok(inbox.put(`/app-api/data-attributes/${company.id}`, { archived: true }));
    const active = (await ok<{ data_attributes: DataAttribute[] }>(inbox.get('/app-api/data-attributes?model=company'))).data_attributes;
    expect(active.some((attribute) => attribute.name === 'region')).toBe(false);
    const withArchived = (await ok<{ data_attributes: DataAttribute[] }>(inbox.get('/app-api/data-attributes?model=company&include_archived=true'))).data_attributes;
    expect(withArchived.find((attribute) => attribute.name === 'region')?.archived).toBe(true);
    expect((await outsider.put(`/app-api/data-attributes/${company.id}`, { archived: false })).status).toBe(404);
  });
});
