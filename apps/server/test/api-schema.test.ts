import { IntercomClient } from 'intercom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolePermissions } from '../src/modules/workspaces/roles.ts';
import { findWorkspaceByIdCode } from '../src/modules/workspaces/service.ts';
import { createSegment } from '../src/modules/segments/service.ts';
import { validateCustomAttributes } from '../src/modules/data-attributes/service.ts';
import type { Actor } from '../src/platform/http/auth.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { type HttpClient, HttpClient as Client, signUp } from './http-client.ts';

/**
 * Data attributes, admins, teams, data events, notes and segments, driven through Intercom's own
 * Node SDK pointed at Frontdesk, plus raw HTTP for what the SDK cannot send.
 */
let server: TestServer;
interface Workspace {
  session: HttpClient;
  api: HttpClient;
  sdk: IntercomClient;
  adminId: string;
  actor: Actor;
}
let a: Workspace;
let b: Workspace;

async function workspace(name: string): Promise<Workspace> {
  const { client, session } = await signUp(server.url, { workspace_name: name });
  const token = (await client.post('/app-api/api-tokens', { name: 'sdk' })).body.token as string;
  const row = await findWorkspaceByIdCode(server.server.platform.database.orm, session.workspace.id_code);
  if (!row) throw new Error('workspace not found');
  const actor: Actor = { workspaceId: row.id, teammateId: Number(session.teammate.id), role: 'owner', permissions: rolePermissions.owner, via: 'token' };
  return {
    session: client,
    api: new Client(server.url, token),
    sdk: new IntercomClient({ token, baseUrl: `${server.url}/api` }),
    adminId: session.teammate.id,
    actor,
  };
}

/** SDK 7 types this request without `name` and `model` (a generator slip); the wire format has them. */
const create = (w: Workspace, body: Record<string, unknown>) => w.sdk.dataAttributes.create(body as never);

/** Calls the SDK and returns the HTTP status it failed with. */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    return (error as { statusCode: number }).statusCode;
  }
  return 200;
}

function expectInvalid(response: { status: number; body: any }, pattern: RegExp) {
  expect(response.status).toBe(400);
  expect(response.body.type).toBe('error.list');
  expect(response.body.errors[0].code).toMatch(/^parameter_(invalid|not_found)$/);
  expect(response.body.errors[0].message).toMatch(pattern);
}

beforeAll(async () => {
  server = await startTestServer();
  a = await workspace('Schema A');
  b = await workspace('Schema B');
});
afterAll(async () => {
  await server?.stop();
});

describe('data attributes', () => {
  it('a developer declares custom attributes and sees them beside the standard ones', async () => {
    const plan = await create(a, { name: 'plan', model: 'contact', data_type: 'string', description: 'Billing plan' });
    expect(plan).toMatchObject({
      type: 'data_attribute',
      model: 'contact',
      name: 'plan',
      full_name: 'custom_attributes.plan',
      label: 'plan',
      description: 'Billing plan',
      data_type: 'string',
      custom: true,
      archived: false,
      admin_id: a.adminId,
    });
    expect(typeof plan.id).toBe('number');
    const tier = await create(a, { name: 'tier', model: 'contact', data_type: 'options', options: [{ value: 'gold' }, { value: 'silver' }] });
    expect(tier.options).toEqual(['gold', 'silver']);
    await create(a, { name: 'seats', model: 'contact', data_type: 'integer' });
    await create(a, { name: 'renews', model: 'contact', data_type: 'date' });
    await create(a, { name: 'plan', model: 'company', data_type: 'string' });

    const list = await a.sdk.dataAttributes.list({ model: 'contact' });
    expect(list.type).toBe('list');
    const names = (list.data ?? []).map((attribute) => attribute.full_name);
    expect(names).toEqual(expect.arrayContaining(['email', 'name', 'location.city', 'custom_attributes.plan', 'custom_attributes.tier']));
    expect(list.data?.find((attribute) => attribute.name === 'email')).toMatchObject({ custom: false, data_type: 'string', model: 'contact' });
    expect(list.data?.every((attribute) => attribute.model === 'contact')).toBe(true);
    const all = await a.sdk.dataAttributes.list();
    expect(all.data?.some((attribute) => attribute.model === 'company' && attribute.full_name === 'custom_attributes.plan')).toBe(true);

    // Workspace B sees none of A's attributes.
    const other = await b.sdk.dataAttributes.list({ model: 'contact' });
    expect(other.data?.some((attribute) => attribute.custom)).toBe(false);
  });

  it('refuses a name that already exists, as Intercom does', async () => {
    const response = await a.api.post('/api/data_attributes', { name: 'plan', model: 'contact', data_type: 'integer' });
    expectInvalid(response, /already have 'plan' in your contact data/);
    expectInvalid(await a.api.post('/api/data_attributes', { name: 'email', model: 'contact', data_type: 'string' }), /already have 'email'/);
    expect(await statusOf(create(a, { name: 'plan', model: 'contact', data_type: 'string' }))).toBe(400);
    // Another workspace may use the same name.
    expect((await b.api.post('/api/data_attributes', { name: 'plan', model: 'contact', data_type: 'string' })).status).toBe(200);
  });

  it('refuses bad definitions with a clean 400 naming the field', async () => {
    expectInvalid(await a.api.post('/api/data_attributes', { name: 'x', model: 'contact', data_type: 'mithril' }), /data_type/);
    expectInvalid(await a.api.post('/api/data_attributes', { name: 'x', model: 'ticket', data_type: 'string' }), /model/);
    expectInvalid(await a.api.post('/api/data_attributes', { name: '!nv@l!d n@me', model: 'contact', data_type: 'string' }), /alphanumeric/);
    expectInvalid(await a.api.post('/api/data_attributes', { name: 'x', model: 'contact', data_type: 'options', options: [{ value: 'one' }] }), /two/);
    expectInvalid(await a.api.post('/api/data_attributes', { name: 'x', model: 'contact', data_type: 'string', options: [{ value: 'a' }, { value: 'b' }] }), /options/);
    expectInvalid(await a.api.post('/api/data_attributes', { name: 'x', model: 'contact', data_type: 'string', colour: 'red' }), /Unknown field "colour"/);
    expectInvalid(await a.api.post('/api/data_attributes', { name: 42, model: 'contact', data_type: 'string' }), /name/);
    expectInvalid(await a.api.get('/api/data_attributes?model=ticket'), /model/);
  });

  it('archives, describes and re-options an attribute; archived ones are listed only on request', async () => {
    const list = await a.sdk.dataAttributes.list({ model: 'contact' });
    const tier = list.data?.find((attribute) => attribute.name === 'tier');
    const updated = await a.sdk.dataAttributes.update({
      data_attribute_id: tier?.id ?? 0,
      body: { options: [{ value: 'gold' }, { value: 'silver' }, { value: 'bronze' }], description: 'Loyalty tier', messenger_writable: true },
    });
    expect(updated).toMatchObject({ description: 'Loyalty tier', options: ['gold', 'silver', 'bronze'], messenger_writable: true });

    const scratch = await create(a, { name: 'scratch', model: 'contact', data_type: 'string' });
    expect((await a.sdk.dataAttributes.update({ data_attribute_id: scratch.id ?? 0, body: { archived: true } })).archived).toBe(true);
    const active = await a.sdk.dataAttributes.list({ model: 'contact' });
    expect(active.data?.some((attribute) => attribute.name === 'scratch')).toBe(false);
    const withArchived = await a.sdk.dataAttributes.list({ model: 'contact', include_archived: true });
    expect(withArchived.data?.some((attribute) => attribute.name === 'scratch' && attribute.archived)).toBe(true);

    expectInvalid(await a.api.put(`/api/data_attributes/${scratch.id}`, { options: [{ value: 'a' }, { value: 'b' }] }), /options/);
    expectInvalid(await a.api.put(`/api/data_attributes/${scratch.id}`, { name: 'renamed' }), /Unknown field "name"/);
    expect((await a.api.put(`/api/data_attributes/${scratch.id}`)).status).toBe(200);
    // Another workspace's attribute is not found.
    expect((await b.api.put(`/api/data_attributes/${scratch.id}`, { archived: false })).status).toBe(404);
    expect(await statusOf(b.sdk.dataAttributes.update({ data_attribute_id: scratch.id ?? 0, body: { archived: false } }))).toBe(404);
  });

  it('validates custom attribute values against the declarations', async () => {
    const db = server.server.platform.database.orm;
    const check = (values: unknown) => validateCustomAttributes(db, a.actor.workspaceId, 'contact', values);
    expect(await check({ plan: 'pro', seats: 3, tier: 'gold', renews: '2025-01-01T00:00:00Z' })).toEqual({ plan: 'pro', seats: 3, tier: 'gold', renews: 1735689600 });
    expect(await check({ plan: null })).toEqual({ plan: null });
    await expect(check({ shoe_size: 42 })).rejects.toThrow(/"shoe_size" does not exist/);
    await expect(check({ seats: 'many' })).rejects.toThrow(/"seats" must be an integer/);
    await expect(check({ seats: 1.5 })).rejects.toThrow(/integer/);
    await expect(check({ plan: 7 })).rejects.toThrow(/"plan" must be a string/);
    await expect(check({ tier: 'platinum' })).rejects.toThrow(/"tier" must be one of "gold", "silver", "bronze"/);
    await expect(check({ renews: 'tomorrow' })).rejects.toThrow(/date/);
    await expect(check({ scratch: 'x' })).rejects.toThrow(/archived/);
    await expect(check(['plan'])).rejects.toThrow(/must be an object/);
    // B's workspace has its own declarations.
    await expect(validateCustomAttributes(db, b.actor.workspaceId, 'contact', { seats: 1 })).rejects.toThrow(/does not exist/);
  });

  it('refuses wrong custom attribute values on PUT /contacts with a 400 naming the attribute', async () => {
    const contact = await a.api.post('/api/contacts', { email: 'typed@example.test', custom_attributes: { plan: 'pro' } });
    expect(contact.status).toBe(200);
    const wrongType = await a.api.put(`/api/contacts/${contact.body.id}`, { custom_attributes: { seats: 'many' } });
    expectInvalid(wrongType, /seats.*integer/);
    expectInvalid(await a.api.put(`/api/contacts/${contact.body.id}`, { custom_attributes: { shoe_size: 9 } }), /shoe_size/);
    const ok = await a.api.put(`/api/contacts/${contact.body.id}`, { custom_attributes: { seats: 4 } });
    expect(ok.status).toBe(200);
    expect(ok.body.custom_attributes).toMatchObject({ plan: 'pro', seats: 4 });
  });
});

describe('the OpenAPI document', () => {
  it('lists every route of these modules', async () => {
    const document = await new Client(server.url).get('/api/openapi.json');
    expect(document.status).toBe(200);
    const paths = Object.keys(document.body.paths);
    for (const path of ['/data_attributes', '/data_attributes/{id}', '/admins', '/admins/{id}', '/teams', '/teams/{id}', '/events', '/contacts/{id}/notes', '/notes/{id}', '/segments', '/segments/{id}']) {
      expect(paths).toContain(path);
    }
  });
});

describe('admins and teams', () => {
  it('the token identifies its admin, and admins list and find the workspace teammates', async () => {
    const me = await a.sdk.admins.identify();
    if (!me) throw new Error('identify returned nothing');
    expect(me).toMatchObject({ type: 'admin', id: a.adminId, team_ids: [], app: { type: 'app', name: 'Schema A' } });
    const list = await a.sdk.admins.list();
    expect(list.type).toBe('admin.list');
    expect(list.admins?.map((admin) => admin?.id)).toEqual([a.adminId]);
    const found = await a.sdk.admins.find({ admin_id: Number(a.adminId) });
    expect(found).toMatchObject({ type: 'admin', id: a.adminId, email: me.email, has_inbox_seat: true, avatar: null });
    expect(await statusOf(b.sdk.admins.find({ admin_id: Number(a.adminId) }))).toBe(404);
    expect((await a.api.get('/api/admins/not-a-number')).status).toBe(404);
  });

  it('teams made in the Inbox appear in the API with their members', async () => {
    const created = await a.session.post('/app-api/teams', { name: 'Billing', admin_ids: [a.adminId] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Billing', admin_ids: [a.adminId] });
    const teamId = created.body.id as string;
    await a.session.post('/app-api/teams', { name: 'Empty' });

    const teams = await a.sdk.teams.list();
    expect(teams.type).toBe('team.list');
    expect(teams.teams).toEqual([
      { type: 'team', id: teamId, name: 'Billing', admin_ids: [Number(a.adminId)] },
      { type: 'team', id: expect.any(String), name: 'Empty', admin_ids: [] },
    ]);
    expect(await a.sdk.teams.find({ team_id: teamId })).toEqual({ type: 'team', id: teamId, name: 'Billing', admin_ids: [Number(a.adminId)] });
    expect((await a.sdk.admins.find({ admin_id: Number(a.adminId) }))?.team_ids).toEqual([Number(teamId)]);
    expect((await a.sdk.admins.identify())?.team_ids).toEqual([Number(teamId)]);

    // Another workspace cannot see or change it.
    expect(await statusOf(b.sdk.teams.find({ team_id: teamId }))).toBe(404);
    expect((await b.sdk.teams.list()).teams).toEqual([]);
    expect((await b.session.put(`/app-api/teams/${teamId}`, { name: 'Hijacked' })).status).toBe(404);
    expect((await b.session.delete(`/app-api/teams/${teamId}`)).status).toBe(404);
    expectInvalid(await b.session.post('/app-api/teams', { name: 'Poach', admin_ids: [a.adminId] }), /not a teammate/);
    expectInvalid(await a.session.post('/app-api/teams', { name: 'X', colour: 'red' }), /Unknown field "colour"/);
    expect((await new Client(server.url).get('/app-api/teams')).status).toBe(401);

    const renamed = await a.session.put(`/app-api/teams/${teamId}`, { name: 'Billing & Refunds', admin_ids: [] });
    expect(renamed.body).toMatchObject({ name: 'Billing & Refunds', admin_ids: [] });
    expect((await a.session.get('/app-api/teams')).body.teams).toHaveLength(2);
    expect((await a.session.delete(`/app-api/teams/${teamId}`)).status).toBe(204);
    expect(await statusOf(a.sdk.teams.find({ team_id: teamId }))).toBe(404);
    expect((await a.sdk.admins.identify())?.team_ids).toEqual([]);
  });
});

describe('data events', () => {
  it('a product reports what a user did and reads it back as a list and a summary', async () => {
    const user = await a.sdk.contacts.create({ external_id: 'evt-user', email: 'evt@example.test' });
    const response = await a.api.post('/api/events', { event_name: 'ordered', created_at: 1_700_000_000, user_id: 'evt-user', metadata: { order: 'o1' } });
    expect(response.status).toBe(202);
    expect(response.body).toBe('');
    expect(
      await a.sdk.events.create({
        event_name: 'ordered',
        created_at: 1_700_000_100,
        id: user.id,
        metadata: { price: { amount: 34999, currency: 'EUR' } as never, article: { url: 'https://example.org/a', value: 'A' } as never },
      }),
    ).toBeUndefined();
    await a.sdk.events.create({ event_name: 'invited-friend', created_at: 1_700_000_200, email: 'evt@example.test' });
    // A duplicate (same contact, name and second) is accepted and ignored.
    expect((await a.api.post('/api/events', { event_name: 'ordered', created_at: 1_700_000_000, user_id: 'evt-user' })).status).toBe(202);

    const list = (await a.sdk.events.list({ type: 'user', user_id: 'evt-user', per_page: 2 })) as unknown as { type: string; events: any[]; pages: { next?: string } };
    expect(list.type).toBe('event.list');
    expect(list.events.map((event) => event.event_name)).toEqual(['invited-friend', 'ordered']);
    expect(list.events[1]).toMatchObject({
      type: 'event',
      created_at: 1_700_000_100,
      user_id: 'evt-user',
      intercom_user_id: user.id,
      email: 'evt@example.test',
      metadata: { price: { amount: 34999, currency: 'eur' }, article: { url: 'https://example.org/a', value: 'A' } },
    });
    expect(list.pages.next).toBeDefined();
    const next = new URL(list.pages.next ?? '');
    const rest = await a.api.get(`/api/events${next.search}`);
    expect(rest.body.events.map((event: { created_at: number }) => event.created_at)).toEqual([1_700_000_000]);
    expect(rest.body.pages.next).toBeUndefined();

    const summary = await a.sdk.events.list({ type: 'user', intercom_user_id: user.id, summary: true });
    expect(summary).toMatchObject({ type: 'event.summary', user_id: 'evt-user', intercom_user_id: user.id, email: 'evt@example.test' });
    expect(summary.events).toEqual([
      { name: 'invited-friend', first: '2023-11-14T22:16:40.000Z', last: '2023-11-14T22:16:40.000Z', count: 1, description: null },
      { name: 'ordered', first: '2023-11-14T22:13:20.000Z', last: '2023-11-14T22:15:00.000Z', count: 2, description: null },
    ]);
  });

  it('refuses malformed events and unknown users', async () => {
    expectInvalid(await a.api.post('/api/events', { event_name: 'x', user_id: 'evt-user', metadata: { nested: { a: { b: 1 } } } }), /metadata "nested"/);
    expectInvalid(await a.api.post('/api/events', { event_name: 'x', user_id: 'evt-user', metadata: { list: [1, 2] } }), /metadata "list"/);
    expectInvalid(await a.api.post('/api/events', { event_name: 'x' }), /one of id, user_id or email/);
    expectInvalid(await a.api.post('/api/events', { event_name: 'x', user_id: 'evt-user', created_at: 'yesterday' }), /created_at/);
    expectInvalid(await a.api.post('/api/events', { user_id: 'evt-user' }), /event_name/);
    expectInvalid(await a.api.post('/api/events', { event_name: 'x', user_id: 'evt-user', colour: 'red' }), /Unknown field "colour"/);
    expectInvalid(await a.api.get('/api/events?type=company&user_id=evt-user'), /type/);
    expect((await a.api.post('/api/events', { event_name: 'x', user_id: 'nobody' })).status).toBe(404);
    // Workspace B cannot reach A's user, by any identifier.
    expect((await b.api.post('/api/events', { event_name: 'x', user_id: 'evt-user' })).status).toBe(404);
    expect((await b.api.get('/api/events?type=user&user_id=evt-user')).status).toBe(404);
    expect((await b.api.get('/api/events?type=user&email=evt%40example.test')).status).toBe(404);
  });
});

describe('notes', () => {
  it('a teammate notes things about a contact and reads them back', async () => {
    const contact = await a.sdk.contacts.create({ email: 'noted@example.test' });
    const note = await a.sdk.notes.create({ contact_id: contact.id, body: 'Called about <script>alert(1)</script> billing', admin_id: a.adminId });
    expect(note).toMatchObject({ type: 'note', contact: { type: 'contact', id: contact.id }, author: { type: 'admin', id: a.adminId } });
    expect(note.body).not.toContain('<script>');
    expect(note.body).toContain('billing');
    const second = await a.sdk.notes.create({ contact_id: contact.id, body: 'Second note' });
    expect(second.author?.id).toBe(a.adminId);

    const found = await a.sdk.notes.find({ note_id: Number(note.id) });
    expect(found).toMatchObject({ id: note.id, body: note.body });
    const page = await a.sdk.notes.list({ contact_id: contact.id });
    const all = [];
    for await (const item of page) all.push(item);
    expect(all.map((item) => item.id)).toEqual([second.id, note.id]);
    const raw = await a.api.get(`/api/contacts/${contact.id}/notes?per_page=1`);
    expect(raw.body).toMatchObject({ type: 'list', total_count: 2, pages: { type: 'pages', page: 1, per_page: 1, total_pages: 2 } });
    expect((await a.api.get(`/api/contacts/${contact.id}/notes?page=5`)).body.data).toEqual([]);

    // Cross-workspace and bad input.
    expect(await statusOf(b.sdk.notes.find({ note_id: Number(note.id) }))).toBe(404);
    expect((await b.api.get(`/api/contacts/${contact.id}/notes`)).status).toBe(404);
    expect((await b.api.post(`/api/contacts/${contact.id}/notes`, { body: 'x' })).status).toBe(404);
    expect((await a.api.post(`/api/contacts/${contact.id}/notes`, { body: 'x', admin_id: b.adminId })).status).toBe(404);
    expectInvalid(await a.api.post(`/api/contacts/${contact.id}/notes`, { body: 5 }), /body/);
    expectInvalid(await a.api.post(`/api/contacts/${contact.id}/notes`, { body: 'x', colour: 'red' }), /Unknown field "colour"/);
    expect((await a.api.get('/api/notes/abc')).status).toBe(404);
  });
});

describe('segments', () => {
  it('segments saved in the Inbox are listed with the contacts they hold', async () => {
    const platform = server.server.platform;
    await a.sdk.contacts.create({ email: 'vip1@vip.test', name: 'Vip One' });
    await a.sdk.contacts.create({ role: 'lead', email: 'vip2@vip.test' } as never);
    const segment = await createSegment(platform, a.actor, {
      name: 'VIPs',
      person_type: 'contact',
      query: { field: 'email', operator: '$', value: '@vip.test' },
    });
    const users = await createSegment(platform, a.actor, {
      name: 'VIP users',
      person_type: 'user',
      query: { operator: 'AND', value: [{ field: 'email', operator: '~', value: 'vip' }] },
    });
    await expect(createSegment(platform, a.actor, { name: 'Bad', person_type: 'user', query: { field: 'shoe_size', operator: '=', value: 1 } })).rejects.toThrow(
      /shoe_size/,
    );

    const list = await a.sdk.segments.list({ include_count: true });
    expect(list.type).toBe('segment.list');
    expect(list.segments).toEqual([
      { type: 'segment', id: segment.id, name: 'VIPs', created_at: expect.any(Number), updated_at: expect.any(Number), person_type: 'contact', count: 2 },
      { type: 'segment', id: users.id, name: 'VIP users', created_at: expect.any(Number), updated_at: expect.any(Number), person_type: 'user', count: 1 },
    ]);
    expect((await a.sdk.segments.list()).segments?.[0]?.count).toBeUndefined();
    expect(await a.sdk.segments.find({ segment_id: segment.id })).toMatchObject({ id: segment.id, name: 'VIPs', count: 2 });

    // The contacts search can filter by segment.
    const search = await a.api.post('/api/contacts/search', { query: { field: 'segment_id', operator: '=', value: users.id } });
    expect(search.body.data?.map((contact: { email: string }) => contact.email)).toEqual(['vip1@vip.test']);

    expect(await statusOf(b.sdk.segments.find({ segment_id: segment.id }))).toBe(404);
    expect((await b.sdk.segments.list()).segments).toEqual([]);
  });
});
