import { sql } from 'drizzle-orm';
import { type Intercom, IntercomClient } from 'intercom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPriority, wakeSnoozedConversations } from '../src/modules/conversations/manage-parts.ts';
import { rows } from '../src/platform/db/database.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { browser, HttpClient, signUp, uniqueEmail } from './http-client.ts';

let server: TestServer;

interface Workspace {
  sdk: IntercomClient;
  http: HttpClient;
  session: HttpClient;
  ownerId: string;
}

async function workspace(name: string): Promise<Workspace> {
  const owner = await signUp(server.url, { workspace_name: name });
  const token = (await owner.client.post('/app-api/api-tokens', { name: 'tests' })).body.token as string;
  return {
    sdk: new IntercomClient({ token, baseUrl: `${server.url}/api` }),
    http: new HttpClient(server.url, token),
    session: owner.client,
    ownerId: String(owner.session.teammate.id),
  };
}

/** A second teammate joins through an invite; returns its id. */
async function inviteTeammate(owner: HttpClient, name: string): Promise<string> {
  const invite = await owner.post('/app-api/invites', { email: uniqueEmail('agent'), role: 'agent' });
  const token = String(invite.body.invite_url).split('/').pop();
  const joined = await (await browser(server.url)).post(`/app-api/invites/${token}/accept`, { name, password: 'correct horse battery staple' });
  expect(joined.status).toBe(200);
  return String(joined.body.teammate.id);
}

const partsOf = (conversation: Intercom.Conversation) => conversation.conversation_parts?.conversation_parts ?? [];
const now = () => Math.floor(Date.now() / 1000);

let a: Workspace;
let agentId: string;
let user: Intercom.Contact;
let lead: Intercom.Contact;

beforeAll(async () => {
  server = await startTestServer();
  a = await workspace('Conversations A');
  agentId = await inviteTeammate(a.session, 'Aaron Agent');
  user = await a.sdk.contacts.create({ role: 'user', external_id: 'u-1', email: 'ursula@example.test', name: 'Ursula User' });
  lead = await a.sdk.contacts.create({ role: 'lead', name: 'Leo Lead' } as Intercom.CreateContactRequest);
});
afterAll(async () => {
  await server?.stop();
});

describe('a conversation through its whole life, with the official SDK', () => {
  let conversationId: string;

  it('a contact starts a conversation; it waits for the team', async () => {
    const message = await a.sdk.conversations.create({ from: { type: 'user', id: user.id }, body: 'Hello,\n\nmy invoice is wrong' });
    expect(message).toMatchObject({ type: 'user_message', message_type: 'inapp', body: '<p>Hello,</p><p>my invoice is wrong</p>' });
    expect(message.id).toMatch(/^\d+$/);
    conversationId = message.conversation_id;

    const conversation = await a.sdk.conversations.find({ conversation_id: conversationId });
    expect(conversation).toMatchObject({
      type: 'conversation',
      id: conversationId,
      state: 'open',
      open: true,
      read: false,
      priority: 'not_priority',
      admin_assignee_id: null,
      team_assignee_id: null,
      title: null,
      source: {
        type: 'conversation',
        id: message.id,
        delivered_as: 'customer_initiated',
        body: '<p>Hello,</p><p>my invoice is wrong</p>',
        author: { type: 'user', id: user.id, name: 'Ursula User', email: 'ursula@example.test' },
        attachments: [],
        redacted: false,
      },
      contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: user.id, external_id: 'u-1' }] },
      teammates: { type: 'admin.list', admins: [] },
      tags: { type: 'tag.list', tags: [] },
      linked_objects: { type: 'list', data: [], total_count: 0, has_more: false },
      ai_agent_participated: false,
      ai_agent: null,
      conversation_parts: { type: 'conversation_part.list', conversation_parts: [], total_count: 0 },
    });
    expect(conversation.waiting_since).toBe(conversation.created_at);
    expect(conversation.first_contact_reply).toEqual({ created_at: conversation.created_at, type: 'conversation', url: null });
    expect(conversation.statistics).toMatchObject({ type: 'conversation_statistics', first_contact_reply_at: conversation.created_at, count_conversation_parts: 0 });
  });

  it('admins reply with a comment and a note; the reply answers with the new part', async () => {
    const replied = await a.sdk.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: 'comment', type: 'admin', admin_id: a.ownerId, body: 'Sorry about that! <b>Looking now.</b>' },
    });
    const [comment] = partsOf(replied);
    expect(replied.conversation_parts?.total_count).toBe(1);
    expect(comment).toMatchObject({
      type: 'conversation_part',
      part_type: 'comment',
      body: 'Sorry about that! <b>Looking now.</b>',
      author: { type: 'admin', id: a.ownerId, name: 'Olivia Owner', from_ai_agent: false, is_ai_answer: false },
      attachments: [],
      external_id: null,
      redacted: false,
      metadata: {},
      state: 'open',
      tags: [],
      app_package_code: null,
      assigned_to: null,
    });
    expect(comment?.notified_at).toBe(comment?.created_at);
    expect(replied.waiting_since).toBeNull();
    expect(replied.read).toBe(true);
    expect(replied.teammates?.admins).toEqual([{ type: 'admin', id: a.ownerId }]);
    expect(replied.statistics?.first_admin_reply_at).toBeGreaterThan(0);

    const noted = await a.sdk.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: 'note', type: 'admin', admin_id: agentId, body: 'Customer is on the annual plan', attachment_urls: ['https://files.example.test/plan.pdf'] },
    });
    expect(partsOf(noted)[0]).toMatchObject({
      part_type: 'note',
      author: { type: 'admin', id: agentId, name: 'Aaron Agent' },
      attachments: [{ type: 'upload', name: 'plan.pdf', url: 'https://files.example.test/plan.pdf' }],
    });
    expect(noted.teammates?.admins.map((admin) => admin.id)).toEqual([a.ownerId, agentId]);
  });

  it('the contact replies by intercom_user_id, user_id, email and to its last conversation', async () => {
    const references = [{ intercom_user_id: user.id }, { user_id: 'u-1' }, { email: 'URSULA@example.test' }];
    for (const [index, reference] of references.entries()) {
      const replied = await a.sdk.conversations.reply({
        conversation_id: conversationId,
        body: { message_type: 'comment', type: 'user', body: `Reply ${index}`, ...reference } as Intercom.ReplyConversationRequest,
      });
      expect(partsOf(replied)[0]).toMatchObject({ part_type: 'comment', body: `<p>Reply ${index}</p>`, author: { type: 'user', id: user.id, name: 'Ursula User' } });
      expect(replied.waiting_since).toBeGreaterThan(0);
      expect(replied.read).toBe(false);
    }
    const last = await a.sdk.conversations.reply({ conversation_id: 'last', body: { message_type: 'comment', type: 'user', user_id: 'u-1', body: 'Via last' } });
    expect(last.id).toBe(conversationId);
    expect(partsOf(last)[0]?.body).toBe('<p>Via last</p>');
  });

  it('assigns to a teammate and to a team, snoozes, wakes on a contact reply, closes and reopens', async () => {
    const assigned = await a.sdk.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: 'assignment', type: 'admin', admin_id: a.ownerId, assignee_id: agentId, body: 'Over to Aaron' },
    });
    expect(assigned.admin_assignee_id).toBe(Number(agentId));
    expect(partsOf(assigned)[0]).toMatchObject({ part_type: 'assignment', body: '<p>Over to Aaron</p>', assigned_to: { type: 'admin', id: agentId } });
    expect(assigned.statistics).toMatchObject({ count_assignments: 1 });
    expect(assigned.statistics?.first_assignment_at).toBeGreaterThan(0);

    const team = await a.session.post('/app-api/teams', { name: 'Billing', admin_ids: [agentId] });
    expect(team.status).toBe(201);
    const toTeam = await a.sdk.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: 'assignment', type: 'team', admin_id: agentId, assignee_id: String(team.body.id) },
    });
    expect(toTeam.team_assignee_id).toBe(String(team.body.id));
    expect(toTeam.admin_assignee_id).toBe(Number(agentId));
    expect(partsOf(toTeam)[0]?.assigned_to).toEqual({ type: 'team', id: String(team.body.id) });

    const until = now() + 3600;
    const snoozed = await a.sdk.conversations.manage({ conversation_id: conversationId, body: { message_type: 'snoozed', admin_id: agentId, snoozed_until: until } });
    expect(snoozed).toMatchObject({ state: 'snoozed', open: true, snoozed_until: until });
    expect(partsOf(snoozed)[0]).toMatchObject({ part_type: 'snoozed', state: 'snoozed' });

    const woken = await a.sdk.conversations.reply({ conversation_id: conversationId, body: { message_type: 'comment', type: 'user', intercom_user_id: user.id, body: 'Any news?' } });
    expect(woken).toMatchObject({ state: 'open', snoozed_until: null });

    const closed = await a.sdk.conversations.manage({ conversation_id: conversationId, body: { message_type: 'close', type: 'admin', admin_id: agentId, body: 'Fixed, bye' } });
    expect(closed).toMatchObject({ state: 'closed', open: false, waiting_since: null });
    expect(partsOf(closed)[0]).toMatchObject({ part_type: 'close', body: '<p>Fixed, bye</p>', state: 'closed' });
    expect(closed.statistics).toMatchObject({ last_closed_by_id: agentId, count_reopens: 0 });

    const reopened = await a.sdk.conversations.manage({ conversation_id: conversationId, body: { message_type: 'open', admin_id: a.ownerId } });
    expect(reopened).toMatchObject({ state: 'open', open: true });
    expect(reopened.statistics?.count_reopens).toBe(1);

    const unassigned = await a.sdk.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: 'assignment', type: 'admin', admin_id: a.ownerId, assignee_id: '0' },
    });
    expect(unassigned.admin_assignee_id).toBeNull();
    expect(partsOf(unassigned)[0]?.assigned_to).toBeNull();
    expect(unassigned.statistics?.count_assignments).toBe(2);
  });

  it('finds the conversation with every part in order, as plain text, with statistics kept on write', async () => {
    const found = await a.sdk.conversations.find({ conversation_id: conversationId, display_as: 'plaintext' });
    const parts = partsOf(found);
    expect(parts.map((part) => part.part_type)).toEqual([
      'comment',
      'note',
      'comment',
      'comment',
      'comment',
      'comment',
      'assignment',
      'assignment',
      'snoozed',
      'comment',
      'close',
      'open',
      'assignment',
    ]);
    expect(found.source.body).toBe('Hello,\nmy invoice is wrong');
    expect(parts[0]?.body).toBe('Sorry about that! Looking now.');
    expect(found.conversation_parts?.total_count).toBe(13);
    const stats = found.statistics as Intercom.ConversationStatistics & Record<string, unknown>;
    expect(stats).toMatchObject({ count_conversation_parts: 13, count_reopens: 1, count_assignments: 2, last_closed_by_id: agentId, median_time_to_reply: null });
    for (const field of ['time_to_assignment', 'time_to_admin_reply', 'time_to_first_close', 'time_to_last_close'] as const) {
      expect(stats[field]).toBeGreaterThanOrEqual(0);
    }
    expect(stats.first_close_at).toBe(stats.last_close_at);
    expect(stats.last_contact_reply_at).toBeGreaterThanOrEqual(stats.first_contact_reply_at ?? 0);
    expect(stats.last_assignment_admin_reply_at).toBeNull();

    const html = await a.sdk.conversations.find({ conversation_id: conversationId });
    expect(partsOf(html)[0]?.body).toBe('Sorry about that! <b>Looking now.</b>');
  });

  it('every change appended an event on the conversation aggregate, in sequence', async () => {
    const events = await rows<{ type: string; sequence: number; payload: Record<string, unknown> }>(
      server.server.platform.database.orm,
      sql`select type, sequence, payload from events where aggregate_type = 'conversation' and aggregate_id = ${conversationId} order by sequence`,
    );
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index + 1));
    expect(events[0]).toMatchObject({ type: 'conversation.created', payload: { conversation_id: conversationId, initiator: 'contact' } });
    const partEvents = events.filter((event) => event.type === 'conversation.part.created');
    expect(partEvents).toHaveLength(13);
    expect(partEvents[0]?.payload).toMatchObject({ part_type: 'comment', author_type: 'admin', author_id: a.ownerId, actor_id: Number(a.ownerId) });
    expect(partEvents[2]?.payload).toMatchObject({ part_type: 'comment', author_type: 'user', author_id: user.id, actor_id: null });
    expect(events.some((event) => event.type === 'conversation.updated')).toBe(true);
  });

  it('tags and untags a conversation', async () => {
    const tag = await a.sdk.tags.create({ name: 'billing-issue' });
    const applied = await a.sdk.tags.tagConversation({ conversation_id: conversationId, id: tag.id, admin_id: a.ownerId });
    expect(applied).toMatchObject({ type: 'tag', id: tag.id, name: 'billing-issue', applied_by: { type: 'admin', id: a.ownerId } });
    const tagged = await a.sdk.conversations.find({ conversation_id: conversationId });
    expect(tagged.tags?.tags).toEqual([expect.objectContaining({ type: 'tag', id: tag.id, name: 'billing-issue' })]);
    const removed = await a.sdk.tags.untagConversation({ conversation_id: conversationId, tag_id: tag.id, admin_id: a.ownerId });
    expect(removed).toMatchObject({ type: 'tag', id: tag.id });
    expect((await a.sdk.conversations.find({ conversation_id: conversationId })).tags?.tags).toEqual([]);
    const events = await rows<{ type: string }>(
      server.server.platform.database.orm,
      sql`select type from events where aggregate_type = 'conversation' and aggregate_id = ${conversationId} and type like 'conversation.tag.%' order by sequence`,
    );
    expect(events.map((event) => event.type)).toEqual(['conversation.tag.created', 'conversation.tag.deleted']);
  });

  it('updates title, read and custom attributes (validated against data attributes)', async () => {
    await a.sdk.dataAttributes.create({ name: 'issue', model: 'conversation', data_type: 'string' } as unknown as Intercom.CreateDataAttributeRequest);
    const updated = await a.sdk.conversations.update({ conversation_id: conversationId, read: true, title: 'Invoice', custom_attributes: { issue: 'billing' } });
    expect(updated).toMatchObject({ title: 'Invoice', read: true, custom_attributes: { issue: 'billing' } });
    expect(partsOf(updated).map((part) => part.part_type)).toEqual(['title_changed', 'conversation_attribute_updated_by_admin']);
    expect(partsOf(updated)[1]?.event_details).toEqual({ attribute: { name: 'issue' }, value: { name: 'billing' } });

    const unknown = await a.http.put(`/api/conversations/${conversationId}`, { custom_attributes: { nope: 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'custom_attributes.nope' });
    const wrongType = await a.http.put(`/api/conversations/${conversationId}`, { custom_attributes: { issue: 5 } });
    expect(wrongType.status).toBe(400);
  });

  it('attaches and detaches customers; the last one stays', async () => {
    const attached = await a.sdk.conversations.attachContactAsAdmin({ conversation_id: conversationId, admin_id: a.ownerId, customer: { intercom_user_id: lead.id } });
    expect(attached.contacts.contacts?.map((contact) => contact.id)).toEqual([user.id, lead.id]);
    expect(partsOf(attached)[0]?.part_type).toBe('participant_added');
    // The lead can now reply to the conversation.
    const leadReply = await a.sdk.conversations.reply({ conversation_id: conversationId, body: { message_type: 'comment', type: 'user', intercom_user_id: lead.id, body: 'Me too' } });
    expect(partsOf(leadReply)[0]?.author).toMatchObject({ type: 'lead', id: lead.id, name: 'Leo Lead' });

    const detached = await a.sdk.conversations.detachContactAsAdmin({ conversation_id: conversationId, contact_id: user.id, admin_id: a.ownerId });
    expect(detached.contacts.contacts?.map((contact) => contact.id)).toEqual([lead.id]);
    const last = await a.http.delete(`/api/conversations/${conversationId}/customers/${lead.id}`, { admin_id: a.ownerId });
    expect(last.status).toBe(422);
    expect(last.body.errors[0].message).toBe('Removing the last customer is not allowed');
    // A contact outside the conversation cannot reply to it.
    const outsider = await a.http.post(`/api/conversations/${conversationId}/reply`, { message_type: 'comment', type: 'user', intercom_user_id: user.id, body: 'Hi' });
    expect(outsider.status).toBe(422);
  });

  it('deletes a conversation', async () => {
    const deleted = await a.sdk.conversations.deleteConversation({ conversation_id: conversationId as unknown as number });
    expect(deleted).toEqual({ id: conversationId, object: 'conversation', deleted: true });
    expect((await a.http.get(`/api/conversations/${conversationId}`)).status).toBe(404);
  });
});

describe('admin-initiated messages, lists and search', () => {
  it('an admin sends an in-app message and an email; each starts an admin-initiated conversation', async () => {
    const inapp = await a.sdk.messages.create({ message_type: 'inapp', body: 'Welcome aboard', from: { type: 'admin', id: Number(a.ownerId) }, to: { type: 'user', id: user.id } });
    expect(inapp).toMatchObject({ type: 'admin_message', message_type: 'inapp', body: '<p>Welcome aboard</p>' });
    const conversation = await a.sdk.conversations.find({ conversation_id: inapp.conversation_id });
    expect(conversation).toMatchObject({
      state: 'open',
      source: { delivered_as: 'admin_initiated', author: { type: 'admin', id: a.ownerId, name: 'Olivia Owner' } },
      contacts: { contacts: [{ id: user.id }] },
      teammates: { admins: [{ type: 'admin', id: a.ownerId }] },
      first_contact_reply: null,
      waiting_since: null,
    });
    const reply = await a.sdk.conversations.reply({ conversation_id: inapp.conversation_id, body: { message_type: 'comment', type: 'user', intercom_user_id: user.id, body: 'Thanks!' } });
    expect(reply.first_contact_reply?.created_at).toBeGreaterThan(0);

    const email = await a.sdk.messages.create({
      message_type: 'email',
      subject: 'Your invoice',
      body: 'Attached',
      template: 'plain',
      from: { type: 'admin', id: Number(a.ownerId) },
      to: { type: 'lead', id: lead.id },
    });
    expect(email).toMatchObject({ type: 'admin_message', message_type: 'email', subject: 'Your invoice' });
    expect((await a.sdk.conversations.find({ conversation_id: email.conversation_id })).source).toMatchObject({ type: 'email', subject: 'Your invoice' });
    const noSubject = await a.http.post('/api/messages', { message_type: 'email', body: 'x', from: { type: 'admin', id: a.ownerId }, to: { type: 'user', id: user.id } });
    expect(noSubject.status).toBe(422);
  });

  it('lists conversations across several pages without gaps or repeats', async () => {
    const b = await workspace('Conversations paging');
    const contact = await b.sdk.contacts.create({ role: 'user', external_id: 'p-1' });
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await b.sdk.conversations.create({ from: { type: 'user', id: contact.id }, body: `Message ${i}` })).conversation_id);
    const first = await b.http.get('/api/conversations?per_page=3');
    expect(first.body).toMatchObject({ type: 'conversation.list', total_count: 7, pages: { type: 'pages', page: 1, per_page: 3, total_pages: 3 } });
    expect(first.body.conversations[0].conversation_parts).toBeUndefined();
    const seen: string[] = [];
    for await (const conversation of await b.sdk.conversations.list({ per_page: 3 })) seen.push(conversation.id);
    expect(seen).toEqual([...created].reverse());
    const lastPage = await b.http.get(`/api/conversations?per_page=3&starting_after=${first.body.pages.next.starting_after}`);
    expect(lastPage.body.pages.page).toBe(2);
    const bad = await b.http.get('/api/conversations?starting_after=bm9wZQ');
    expect(bad.status).toBe(400);
  });

  it('searches by state, assignee, words of the body and nested groups', async () => {
    const c = await workspace('Conversations search');
    const contact = await c.sdk.contacts.create({ role: 'user', external_id: 's-1' });
    const start = (body: string) => c.sdk.conversations.create({ from: { type: 'user', id: contact.id }, body }).then((message) => message.conversation_id);
    const refund = await start('I need a refund for my order');
    const login = await start('I cannot log in to my account');
    const shipping = await start('Where is my parcel?');
    await c.sdk.conversations.manage({ conversation_id: login, body: { message_type: 'assignment', type: 'admin', admin_id: c.ownerId, assignee_id: c.ownerId } });
    await c.sdk.conversations.manage({ conversation_id: shipping, body: { message_type: 'close', type: 'admin', admin_id: c.ownerId } });

    const search = async (query: Intercom.SearchRequest['query']) => {
      const page = await c.sdk.conversations.search({ query, pagination: { per_page: 20 } });
      return page.data.map((conversation) => conversation.id).sort();
    };
    expect(await search({ field: 'state', operator: '=', value: 'open' })).toEqual([refund, login].sort());
    expect(await search({ field: 'admin_assignee_id', operator: '=', value: c.ownerId })).toEqual([login]);
    expect(await search({ field: 'source.body', operator: '=', value: 'refund' })).toEqual([refund]);
    expect(await search({ field: 'source.body', operator: '=', value: 'need support' })).toEqual([]);
    expect(await search({ field: 'open', operator: '=', value: 'false' } as Intercom.SearchRequest['query'])).toEqual([shipping]);
    expect(
      await search({
        operator: 'OR',
        value: [
          { operator: 'AND', value: [{ field: 'state', operator: '=', value: 'closed' }, { field: 'source.body', operator: '~', value: 'parcel' }] },
          { field: 'contact_ids', operator: '=', value: contact.id },
        ],
      } as Intercom.SearchRequest['query']),
    ).toEqual([refund, login, shipping].sort());
    expect(await search({ field: 'teammate_ids', operator: '=', value: c.ownerId })).toEqual([login, shipping].sort());

    const raw = await c.http.post('/api/conversations/search', { query: { field: 'state', operator: '=', value: 'open' }, pagination: { per_page: 1 } });
    expect(raw.body).toMatchObject({ type: 'conversation.list', total_count: 2, pages: { per_page: 1, total_pages: 2 } });
    const unknownField = await c.http.post('/api/conversations/search', { query: { field: 'nope', operator: '=', value: 1 } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].field).toBe('nope');
  });
});

describe('bad and hostile input over raw HTTP', () => {
  let conversationId: string;
  beforeAll(async () => {
    conversationId = (await a.sdk.conversations.create({ from: { type: 'user', id: user.id }, body: 'Raw HTTP' })).conversation_id;
  });

  it('stores a hostile HTML body without handlers or scripts but keeps formatting', async () => {
    const hostile = '<img src=x onerror=alert(1)><script>x</script><b>ok</b>';
    const reply = await a.http.post(`/api/conversations/${conversationId}/reply`, { message_type: 'comment', type: 'admin', admin_id: a.ownerId, body: hostile });
    expect(reply.status).toBe(200);
    const body = reply.body.conversation_parts.conversation_parts[0].body as string;
    expect(body).toContain('<b>ok</b>');
    expect(body).not.toMatch(/onerror|<script|alert/);
    const created = await a.http.post('/api/conversations', { from: { type: 'user', id: user.id }, body: hostile });
    expect(created.body.body).not.toMatch(/onerror|<script/);
  });

  it('answers 404 on every conversation route of another workspace', async () => {
    const other = await workspace('Conversations B');
    const tag = await a.sdk.tags.create({ name: 'a-only' });
    const id = conversationId;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/conversations/${id}`],
      ['PUT', `/api/conversations/${id}`, { read: true }],
      ['DELETE', `/api/conversations/${id}`],
      ['POST', `/api/conversations/${id}/reply`, { message_type: 'comment', type: 'admin', admin_id: other.ownerId, body: 'x' }],
      ['POST', `/api/conversations/${id}/parts`, { message_type: 'close', type: 'admin', admin_id: other.ownerId }],
      ['POST', `/api/conversations/${id}/tags`, { id: tag.id, admin_id: other.ownerId }],
      ['DELETE', `/api/conversations/${id}/tags/${tag.id}`, { admin_id: other.ownerId }],
      ['POST', `/api/conversations/${id}/customers`, { admin_id: other.ownerId, customer: { intercom_user_id: user.id } }],
      ['DELETE', `/api/conversations/${id}/customers/${user.id}`, { admin_id: other.ownerId }],
      ['POST', '/api/conversations', { from: { type: 'user', id: user.id }, body: 'x' }],
      ['POST', '/api/messages', { message_type: 'inapp', body: 'x', from: { type: 'admin', id: other.ownerId }, to: { type: 'user', id: user.id } }],
      ['POST', '/api/conversations/last/reply', { message_type: 'comment', type: 'user', intercom_user_id: user.id, body: 'x' }],
    ];
    for (const [method, path, body] of attempts) {
      const response = await other.http.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.type).toBe('error.list');
    }
    // A's admin cannot act in B either.
    const bConversation = await other.sdk.conversations.create({ from: { type: 'user', id: (await other.sdk.contacts.create({ role: 'user', external_id: 'b-1' })).id }, body: 'B' });
    const crossAdmin = await other.http.post(`/api/conversations/${bConversation.conversation_id}/reply`, { message_type: 'comment', type: 'admin', admin_id: a.ownerId, body: 'x' });
    expect(crossAdmin.status).toBe(404);
    expect((await other.http.get('/api/conversations')).body.conversations.map((c: { id: string }) => c.id)).toEqual([bConversation.conversation_id]);
    expect((await a.http.get(`/api/conversations/${id}`)).body.state).toBe('open');
  });

  it('sets priority through the service the Inbox uses, and wakes expired snoozes', async () => {
    const platform = server.server.platform;
    const [found] = await rows<{ workspace_id: number }>(platform.database.orm, sql`select workspace_id from conversations where id = ${conversationId}`);
    const workspaceId = Number(found?.workspace_id);
    const prioritized = await setPriority(platform, Number(workspaceId), conversationId, { priority: true, adminId: Number(a.ownerId) });
    expect(prioritized.priority).toBe('priority');
    expect(prioritized.conversation_parts.conversation_parts[0]).toMatchObject({ part_type: 'priority_changed', event_details: { priority: 'priority' } });
    const again = await setPriority(platform, Number(workspaceId), conversationId, { priority: true, adminId: Number(a.ownerId) });
    expect(again.conversation_parts.total_count).toBe(0);
    const search = await a.http.post('/api/conversations/search', { query: { field: 'priority', operator: '=', value: 'priority' } });
    expect(search.body.conversations.map((c: { id: string }) => c.id)).toEqual([conversationId]);

    await a.sdk.conversations.manage({ conversation_id: conversationId, body: { message_type: 'snoozed', admin_id: a.ownerId, snoozed_until: now() + 60 } });
    await platform.database.orm.execute(sql`update conversations set snoozed_until = now() - interval '1 second' where id = ${conversationId}`);
    expect(await wakeSnoozedConversations(platform)).toBe(1);
    const woken = await a.sdk.conversations.find({ conversation_id: conversationId });
    expect(woken).toMatchObject({ state: 'open', snoozed_until: null });
    expect(partsOf(woken).at(-1)).toMatchObject({ part_type: 'unsnoozed', author: { type: 'bot', id: null } });
  });

  it('documents every conversation route in the OpenAPI document', async () => {
    const paths = Object.keys((await a.http.get('/api/openapi.json')).body.paths);
    for (const path of ['/conversations', '/conversations/search', '/conversations/{id}', '/conversations/{id}/reply', '/conversations/{id}/parts', '/conversations/{id}/customers', '/conversations/{id}/customers/{contact_id}', '/conversations/{id}/tags', '/conversations/{id}/tags/{tag_id}', '/messages']) {
      expect(paths, path).toContain(path);
    }
  });

  it('refuses bad admins, unknown message types and missing fields cleanly', async () => {
    const path = `/api/conversations/${conversationId}`;
    const badAdmin = await a.http.post(`${path}/reply`, { message_type: 'comment', type: 'admin', admin_id: '999999999', body: 'x' });
    expect(badAdmin.status).toBe(404);
    expect(badAdmin.body.errors[0]).toMatchObject({ code: 'not_found', message: 'Admin not found' });
    expect((await a.http.post(`${path}/reply`, { message_type: 'comment', type: 'admin', admin_id: 'abc', body: 'x' })).status).toBe(404);
    expect((await a.http.post(`${path}/parts`, { message_type: 'close', type: 'admin', admin_id: 'nobody' })).status).toBe(404);

    const unknownType = await a.http.post(`${path}/reply`, { message_type: 'shout', type: 'admin', admin_id: a.ownerId, body: 'x' });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors[0].field).toBe('message_type');
    expect((await a.http.post(`${path}/parts`, { message_type: 'explode', admin_id: a.ownerId })).status).toBe(400);
    expect((await a.http.post(`${path}/reply`, { message_type: 'comment', type: 'admin', admin_id: a.ownerId, body: '   ' })).status).toBe(400);
    expect((await a.http.post(`${path}/parts`, { message_type: 'snoozed', admin_id: a.ownerId })).body.errors[0].field).toBe('snoozed_until');
    expect((await a.http.post(`${path}/parts`, { message_type: 'snoozed', admin_id: a.ownerId, snoozed_until: 1000 })).status).toBe(400);
    expect((await a.http.post(`${path}/parts`, { message_type: 'assignment', type: 'team', admin_id: a.ownerId, assignee_id: '424242' })).status).toBe(404);
    expect((await a.http.post(`${path}/reply`, { message_type: 'comment', type: 'user', intercom_user_id: 'nobody', body: 'x' })).status).toBe(404);
    expect((await a.http.post(`${path}/reply`, { message_type: 'note', type: 'user', intercom_user_id: user.id, body: 'x' })).status).toBe(400);
    expect((await a.http.post(`${path}/reply`, { message_type: 'comment', type: 'admin', admin_id: a.ownerId, body: 'x', extra: 1 })).status).toBe(400);
    expect((await a.http.post('/api/conversations', { from: { type: 'user', id: 'nobody' }, body: 'x' })).status).toBe(404);
    expect((await a.http.get('/api/conversations/123456789012345')).status).toBe(404);
    expect((await a.http.get('/api/conversations?per_page=151')).status).toBe(400);
  });
});
