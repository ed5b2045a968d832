import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/platform/db/database.ts';
import { anonymousVisitorRetentionDays, pruneAnonymousVisitors } from '../src/modules/messenger/prune-visitors.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { type MessengerWorkspace, messengerWorkspace, Visitor } from './messenger-support.ts';

let server: TestServer;
let a: MessengerWorkspace;

beforeAll(async () => {
  server = await startTestServer();
  a = await messengerWorkspace(server.url, 'Messenger Email');
});
afterAll(async () => {
  await server?.stop();
});

const db = () => server.server.platform.database.orm;
const query = <T>(text: ReturnType<typeof sql>) => rows<T>(db(), text);
const newVisitor = () => new Visitor(server.url, a.appId);
const giveEmail = (visitor: Visitor, email: unknown) => visitor.api.put('/messenger-api/visitor/email', { email });

async function leadOf(visitor: Visitor, message: string): Promise<{ leadId: string; conversationId: string }> {
  const written = await visitor.write(message);
  expect(written.status).toBe(201);
  const conversationId = written.body.conversation.id as string;
  const leadId = (await a.rest.get(`/api/conversations/${conversationId}`)).body.contacts.contacts[0].id as string;
  return { leadId, conversationId };
}

describe('the email collector (PUT /messenger-api/visitor/email)', () => {
  it("stores a lead's email on its lead, announced as contact.updated, and boot says so", async () => {
    const visitor = newVisitor();
    await visitor.boot({ name: 'Lena Lead' });
    const { leadId } = await leadOf(visitor, 'Do you ship to Norway?');

    const given = await giveEmail(visitor, '  Lena@Example.test ');
    expect(given.status).toBe(200);
    expect(given.body).toEqual({ contact: { id: leadId, role: 'lead', name: 'Lena Lead', email: 'Lena@Example.test', user_id: null } });
    expect((await a.rest.get(`/api/contacts/${leadId}`)).body).toMatchObject({ role: 'lead', email: 'Lena@Example.test' });

    const events = await query<{ type: string }>(sql`select type from events where aggregate_type = 'contact' and aggregate_id = ${leadId} order by id`);
    expect(events.map((event) => event.type)).toEqual(['contact.created', 'contact.updated']);

    // Giving the same email again changes nothing (no second event).
    expect((await giveEmail(visitor, 'lena@example.test')).status).toBe(200);
    expect(await query(sql`select 1 from events where aggregate_id = ${leadId} and type = 'contact.updated'`)).toHaveLength(1);

    const again = await visitor.boot();
    expect(again.body.contact).toMatchObject({ id: leadId, role: 'lead', email: 'Lena@Example.test' });
  });

  it('makes a visitor that has not written yet a lead with the email', async () => {
    const visitor = newVisitor();
    await visitor.boot({ plan: 'trial' });
    const given = await giveEmail(visitor, 'early@example.test');
    expect(given.status).toBe(200);
    expect(given.body.contact).toMatchObject({ role: 'lead', email: 'early@example.test' });
    expect((await a.rest.get(`/api/contacts/${given.body.contact.id}`)).body).toMatchObject({ role: 'lead', custom_attributes: { plan: 'trial' } });
    const { leadId } = await leadOf(visitor, 'And now I write');
    expect(leadId).toBe(given.body.contact.id);
  });

  it('refuses a bad email with a 400 that says what is wrong', async () => {
    const visitor = newVisitor();
    await visitor.boot();
    await leadOf(visitor, 'Hello');
    for (const email of ['not-an-email', 'ada@localhost', 'ada lovelace@example.test', '']) {
      const refused = await giveEmail(visitor, email);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'email' });
      expect(refused.body.errors[0].message).toContain('is not an email address');
    }
    const tooLong = await giveEmail(visitor, `${'a'.repeat(320)}@example.test`);
    expect(tooLong.status).toBe(400);
    expect((await giveEmail(visitor, 42)).status).toBe(400);
    expect((await visitor.api.put('/messenger-api/visitor/email', {})).status).toBe(400);
    expect((await new Visitor(server.url, a.appId).api.put('/messenger-api/visitor/email', { email: 'x@example.test' })).status).toBe(401);
  });

  it("does not take over a user's identity: the lead gets the email, the user and its conversations stay apart", async () => {
    const owner = newVisitor();
    const userId = (await owner.boot({ user_id: 'cust-900', email: 'grace@example.test', name: 'Grace User' })).body.contact.id as string;
    const userConversation = (await owner.write('My private order question')).body.conversation.id as string;

    const stranger = newVisitor();
    await stranger.boot();
    const { leadId, conversationId } = await leadOf(stranger, 'Hi');
    const given = await giveEmail(stranger, 'GRACE@example.test');
    expect(given.status).toBe(200);
    expect(given.body.contact).toMatchObject({ id: leadId, role: 'lead', email: 'GRACE@example.test', user_id: null });

    // The user is untouched and the browser is still the lead's: no merge, no binding.
    expect((await a.rest.get(`/api/contacts/${userId}`)).body).toMatchObject({ role: 'user', external_id: 'cust-900', email: 'grace@example.test', name: 'Grace User' });
    expect((await a.rest.get(`/api/contacts/${leadId}`)).body).toMatchObject({ role: 'lead', email: 'GRACE@example.test' });
    const listed = (await stranger.api.get('/messenger-api/conversations')).body.conversations as { id: string }[];
    expect(listed.map((entry) => entry.id)).toEqual([conversationId]);
    expect((await stranger.api.get(`/messenger-api/conversations/${userConversation}`)).status).toBe(404);
    expect((await stranger.boot()).body.contact).toMatchObject({ id: leadId, role: 'lead' });
    const [visitorRow] = await query<{ contact_id: string }>(sql`select contact_id from messenger_visitors where id = ${stranger.id}`);
    expect(visitorRow?.contact_id).toBe(leadId);

    // A signed-in user's email comes from the page, not from this form.
    const refused = await giveEmail(owner, 'other@example.test');
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].message).toMatch(/signed-in user/);
    expect((await a.rest.get(`/api/contacts/${userId}`)).body.email).toBe('grace@example.test');
  });
});

describe('pruning anonymous visitors', () => {
  const age = (visitor: Visitor, days: number) =>
    query(sql`update messenger_visitors set last_seen_at = now() - ${days} * interval '1 day' where id = ${visitor.id}`);
  const exists = async (visitor: Visitor) => (await query(sql`select 1 from messenger_visitors where id = ${visitor.id}`)).length === 1;

  it(`forgets anonymous visitors unseen for ${anonymousVisitorRetentionDays} days, in bounded batches, and never a lead's or a user's`, async () => {
    const stale: Visitor[] = [];
    for (let i = 0; i < 5; i++) {
      const visitor = newVisitor();
      await visitor.boot({ plan: 'pending attributes go with the visitor' });
      await age(visitor, anonymousVisitorRetentionDays + 1);
      stale.push(visitor);
    }
    const recent = newVisitor();
    await recent.boot();
    await age(recent, anonymousVisitorRetentionDays - 1);
    const lead = newVisitor();
    await lead.boot();
    const { leadId } = await leadOf(lead, 'I wrote once, long ago');
    await age(lead, 400);
    const user = newVisitor();
    await user.boot({ user_id: 'cust-901' });
    await age(user, 400);

    // Two rows per statement: five stale visitors take three statements, and all go.
    expect(await pruneAnonymousVisitors(db(), { batchSize: 2 })).toBe(5);
    for (const visitor of stale) expect(await exists(visitor)).toBe(false);
    expect(await exists(recent)).toBe(true);
    expect(await exists(lead)).toBe(true);
    expect(await exists(user)).toBe(true);
    expect((await a.rest.get(`/api/contacts/${leadId}`)).status).toBe(200);
    expect(await pruneAnonymousVisitors(db())).toBe(0);

    // The forgotten browser comes back as a new visitor.
    const forgotten = stale[0] as Visitor;
    const oldId = forgotten.id;
    const back = await forgotten.boot();
    expect(back.status).toBe(200);
    expect(back.body.visitor_id).not.toBe(oldId);
    expect((await lead.boot()).body.contact).toMatchObject({ id: leadId, role: 'lead' });
  });
});
