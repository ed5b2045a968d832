import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyChanges } from '../src/modules/conversations/change-conversation.ts';
import { rows, type Tx } from '../src/platform/db/database.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { HttpClient, signUp } from './http-client.ts';

/** Small gaps of the REST API: contact activity times, archived contacts of companies, customers by email. */
let server: TestServer;
let api: HttpClient;
let adminId: string;
let workspaceId: number;

const query = <T>(text: ReturnType<typeof sql>) => rows<T>(server.server.platform.database.orm, text);
const contact = async (id: string) => (await api.get(`/api/contacts/${id}`)).body;
const newContact = async (body: Record<string, unknown>) => {
  const created = await api.post('/api/contacts', body);
  expect(created.status).toBe(200);
  return created.body.id as string;
};

beforeAll(async () => {
  server = await startTestServer();
  const owner = await signUp(server.url, { workspace_name: 'Gaps' });
  adminId = String(owner.session.teammate.id);
  api = new HttpClient(server.url, (await owner.client.post('/app-api/api-tokens', { name: 'tests' })).body.token as string);
});
afterAll(async () => {
  await server?.stop();
});

describe('last_replied_at and last_contacted_at', () => {
  let userId: string;
  let conversationId: string;

  beforeAll(async () => {
    userId = await newContact({ role: 'user', external_id: 'replier', email: 'replier@gaps.example' });
    const started = await api.post('/api/conversations', { from: { type: 'user', id: userId }, body: 'Hello there' });
    expect(started.status).toBe(200);
    conversationId = started.body.conversation_id;
    workspaceId = Number((await query<{ id: string }>(sql`select workspace_id as id from conversations where id = ${conversationId}`))[0]?.id);
  });

  it('a conversation the contact starts sets last_replied_at only', async () => {
    const found = await contact(userId);
    expect(found.last_replied_at).toBeGreaterThan(0);
    expect(found.last_contacted_at).toBeNull();
  });

  it('an admin note contacts no one; an admin comment sets last_contacted_at; a contact reply moves last_replied_at', async () => {
    const before = await contact(userId);
    const note = await api.post(`/api/conversations/${conversationId}/reply`, { message_type: 'note', type: 'admin', admin_id: adminId, body: 'Internal' });
    expect(note.status).toBe(200);
    expect((await contact(userId)).last_contacted_at).toBeNull();

    const comment = await api.post(`/api/conversations/${conversationId}/reply`, { message_type: 'comment', type: 'admin', admin_id: adminId, body: 'On it' });
    expect(comment.status).toBe(200);
    const contacted = await contact(userId);
    expect(contacted.last_contacted_at).toBeGreaterThanOrEqual(before.last_replied_at);
    expect(contacted.last_replied_at).toBe(before.last_replied_at);

    const [stored] = await query<{ replied: string }>(sql`select last_replied_at::text as replied from contacts where workspace_id = ${workspaceId} and id = ${userId}`);
    const reply = await api.post(`/api/conversations/${conversationId}/reply`, { message_type: 'comment', type: 'user', intercom_user_id: userId, body: 'Thanks' });
    expect(reply.status).toBe(200);
    const [after] = await query<{ later: boolean }>(
      sql`select last_replied_at > ${stored?.replied}::timestamptz as later from contacts where workspace_id = ${workspaceId} and id = ${userId}`,
    );
    expect(after?.later).toBe(true);
  });

  it('an admin-initiated message sets last_contacted_at only', async () => {
    const leadId = await newContact({ role: 'lead', email: 'written-to@gaps.example' });
    const sent = await api.post('/api/messages', { message_type: 'inapp', body: 'Hi!', from: { type: 'admin', id: adminId }, to: { type: 'lead', id: leadId } });
    expect(sent.status).toBe(200);
    const found = await contact(leadId);
    expect(found.last_contacted_at).toBeGreaterThan(0);
    expect(found.last_replied_at).toBeNull();
  });

  it('a batch of changes touches the contacts within its two statements (lock, write)', async () => {
    const otherId = await newContact({ role: 'user', external_id: 'batched', email: 'batched@gaps.example' });
    const other = (await api.post('/api/conversations', { from: { type: 'user', id: otherId }, body: 'Batch me' })).body.conversation_id as string;
    await query(sql`update contacts set last_replied_at = null, last_contacted_at = null where workspace_id = ${workspaceId} and id in (${userId}, ${otherId})`);
    let statements = 0;
    const counting = (tx: Tx) =>
      new Proxy(tx, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          if (['select', 'execute', 'insert', 'update', 'delete'].includes(String(key))) {
            return (...args: unknown[]) => {
              statements++;
              return value.apply(target, args);
            };
          }
          return value.bind(target);
        },
      });
    const comment = (author: { type: 'admin' | 'user'; id: string }) => () => ({
      patch: {},
      parts: [{ partType: 'comment', body: '<p>batched</p>', author }],
    });
    const results = await server.server.platform.database.transaction((tx) =>
      applyChanges(counting(tx), [
        { workspaceId, target: { id: conversationId }, actorId: Number(adminId), plan: comment({ type: 'admin', id: adminId }) },
        { workspaceId, target: { id: other }, actorId: null, plan: comment({ type: 'user', id: otherId }) },
        { workspaceId, target: { id: other }, actorId: Number(adminId), plan: comment({ type: 'admin', id: adminId }) },
      ]),
    );
    expect(results.every((result) => !(result instanceof Error))).toBe(true);
    expect(statements).toBe(2);
    const touched = await query<{ id: string; replied: boolean; contacted: boolean }>(
      sql`select id, last_replied_at is not null as replied, last_contacted_at is not null as contacted
          from contacts where workspace_id = ${workspaceId} and id in (${userId}, ${otherId}) order by id`,
    );
    expect(Object.fromEntries(touched.map((row) => [row.id, { replied: row.replied, contacted: row.contacted }]))).toEqual({
      [userId]: { replied: false, contacted: true },
      [otherId]: { replied: true, contacted: true },
    });
  });
});

describe('archived contacts of a company', () => {
  it('are left out of GET /companies/{id}/contacts and of user_count', async () => {
    const company = await api.post('/api/companies', { company_id: 'gaps-co', name: 'Gaps Co' });
    expect(company.status).toBe(200);
    const kept = await newContact({ role: 'user', external_id: 'co-kept' });
    const archived = await newContact({ role: 'user', external_id: 'co-archived' });
    for (const id of [kept, archived]) expect((await api.post(`/api/contacts/${id}/companies`, { id: company.body.id })).status).toBe(200);
    expect((await api.get(`/api/companies/${company.body.id}`)).body.user_count).toBe(2);

    expect((await api.post(`/api/contacts/${archived}/archive`, {})).status).toBe(200);
    expect((await api.get(`/api/companies/${company.body.id}`)).body.user_count).toBe(1);
    const listed = await api.get(`/api/companies/${company.body.id}/contacts`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((found: { id: string }) => found.id)).toEqual([kept]);
    expect(listed.body.total_count).toBe(1);

    expect((await api.post(`/api/contacts/${archived}/unarchive`, {})).status).toBe(200);
    expect((await api.get(`/api/companies/${company.body.id}`)).body.user_count).toBe(2);
  });
});

describe('POST /conversations/{id}/customers by email', () => {
  let conversationId: string;

  beforeAll(async () => {
    const starter = await newContact({ role: 'user', external_id: 'starter' });
    conversationId = (await api.post('/api/conversations', { from: { type: 'user', id: starter }, body: 'Loop someone in' })).body.conversation_id;
  });

  const leadsWith = (email: string) =>
    query<{ id: string; role: string }>(sql`select id, role from contacts where workspace_id = ${workspaceId} and lower(email) = lower(${email})`);

  it('an unknown email becomes a new lead, attached to the conversation', async () => {
    const attached = await api.post(`/api/conversations/${conversationId}/customers`, { admin_id: adminId, customer: { email: 'newcomer@gaps.example' } });
    expect(attached.status).toBe(200);
    const created = await leadsWith('newcomer@gaps.example');
    expect(created).toHaveLength(1);
    const leadId = created[0]?.id as string;
    expect(attached.body.customers).toContainEqual({ type: 'user', id: leadId });
    expect(await contact(leadId)).toMatchObject({ role: 'lead', email: 'newcomer@gaps.example' });
    const events = await query<{ type: string }>(sql`select type from events where workspace_id = ${workspaceId} and aggregate_id = ${leadId}`);
    expect(events.map((event) => event.type)).toEqual(['contact.created']);

    // The same email again finds that lead: nothing new.
    const again = await api.post(`/api/conversations/${conversationId}/customers`, { admin_id: adminId, customer: { email: 'NEWCOMER@gaps.example' } });
    expect(again.status).toBe(200);
    expect(await leadsWith('newcomer@gaps.example')).toHaveLength(1);
  });

  it('creates no lead for a missing conversation, and refuses a malformed email', async () => {
    const missing = await api.post('/api/conversations/123456789012345/customers', { admin_id: adminId, customer: { email: 'nobody@gaps.example' } });
    expect(missing.status).toBe(404);
    expect(await leadsWith('nobody@gaps.example')).toHaveLength(0);

    const malformed = await api.post(`/api/conversations/${conversationId}/customers`, { admin_id: adminId, customer: { email: 'not an email' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'customer.email' });
    expect(await leadsWith('not an email')).toHaveLength(0);
  });

  it('an unknown intercom_user_id is still 404', async () => {
    const unknown = await api.post(`/api/conversations/${conversationId}/customers`, { admin_id: adminId, customer: { intercom_user_id: 'ffffffffffffffffffffffff' } });
    expect(unknown.status).toBe(404);
  });
});
