import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { IntercomClient } from 'intercom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForApiToken } from '../src/modules/api-tokens/service.ts';
import { toIntercomContactDeleted } from '../src/modules/contacts/intercom-contact.ts';
import { listContacts, searchContacts } from '../src/modules/contacts/list-contacts.ts';
import { loadIntercomContact } from '../src/modules/contacts/service.ts';
import { companiesOfContact, contactsOfCompany, listCompanies, scrollCompanies } from '../src/modules/companies/list-companies.ts';
import { loadIntercomCompany } from '../src/modules/companies/service.ts';
import { createSegment, segmentsOfContact } from '../src/modules/segments/service.ts';
import { hashToken } from '../src/platform/crypto/tokens.ts';
import type { Actor } from '../src/platform/http/auth.ts';
import { rows } from '../src/platform/db/database.ts';
import { repoRoot, startTestServer, type TestServer } from './harness.ts';
import { HttpClient, signUp } from './http-client.ts';

/**
 * The rest of the contacts API: response schemas that keep every field (custom attributes included),
 * archiving, a contact's segments and imported event summaries, through Intercom's SDK where it has
 * a method, on one server.
 */
let server: TestServer;
let token: string;
let sdk: IntercomClient;
let api: HttpClient;
let other: HttpClient;
let actor: Actor;
const db = () => server.server.platform.database.orm;

async function apiToken(workspace: string) {
  const { client } = await signUp(server.url, { workspace_name: workspace });
  return (await client.post('/app-api/api-tokens', { name: 'tests' })).body.token as string;
}

/** What the serializer had to keep: the mapper's value as plain JSON (what the route sent before it had a schema). */
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

/** The keys of a JSON value, recursively (array items each), with leaf types: two values of the same shape compare equal. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
    );
  }
  return value === null ? 'null' : typeof value;
}

/** The field names of the SDK's `Contact` interface, read from its type declarations. */
function sdkContactFields(): string[] {
  const file = path.join(repoRoot, 'node_modules/intercom-client/dist/cjs/api/resources/contacts/types/Contact.d.ts');
  const text = fs.readFileSync(file, 'utf8');
  const body = text.slice(text.indexOf('export interface Contact {'), text.indexOf('\n}', text.indexOf('export interface Contact {')));
  return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((match) => match[1] as string);
}

beforeAll(async () => {
  server = await startTestServer();
  token = await apiToken('More A');
  sdk = new IntercomClient({ token, baseUrl: `${server.url}/api` });
  api = new HttpClient(server.url, token);
  other = new HttpClient(server.url, await apiToken('More B'));
  const found = await actorForApiToken(db(), hashToken(token));
  if (!found) throw new Error('no actor for the token');
  actor = found;
  for (const [name, model, data_type] of [
    ['plan', 'contact', 'string'],
    ['seats', 'contact', 'integer'],
    ['score', 'contact', 'float'],
    ['vip', 'contact', 'boolean'],
    ['region', 'company', 'string'],
    ['employees', 'company', 'integer'],
  ]) {
    expect((await api.post('/api/data_attributes', { name, model, data_type })).status).toBe(200);
  }
});
afterAll(async () => {
  await server?.stop();
});

describe('response schemas keep every field', () => {
  it('every contacts and companies route documents its 200 response, with open custom_attributes', async () => {
    const openapi = (await api.get('/api/openapi.json')).body;
    const routes: string[] = [];
    for (const [route, methods] of Object.entries(openapi.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!operation.tags?.some((tag: string) => tag === 'Contacts' || tag === 'Companies')) continue;
        routes.push(`${method.toUpperCase()} ${route}`);
        expect(operation.responses?.['200']?.content?.['application/json']?.schema, `${method} ${route}`).toBeDefined();
      }
    }
    for (const route of [
      'POST /contacts',
      'GET /contacts',
      'POST /contacts/search',
      'POST /contacts/merge',
      'GET /contacts/find_by_external_id/{external_id}',
      'GET /contacts/{id}',
      'PUT /contacts/{id}',
      'DELETE /contacts/{id}',
      'POST /contacts/{id}/archive',
      'POST /contacts/{id}/unarchive',
      'GET /contacts/{id}/segments',
      'POST /companies',
      'GET /companies',
      'POST /companies/list',
      'GET /companies/scroll',
      'GET /companies/{id}',
      'PUT /companies/{id}',
      'DELETE /companies/{id}',
      'GET /companies/{id}/contacts',
      'POST /contacts/{id}/companies',
      'DELETE /contacts/{id}/companies/{company_id}',
      'GET /contacts/{id}/companies',
    ]) {
      expect(routes).toContain(route);
    }
    const contact = openapi.paths['/contacts/{id}'].get.responses['200'].content['application/json'].schema;
    expect(contact.properties.custom_attributes).toMatchObject({ type: 'object', additionalProperties: true });
    expect(openapi.paths['/events/summaries']).toHaveProperty('post');
  });

  it('every route answers exactly what its mapper returns: every key, custom attributes and nested objects included', async () => {
    const created = (
      await api.post('/api/contacts', {
        role: 'user',
        external_id: 'full-1',
        email: 'full@example.com',
        phone: '+441234',
        name: 'Full Contact',
        avatar: 'https://example.com/a.png',
        signed_up_at: 1_700_000_000,
        last_seen_at: 1_700_000_100,
        custom_attributes: { plan: 'pro', seats: 3, score: 4.5, vip: true },
      })
    ).body;
    // Every standard attribute kept in the profile, so nested objects and mobile fields are non-null too.
    const profile = {
      language_override: 'fr',
      browser: 'firefox',
      browser_version: '128',
      browser_language: 'fr-FR',
      os: 'Linux',
      location: { country: 'France', region: 'IDF', city: 'Paris', country_code: 'FRA', continent_code: 'EU' },
      social_profiles: [{ name: 'Twitter', url: 'https://twitter.com/full' }],
      utm_campaign: 'c',
      utm_content: 'co',
      utm_medium: 'm',
      utm_source: 's',
      utm_term: 't',
      referrer: 'https://example.com/r',
      enabled_push_messaging: true,
      android_app_name: 'App',
      android_app_version: '1.0',
      android_device: 'Pixel',
      android_os_version: '14',
      android_sdk_version: '34',
      android_last_seen_at: 1_700_000_200,
      ios_app_name: 'App',
      ios_app_version: '1.0',
      ios_device: 'iPhone',
      ios_os_version: '17',
      ios_sdk_version: '17',
      ios_last_seen_at: 1_700_000_300,
    };
    await db().execute(sql`update contacts set profile = ${JSON.stringify(profile)}::jsonb where id = ${created.id}`);
    const tag = (await api.post('/api/tags', { name: 'full-tag' })).body;
    expect((await api.post(`/api/contacts/${created.id}/tags`, { id: tag.id })).status).toBe(200);
    expect((await api.post(`/api/contacts/${created.id}/notes`, { body: 'A note' })).status).toBe(200);
    const company = (
      await api.post('/api/companies', {
        company_id: 'full-co',
        name: 'Full Co',
        plan: 'enterprise',
        size: 40,
        website: 'https://full.example.com',
        industry: 'Software',
        monthly_spend: 99.5,
        remote_created_at: 1_600_000_000,
        custom_attributes: { region: 'EMEA', employees: 40 },
      })
    ).body;
    await api.post('/api/tags', { name: 'full-tag', companies: [{ id: company.id }] });
    const attached = await api.post(`/api/contacts/${created.id}/companies`, { id: company.id });
    expect(attached.status).toBe(200);
    await createSegment(server.server.platform, actor, {
      name: 'Pros',
      person_type: 'user',
      query: { field: 'custom_attributes.plan', operator: '=', value: 'pro' },
    });

    const workspaceId = actor.workspaceId;
    const expected = json(await loadIntercomContact(db(), workspaceId, created.id));
    const found = (await api.get(`/api/contacts/${created.id}`)).body;
    expect(found).toEqual(expected);
    expect(found.custom_attributes).toEqual({ plan: 'pro', seats: 3, score: 4.5, vip: true });
    expect(found.location).toEqual({ type: 'location', ...profile.location });
    expect(found.social_profiles.data).toEqual([{ type: 'social_profile', name: 'Twitter', url: 'https://twitter.com/full' }]);
    expect(found.ios_last_seen_at).toBe(1_700_000_300);
    expect(found.enabled_push_messaging).toBe(true);
    expect(found.tags.data).toEqual([{ type: 'tag', id: tag.id, url: `/tags/${tag.id}` }]);
    expect(found.notes.total_count).toBe(1);
    expect(found.companies.data).toEqual([{ type: 'company', id: company.id, url: `/companies/${company.id}` }]);
    const fields = sdkContactFields();
    expect(fields.length).toBeGreaterThan(40);
    for (const field of fields) expect(found, field).toHaveProperty(field);
    // Through the SDK too: nothing it types is missing.
    const viaSdk = (await sdk.contacts.find({ contact_id: created.id })) as unknown as Record<string, unknown>;
    expect(viaSdk).toEqual(expected);

    expect((await api.get('/api/contacts/find_by_external_id/full-1')).body).toEqual(expected);
    const list = (await api.get('/api/contacts')).body;
    expect(list).toEqual(json(await listContacts(db(), workspaceId, {})));
    const query = { field: 'email', operator: '=', value: 'full@example.com' };
    const search = (await api.post('/api/contacts/search', { query })).body;
    expect(search).toEqual(json(await searchContacts(db(), workspaceId, query)));
    expect(search.data[0]).toEqual(expected);
    await api.post('/api/contacts', { role: 'user', email: 'second@example.com' });
    const paged = (await api.post('/api/contacts/search', { query: { field: 'role', operator: '=', value: 'user' }, pagination: { per_page: 1 } })).body;
    expect(paged.pages.next).toMatchObject({ page: 2, per_page: 1, starting_after: expect.any(String) });

    const updated = (await api.put(`/api/contacts/${created.id}`, { custom_attributes: { seats: 4 } })).body;
    expect(updated).toEqual(json(await loadIntercomContact(db(), workspaceId, created.id)));
    expect(updated.custom_attributes).toEqual({ plan: 'pro', seats: 4, score: 4.5, vip: true });

    const segments = (await api.get(`/api/contacts/${created.id}/segments`)).body;
    expect(segments).toEqual(json(await segmentsOfContact(db(), workspaceId, created.id)));
    expect(shape(segments.data[0])).toEqual({ created_at: 'number', id: 'string', name: 'string', person_type: 'string', type: 'string', updated_at: 'number' });

    const companyExpected = json(await loadIntercomCompany(db(), workspaceId, company.id));
    expect(companyExpected.plan).toEqual({ type: 'plan', id: 'enterprise', name: 'enterprise' });
    expect(companyExpected.tags.tags[0]).toMatchObject({ type: 'tag', id: tag.id, applied_at: expect.any(Number) });
    expect(companyExpected.custom_attributes).toEqual({ region: 'EMEA', employees: 40 });
    expect((await api.get(`/api/companies/${company.id}`)).body).toEqual(companyExpected);
    expect((await api.get('/api/companies?company_id=full-co')).body).toEqual(companyExpected);
    expect(attached.body).toEqual({ ...companyExpected, updated_at: attached.body.updated_at, tags: attached.body.tags });
    const noNext = () => 'unused';
    const companyList = (await api.post('/api/companies/list')).body;
    expect(companyList).toEqual(json(await listCompanies(db(), workspaceId, {}, noNext)));
    expect(companyList.data[0]).toEqual(companyExpected);
    const byTag = (await api.get(`/api/companies?tag_id=${tag.id}`)).body;
    expect(shape(byTag)).toEqual(shape(json(await listCompanies(db(), workspaceId, { tagId: tag.id }, noNext))));
    const scroll = (await api.get('/api/companies/scroll')).body;
    expect(scroll).toEqual(json(await scrollCompanies(db(), workspaceId, undefined)));
    expect(scroll.scroll_param).toEqual(expect.any(String));
    const scrollEnd = (await api.get(`/api/companies/scroll?scroll_param=${scroll.scroll_param}`)).body;
    expect(scrollEnd).toEqual({ type: 'list', data: [], pages: null, total_count: 1 });
    const ofContact = (await api.get(`/api/contacts/${created.id}/companies`)).body;
    expect(ofContact).toEqual(json(await companiesOfContact(db(), workspaceId, created.id, {}, noNext)));
    const ofCompany = (await api.get(`/api/companies/${company.id}/contacts`)).body;
    expect(ofCompany).toEqual(json(await contactsOfCompany(db(), workspaceId, company.id, {}, noNext)));
    expect(ofCompany.data[0]).toEqual(json(await loadIntercomContact(db(), workspaceId, created.id)));
    // Offset pages with a next page keep their `next` URL.
    await api.post('/api/companies', { company_id: 'second-co' });
    const firstPage = (await api.post('/api/companies/list?per_page=1')).body;
    expect(firstPage.pages).toMatchObject({ type: 'pages', page: 1, per_page: 1, total_pages: 2, next: expect.stringContaining('page=2') });

    const companyUpdated = (await api.put(`/api/companies/${company.id}`, { industry: 'Hardware' })).body;
    expect(companyUpdated).toEqual(json(await loadIntercomCompany(db(), workspaceId, company.id)));
    const upserted = (await api.post('/api/companies', { company_id: 'full-co', name: 'Full Co 2' })).body;
    expect(upserted).toEqual(json(await loadIntercomCompany(db(), workspaceId, company.id)));
    const detached = (await api.delete(`/api/contacts/${created.id}/companies/${company.id}`)).body;
    expect(shape(detached)).toEqual(shape(companyExpected));
    expect((await api.delete(`/api/companies/${company.id}`)).body).toEqual({ id: company.id, object: 'company', deleted: true });

    const lead = (await api.post('/api/contacts', { role: 'lead', email: 'lead-full@example.com' })).body;
    expect(lead).toEqual(json(await loadIntercomContact(db(), workspaceId, lead.id)));
    const merged = (await api.post('/api/contacts/merge', { from: lead.id, into: created.id })).body;
    expect(merged).toEqual(json(await loadIntercomContact(db(), workspaceId, created.id)));
    const deleted = (await api.delete(`/api/contacts/${created.id}`)).body;
    expect(deleted).toEqual(json(toIntercomContactDeleted({ id: created.id, externalId: 'full-1' })));
  });
});

describe('archiving contacts', () => {
  it('an archived contact leaves lists and searches until unarchived, but is still found by id', async () => {
    const kept = await sdk.contacts.create({ role: 'user', external_id: 'arch-kept', email: 'kept@archive.example' });
    const gone = await sdk.contacts.create({ role: 'user', external_id: 'arch-1', email: 'gone@archive.example', custom_attributes: { plan: 'archived-plan' } });
    const segment = await createSegment(server.server.platform, actor, {
      name: 'Archive domain',
      person_type: 'user',
      query: { field: 'email', operator: '$', value: '@archive.example' },
    });
    const listed = async () => ((await api.get('/api/contacts?per_page=150')).body.data as { id: string }[]).map((c) => c.id);
    const countBefore = (await api.get('/api/contacts')).body.total_count;
    expect(await listed()).toContain(gone.id);

    const archived = await sdk.contacts.archive({ contact_id: gone.id });
    expect(archived).toEqual({ type: 'contact', id: gone.id, external_id: 'arch-1', archived: true });
    expect(await sdk.contacts.archive({ contact_id: gone.id })).toEqual(archived);

    expect(await listed()).not.toContain(gone.id);
    expect((await api.get('/api/contacts')).body.total_count).toBe(countBefore - 1);
    const byDomain = { field: 'email', operator: '$', value: '@archive.example' } as const;
    const search = await sdk.contacts.search({ query: byDomain });
    expect(search.data.map((c) => c.id)).toEqual([kept.id]);
    expect((await api.post('/api/contacts/search', { query: { field: 'custom_attributes.plan', operator: '=', value: 'archived-plan' } })).body.total_count).toBe(0);
    // A search that asks about `archived` sees archived contacts.
    const onlyArchived = await api.post('/api/contacts/search', {
      query: { operator: 'AND', value: [byDomain, { field: 'archived', operator: '=', value: true }] },
    });
    expect(onlyArchived.body.data.map((c: { id: string }) => c.id)).toEqual([gone.id]);
    const either = await api.post('/api/contacts/search', {
      query: { operator: 'AND', value: [byDomain, { field: 'archived', operator: 'IN', value: [true, false] }] },
    });
    expect(either.body.data.map((c: { id: string }) => c.id).sort()).toEqual([kept.id, gone.id].sort());
    // Still found by id, and not in segments.
    expect((await sdk.contacts.find({ contact_id: gone.id })).id).toBe(gone.id);
    expect((await api.get(`/api/segments/${segment.id}`)).body.count).toBe(1);
    expect((await sdk.contacts.listAttachedSegments({ contact_id: gone.id })).data).toEqual([]);

    const unarchived = await sdk.contacts.unarchive({ contact_id: gone.id });
    expect(unarchived).toEqual({ type: 'contact', id: gone.id, external_id: 'arch-1', archived: false });
    expect(await listed()).toContain(gone.id);
    expect((await sdk.contacts.search({ query: byDomain })).data.map((c) => c.id).sort()).toEqual([kept.id, gone.id].sort());
    expect((await api.get(`/api/segments/${segment.id}`)).body.count).toBe(2);

    const events = await rows<{ type: string; payload: Record<string, unknown> }>(
      db(),
      sql`select type, payload from events where aggregate_type = 'contact' and aggregate_id = ${gone.id} and type like 'contact.%archived' order by id`,
    );
    expect(events.map((e) => e.type)).toEqual(['contact.archived', 'contact.unarchived']);
    expect(events[0]?.payload).toMatchObject({ contact_id: gone.id, external_id: 'arch-1', role: 'user', actor_id: expect.any(Number) });

    for (const action of ['archive', 'unarchive']) {
      const missing = await api.post(`/api/contacts/nope/${action}`);
      expect(missing.status).toBe(404);
      expect(missing.body.errors[0]).toMatchObject({ code: 'not_found', message: 'Contact not found' });
      expect((await other.post(`/api/contacts/${gone.id}/${action}`)).status).toBe(404);
    }
  });
});

describe("a contact's segments", () => {
  it('lists the segments whose query and person type the contact matches now', async () => {
    const user = await sdk.contacts.create({ role: 'user', external_id: 'seg-1', email: 'seg@segments.example', custom_attributes: { seats: 12 } });
    const lead = await sdk.contacts.create({ role: 'lead', email: 'lead@segments.example' });
    const tag = await sdk.tags.create({ name: 'seg-tag' });
    await sdk.tags.tagContact({ contact_id: user.id, id: tag.id });
    const big = await createSegment(server.server.platform, actor, {
      name: 'Big accounts',
      person_type: 'user',
      query: { operator: 'AND', value: [{ field: 'custom_attributes.seats', operator: '>', value: 10 }, { field: 'email_domain', operator: '=', value: 'segments.example' }] },
    });
    const tagged = await createSegment(server.server.platform, actor, { name: 'Tagged', person_type: 'contact', query: { field: 'tag_id', operator: '=', value: tag.id } });
    const domain = await createSegment(server.server.platform, actor, {
      name: 'Domain leads',
      person_type: 'lead',
      query: { field: 'email', operator: '$', value: '@segments.example' },
    });
    await createSegment(server.server.platform, actor, { name: 'Nobody', person_type: 'contact', query: { field: 'name', operator: '=', value: 'no such name' } });

    const ofUser = await sdk.contacts.listAttachedSegments({ contact_id: user.id });
    expect(ofUser.type).toBe('list');
    expect(ofUser.data?.map((s) => s.id)).toEqual([big.id, tagged.id]);
    expect(ofUser.data?.[0]).toEqual({ type: 'segment', id: big.id, name: 'Big accounts', created_at: big.created_at, updated_at: big.updated_at, person_type: 'user' });
    expect((await sdk.contacts.listAttachedSegments({ contact_id: lead.id })).data?.map((s) => s.id)).toEqual([domain.id]);

    await sdk.contacts.update({ contact_id: user.id, custom_attributes: { seats: 2 } });
    await sdk.tags.untagContact({ contact_id: user.id, tag_id: tag.id });
    expect((await sdk.contacts.listAttachedSegments({ contact_id: user.id })).data).toEqual([]);

    expect((await api.get('/api/contacts/nope/segments')).status).toBe(404);
    const foreign = await other.get(`/api/contacts/${user.id}/segments`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors[0]).toMatchObject({ code: 'not_found', message: 'Contact not found' });
  });
});

describe('event summaries', () => {
  it("imported summaries show in the contact's event summary, added to tracked events; a repeat replaces, not adds", async () => {
    const contact = await sdk.contacts.create({ role: 'user', external_id: 'sum-1', email: 'sum@example.com' });
    await sdk.events.create({ event_name: 'ordered', created_at: 1_700_000_500, user_id: 'sum-1' });
    const summarize = async () =>
      (await sdk.events.list({ type: 'user', user_id: 'sum-1', summary: true })) as unknown as {
        type: string;
        events: { name: string; count: number; first: string; last: string }[];
      };

    const body = { user_id: 'sum-1', event_summaries: { event_name: 'ordered', count: 5, first: 1_600_000_000, last: 1_650_000_000 } };
    expect(await sdk.events.summaries(body)).toBeUndefined();
    const raw = await api.post('/api/events/summaries', body);
    expect(raw.status).toBe(200);
    expect(raw.body).toBe('');
    const summary = await summarize();
    expect(summary.type).toBe('event.summary');
    expect(summary.events).toEqual([
      { name: 'ordered', count: 6, first: new Date(1_600_000_000_000).toISOString(), last: new Date(1_700_000_500_000).toISOString(), description: null },
    ]);

    // The list form, several names at once; `first` alone means one moment.
    expect(
      (
        await api.post('/api/events/summaries', {
          user_id: 'sum-1',
          event_summaries: [
            { event_name: 'invited-friend', count: 2, first: 1_650_000_000 },
            { event_name: 'ordered', count: 1, first: 1_690_000_000, last: 1_690_000_000 },
          ],
        })
      ).status,
    ).toBe(200);
    const after = await summarize();
    expect(after.events.map((e) => [e.name, e.count])).toEqual([
      ['invited-friend', 2],
      ['ordered', 2],
    ]);
    expect(after.events[0]).toMatchObject({ first: new Date(1_650_000_000_000).toISOString(), last: new Date(1_650_000_000_000).toISOString() });

    const eventLog = await rows<{ type: string; payload: Record<string, unknown> }>(
      db(),
      sql`select type, payload from events where aggregate_id = ${contact.id} and type = 'data_event.summaries.imported' order by id`,
    );
    expect(eventLog).toHaveLength(3);
    expect(eventLog[2]?.payload).toMatchObject({ contact_id: contact.id, event_names: ['invited-friend', 'ordered'] });

    // A lead merged into the user brings its summaries along.
    const lead = await sdk.contacts.create({ role: 'lead', email: 'sum-lead@example.com' });
    expect((await api.post('/api/events/summaries', { id: lead.id, event_summaries: { event_name: 'ordered', count: 3, first: 1_500_000_000 } })).status).toBe(200);
    await sdk.contacts.mergeLeadInUser({ from: lead.id, into: contact.id });
    const merged = await summarize();
    expect(merged.events.find((e) => e.name === 'ordered')).toMatchObject({ count: 5, first: new Date(1_500_000_000_000).toISOString() });
  });

  it('bad summaries are a 400 naming the field; an unknown user or another workspace is a 404', async () => {
    const missingUser = await api.post('/api/events/summaries', { event_summaries: { event_name: 'x', count: 1 } });
    expect(missingUser.status).toBe(400);
    expect(missingUser.body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'user_id' });
    const missingSummaries = await api.post('/api/events/summaries', { user_id: 'sum-1' });
    expect(missingSummaries.status).toBe(400);
    expect(JSON.stringify(missingSummaries.body.errors[0])).toMatch(/event_summaries/);
    const backwards = await api.post('/api/events/summaries', { user_id: 'sum-1', event_summaries: { event_name: 'x', count: 1, first: 20, last: 10 } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0]).toMatchObject({ field: 'event_summaries.first' });
    const blank = await api.post('/api/events/summaries', { user_id: 'sum-1', event_summaries: [{ event_name: ' ', count: 1 }] });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0]).toMatchObject({ field: 'event_summaries[0].event_name' });
    for (const bad of [{ event_name: 'x', count: 0 }, { event_name: 'x', count: 'many' }, { event_name: 'x', count: 1, extra: true }]) {
      expect((await api.post('/api/events/summaries', { user_id: 'sum-1', event_summaries: bad })).status).toBe(400);
    }
    expect((await api.post('/api/events/summaries', { user_id: 'nobody', event_summaries: { event_name: 'x', count: 1 } })).status).toBe(404);
    expect((await other.post('/api/events/summaries', { user_id: 'sum-1', event_summaries: { event_name: 'x', count: 1 } })).status).toBe(404);
  });
});
