import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snoozeUntil } from '../src/modules/macros/snooze-time.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { browser, HttpClient, signUp, uniqueEmail } from './http-client.ts';

let server: TestServer;

interface Workspace {
  /** The owner's browser session (the Inbox's /app-api). */
  inbox: HttpClient;
  /** A REST API token of the workspace, to set the scene. */
  api: HttpClient;
  id: number;
  ownerId: string;
}

async function workspace(name: string): Promise<Workspace> {
  const owner = await signUp(server.url, { workspace_name: name });
  const token = (await owner.client.post('/app-api/api-tokens', { name: 'tests' })).body.token as string;
  const found = await server.server.platform.database.orm.execute(sql`select id from workspaces where id_code = ${owner.session.workspace.id_code}`);
  const id = Number((found as unknown as { rows: { id: string }[] }).rows[0]?.id);
  return { inbox: owner.client, api: new HttpClient(server.url, token), id, ownerId: String(owner.session.teammate.id) };
}

/** A teammate who joins by invite; `restricted` takes away "see all conversations", `readOnly` takes away "reply". */
async function teammate(owner: Workspace, name: string, flags: { restricted?: boolean; readOnly?: boolean } = {}) {
  const invite = await owner.inbox.post('/app-api/invites', { email: uniqueEmail('agent'), role: 'agent' });
  const client = await browser(server.url);
  const joined = await client.post(`/app-api/invites/${String(invite.body.invite_url).split('/').pop()}/accept`, { name, password: 'correct horse battery staple' });
  expect(joined.status).toBe(200);
  const id = String(joined.body.teammate.id);
  const changes = { ...(flags.restricted ? { access_all_conversations: false } : {}), ...(flags.readOnly ? { reply: false } : {}) };
  await server.server.platform.database.orm.execute(
    sql`update memberships set permissions = permissions || ${JSON.stringify(changes)}::jsonb where workspace_id = ${owner.id} and teammate_id = ${Number(id)}`,
  );
  return { client, id };
}

async function conversationWith(owner: Workspace, contact: Record<string, unknown>): Promise<string> {
  const created = await owner.api.post('/api/contacts', { role: 'user', email: uniqueEmail('customer'), ...contact });
  expect(created.status).toBe(200);
  const message = await owner.api.post('/api/conversations', { from: { type: 'user', id: created.body.id }, body: 'Hello, I need a refund' });
  expect(message.status).toBe(200);
  return message.body.conversation_id as string;
}

const partTypes = (detail: { parts: { part_type: string }[] }) => detail.parts.map((part) => part.part_type);

let a: Workspace;
let b: Workspace;
let conversationId: string;
let refundTag: string;
let billingTeam: string;

beforeAll(async () => {
  server = await startTestServer();
  [a, b] = await Promise.all([workspace('Replies A'), workspace('Replies B')]);
  await server.server.platform.database.orm.execute(sql`update workspaces set timezone = 'Europe/Paris' where id = ${a.id}`);
  expect((await a.api.post('/api/data_attributes', { name: 'plan', model: 'contact', data_type: 'string' })).status).toBe(200);
  conversationId = await conversationWith(a, { name: 'Ada Lovelace', custom_attributes: { plan: 'Pro' } });
  refundTag = (await a.api.post('/api/tags', { name: 'Refund' })).body.id;
  billingTeam = (await a.inbox.post('/app-api/teams', { name: 'Billing', admin_ids: [a.ownerId] })).body.id;
});
afterAll(() => server?.stop());

describe('saved replies', () => {
  it('a teammate creates, lists, edits and deletes a saved reply; its body is stored sanitized', async () => {
    const created = await a.inbox.post('/app-api/saved-replies', {
      name: 'Greeting',
      shortcut: 'hello',
      body: '<p onclick="steal()">Hi {{contact.first_name}}<script>alert(1)</script></p>',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Greeting', shortcut: 'hello', body: '<p>Hi {{contact.first_name}}</p>' });
    expect(created.body.updated_at).toBeGreaterThan(0);

    const listed = await a.inbox.get('/app-api/saved-replies');
    expect(listed.status).toBe(200);
    expect(listed.body.saved_replies.map((reply: { id: string }) => reply.id)).toContain(created.body.id);

    const edited = await a.inbox.put(`/app-api/saved-replies/${created.body.id}`, { name: 'Warm greeting', shortcut: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Warm greeting', shortcut: null, body: '<p>Hi {{contact.first_name}}</p>' });

    expect((await a.inbox.delete(`/app-api/saved-replies/${created.body.id}`)).status).toBe(204);
    expect((await a.inbox.delete(`/app-api/saved-replies/${created.body.id}`)).status).toBe(404);
    expect((await a.inbox.get('/app-api/saved-replies')).body.saved_replies.some((reply: { id: string }) => reply.id === created.body.id)).toBe(false);
  });

  it('refuses bad names, shortcuts and bodies, naming the field; a shortcut is unique in the workspace', async () => {
    const refuse = async (body: unknown, status: number, field: string) => {
      const response = await a.inbox.post('/app-api/saved-replies', body);
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.errors[0].field).toBe(field);
      return response;
    };
    await refuse({ name: '', body: 'x' }, 400, 'name');
    await refuse({ name: '   ', body: 'x' }, 400, 'name');
    await refuse({ name: 'n'.repeat(101), body: 'x' }, 400, 'name');
    await refuse({ name: 'Caps', shortcut: 'Refund', body: 'x' }, 400, 'shortcut');
    await refuse({ name: 'Space', shortcut: 'two words', body: 'x' }, 400, 'shortcut');
    await refuse({ name: 'Long', shortcut: 'a'.repeat(33), body: 'x' }, 400, 'shortcut');
    await refuse({ name: 'Empty', body: '<script>only()</script>' }, 400, 'body');
    await refuse({ name: 'Extra', body: 'x', owner: 'me' }, 400, 'owner');

    expect((await a.inbox.post('/app-api/saved-replies', { name: 'Refund policy', shortcut: 'refund', body: 'We refund within 30 days.' })).status).toBe(201);
    const clash = await refuse({ name: 'Another', shortcut: 'refund', body: 'y' }, 409, 'shortcut');
    expect(clash.body.errors[0].message).toContain('"refund"');
    const other = await a.inbox.post('/app-api/saved-replies', { name: 'Other', shortcut: 'other', body: 'z' });
    const renamed = await a.inbox.put(`/app-api/saved-replies/${other.body.id}`, { shortcut: 'refund' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.errors[0].field).toBe('shortcut');
    // Another workspace may use the same shortcut.
    expect((await b.inbox.post('/app-api/saved-replies', { name: 'Refunds', shortcut: 'refund', body: 'Sure.' })).status).toBe(201);
  });

  it('lets every teammate read, and only teammates who may reply write', async () => {
    const viewer = await teammate(a, 'Vic Viewer', { readOnly: true });
    expect((await viewer.client.get('/app-api/saved-replies')).status).toBe(200);
    const refused = await viewer.client.post('/app-api/saved-replies', { name: 'Mine', body: 'x' });
    expect(refused.status).toBe(403);
    expect((await viewer.client.post('/app-api/macros', { name: 'Mine', actions: [{ type: 'close' }] })).status).toBe(403);
    expect((await (await browser(server.url)).get('/app-api/saved-replies')).status).toBe(401);
  });

  it('fills placeholders with the contact, the teammate and the conversation, escaping values and using fallbacks', async () => {
    const created = await a.inbox.post('/app-api/saved-replies', {
      name: 'Everything',
      body: [
        '<p>Hi {{contact.first_name | "there"}} ({{ contact.name }}, {{contact.email}}),</p>',
        '<p>plan {{contact.custom_attributes.plan | "free"}}, missing {{contact.custom_attributes.nope | "none"}}, {{unknown.thing}}[{{company.name | "your company"}}]</p>',
        '<p>{{teammate.first_name}} / {{teammate.name}} / #{{conversation.id}}</p>',
      ].join(''),
    });
    expect(created.status).toBe(201);
    const rendered = await a.inbox.post(`/app-api/saved-replies/${created.body.id}/render`, { conversation_id: conversationId });
    expect(rendered.status).toBe(200);
    const email = (await a.api.get(`/api/conversations/${conversationId}`)).body.source.author.email;
    expect(rendered.body.body).toBe(
      `<p>Hi Ada (Ada Lovelace, ${email}),</p><p>plan Pro, missing none, [your company]</p><p>Olivia / Olivia Owner / #${conversationId}</p>`,
    );

    // A hostile name is text; a nameless contact gets the fallback, also from a plain-text body (stored with &quot;).
    const hostile = await conversationWith(a, { name: '<img src=x onerror=alert(1)> "Eve"' });
    const plain = await a.inbox.post('/app-api/saved-replies', { name: 'Plain', body: 'Hello {{contact.name | "friend"}} & {{contact.first_name | "you <3"}}' });
    expect(plain.body.body).toContain('&quot;friend&quot;');
    const forHostile = await a.inbox.post(`/app-api/saved-replies/${plain.body.id}/render`, { conversation_id: hostile });
    expect(forHostile.body.body).toBe('<p>Hello &lt;img src=x onerror=alert(1)&gt; &quot;Eve&quot; &amp; &lt;img</p>');
    const nameless = await conversationWith(a, {});
    const forNameless = await a.inbox.post(`/app-api/saved-replies/${plain.body.id}/render`, { conversation_id: nameless });
    expect(forNameless.body.body).toBe('<p>Hello friend &amp; you &lt;3</p>');
  });

  it("answers 404 for another workspace's saved replies and conversations", async () => {
    const mine = await a.inbox.post('/app-api/saved-replies', { name: 'Private', body: 'A only' });
    expect((await b.inbox.get('/app-api/saved-replies')).body.saved_replies.some((reply: { name: string }) => reply.name === 'Private')).toBe(false);
    expect((await b.inbox.put(`/app-api/saved-replies/${mine.body.id}`, { name: 'Stolen' })).status).toBe(404);
    expect((await b.inbox.delete(`/app-api/saved-replies/${mine.body.id}`)).status).toBe(404);
    expect((await b.inbox.post(`/app-api/saved-replies/${mine.body.id}/render`, { conversation_id: conversationId })).status).toBe(404);
    const theirs = await b.inbox.post('/app-api/saved-replies', { name: 'Theirs', body: 'B' });
    expect((await b.inbox.post(`/app-api/saved-replies/${theirs.body.id}/render`, { conversation_id: conversationId })).status).toBe(404);
    expect((await a.inbox.post('/app-api/saved-replies/not-a-number/render', { conversation_id: conversationId })).status).toBe(404);
  });
});

describe('macros', () => {
  it('a teammate creates, lists, edits and deletes a macro', async () => {
    const created = await a.inbox.post('/app-api/macros', {
      name: 'Refund',
      body: 'Refunded, {{contact.first_name}}.',
      actions: [{ type: 'add_tag', tag_id: refundTag }, { type: 'assign', team_id: billingTeam }, { type: 'close' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Refund',
      body: '<p>Refunded, {{contact.first_name}}.</p>',
      note: false,
      actions: [{ type: 'add_tag', tag_id: refundTag }, { type: 'assign', team_id: billingTeam }, { type: 'close' }],
    });
    expect((await a.inbox.get('/app-api/macros')).body.macros.map((macro: { id: string }) => macro.id)).toContain(created.body.id);

    const edited = await a.inbox.put(`/app-api/macros/${created.body.id}`, { note: true, body: null, actions: [{ type: 'set_priority', priority: true }] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Refund', body: null, note: true, actions: [{ type: 'set_priority', priority: true }] });

    expect((await a.inbox.delete(`/app-api/macros/${created.body.id}`)).status).toBe(204);
    expect((await a.inbox.put(`/app-api/macros/${created.body.id}`, { name: 'Gone' })).status).toBe(404);
  });

  it("refuses actions naming what is not in the workspace, naming the field", async () => {
    const otherTag = (await b.api.post('/api/tags', { name: 'Elsewhere' })).body.id;
    const otherTeam = (await b.inbox.post('/app-api/teams', { name: 'Their team' })).body.id;
    const refuse = async (actions: unknown[], field: string, extra: Record<string, unknown> = {}) => {
      const response = await a.inbox.post('/app-api/macros', { name: 'Bad', actions, ...extra });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.errors[0].field).toBe(field);
    };
    await refuse([{ type: 'close' }, { type: 'add_tag', tag_id: otherTag }], 'actions[1].tag_id');
    await refuse([{ type: 'assign', team_id: otherTeam }], 'actions[0].team_id');
    await refuse([{ type: 'assign', admin_id: b.ownerId }], 'actions[0].admin_id');
    await refuse([{ type: 'assign' }], 'actions[0].admin_id');
    await refuse([], 'actions');
    await refuse([], 'actions', { body: '   ' });
    const badSnooze = await a.inbox.post('/app-api/macros', { name: 'Bad', actions: [{ type: 'snooze', duration: 'someday' }] });
    expect(badSnooze.status).toBe(400);
    const extra = await a.inbox.post('/app-api/macros', { name: 'Bad', actions: [{ type: 'close', reason: 'x' }] });
    expect(extra.status).toBe(400);
    expect((await a.inbox.post('/app-api/macros', { name: '', actions: [{ type: 'close' }] })).body.errors[0].field).toBe('name');
  });

  it('previews in sentences, with times in the workspace time zone, applying nothing', async () => {
    const macro = await a.inbox.post('/app-api/macros', {
      name: 'Everything',
      body: 'Hi {{contact.first_name}}',
      note: true,
      actions: [
        { type: 'add_tag', tag_id: refundTag },
        { type: 'assign', team_id: billingTeam },
        { type: 'assign', admin_id: a.ownerId, team_id: null },
        { type: 'set_priority', priority: true },
        { type: 'snooze', duration: 'tomorrow' },
        { type: 'snooze', duration: 'next_week' },
        { type: 'snooze', duration: 'later_today' },
        { type: 'snooze', duration: { hours: 2 } },
        { type: 'close' },
      ],
    });
    expect(macro.status, JSON.stringify(macro.body)).toBe(201);
    const before = (await a.api.get(`/api/conversations/${conversationId}`)).body;
    const preview = await a.inbox.post(`/app-api/macros/${macro.body.id}/preview`, { conversation_id: conversationId });
    expect(preview.status).toBe(200);
    expect(preview.body.body).toBe('<p>Hi Ada</p>');
    expect(preview.body.note).toBe(true);
    const [tag, team, admin, priority, tomorrow, nextWeek, laterToday, hours, close] = preview.body.actions;
    expect([tag, team, admin, priority, tomorrow, close]).toEqual([
      'Tag with Refund',
      'Assign to Billing',
      'Assign to Olivia Owner and remove the team',
      'Mark as priority',
      'Snooze until tomorrow 09:00',
      'Close',
    ]);
    expect(nextWeek).toMatch(/^Snooze until (tomorrow|Monday \d{1,2} [A-Z][a-z]+) 09:00$/);
    expect(laterToday).toMatch(/^Snooze until (today|tomorrow) \d\d:\d\d$/);
    expect(hours).toMatch(/^Snooze for 2 hours \(until (today|tomorrow) \d\d:\d\d\)$/);
    const after = (await a.api.get(`/api/conversations/${conversationId}`)).body;
    expect(after.conversation_parts.total_count).toBe(before.conversation_parts.total_count);
    expect(after.state).toBe(before.state);
  });

  it('runs the reply, then tag, assignment and snooze in order, and the conversation shows the parts', async () => {
    const target = await conversationWith(a, { name: 'Grace Hopper' });
    const macro = await a.inbox.post('/app-api/macros', {
      name: 'Refund and wait',
      body: 'Your refund is on its way, {{contact.first_name | "there"}}.',
      actions: [{ type: 'add_tag', tag_id: refundTag }, { type: 'assign', team_id: billingTeam }, { type: 'snooze', duration: 'tomorrow' }],
    });
    const ran = await a.inbox.post(`/app-api/macros/${macro.body.id}/run`, { conversation_id: target });
    expect(ran.status, JSON.stringify(ran.body)).toBe(200);
    const expectedUntil = Math.floor(snoozeUntil('tomorrow', 'Europe/Paris').getTime() / 1000);
    expect(ran.body.conversation).toMatchObject({ id: target, state: 'snoozed', team_assignee_id: billingTeam });
    expect(ran.body.conversation.snoozed_until).toBe(expectedUntil);
    expect(ran.body.conversation.tags.map((t: { name: string }) => t.name)).toEqual(['Refund']);
    // Oldest first: the opening message, then the reply, then each action's part in the macro's order.
    const types = partTypes(ran.body);
    const reply = ran.body.parts.findIndex((part: { part_type: string; body: string | null }) => part.part_type === 'comment' && part.body?.includes('refund is on its way'));
    expect(reply).toBeGreaterThan(0);
    expect(ran.body.parts[reply].body).toBe('<p>Your refund is on its way, Grace.</p>');
    expect(types.slice(reply)).toEqual(['comment', 'tag_added', 'assignment', 'snoozed']);

    // The REST API sees the same conversation: the same services wrote it.
    const rest = (await a.api.get(`/api/conversations/${target}`)).body;
    expect(rest.state).toBe('snoozed');
    expect(rest.snoozed_until).toBe(expectedUntil);
    expect(rest.team_assignee_id).toBe(billingTeam);
    expect(rest.tags.tags.map((t: { name: string }) => t.name)).toEqual(['Refund']);
  });

  it('sends the body as a note when the macro says so, then closes', async () => {
    const target = await conversationWith(a, { name: 'Linus' });
    const macro = await a.inbox.post('/app-api/macros', { name: 'Note and close', body: 'Checked by {{teammate.name}}', note: true, actions: [{ type: 'close' }] });
    const ran = await a.inbox.post(`/app-api/macros/${macro.body.id}/run`, { conversation_id: target });
    expect(ran.status).toBe(200);
    expect(ran.body.conversation.state).toBe('closed');
    const rest = (await a.api.get(`/api/conversations/${target}`)).body;
    expect(rest.conversation_parts.conversation_parts.slice(-2).map((part: { part_type: string; body: string | null }) => [part.part_type, part.body])).toEqual([
      ['note', '<p>Checked by Olivia Owner</p>'],
      ['close', null],
    ]);
  });

  it('applies nothing when something a macro names was deleted since it was saved', async () => {
    const doomed = (await a.api.post('/api/tags', { name: 'Doomed' })).body.id;
    const macro = await a.inbox.post('/app-api/macros', { name: 'Stale', body: 'Hello', actions: [{ type: 'close' }, { type: 'add_tag', tag_id: doomed }] });
    expect(macro.status).toBe(201);
    expect((await a.api.delete(`/api/tags/${doomed}`)).status).toBe(200);
    const target = await conversationWith(a, { name: 'Stale Case' });
    const ran = await a.inbox.post(`/app-api/macros/${macro.body.id}/run`, { conversation_id: target });
    expect(ran.status).toBe(400);
    expect(ran.body.errors[0].field).toBe('actions[1].tag_id');
    const rest = (await a.api.get(`/api/conversations/${target}`)).body;
    expect(rest.state).toBe('open');
    expect(rest.conversation_parts.total_count).toBe(0);
  });

  it("answers 404 for another workspace's macros and conversations", async () => {
    const mine = await a.inbox.post('/app-api/macros', { name: 'A macro', actions: [{ type: 'close' }] });
    expect((await b.inbox.get('/app-api/macros')).body.macros.some((macro: { name: string }) => macro.name === 'A macro')).toBe(false);
    expect((await b.inbox.put(`/app-api/macros/${mine.body.id}`, { name: 'Stolen' })).status).toBe(404);
    expect((await b.inbox.delete(`/app-api/macros/${mine.body.id}`)).status).toBe(404);
    expect((await b.inbox.post(`/app-api/macros/${mine.body.id}/preview`, { conversation_id: conversationId })).status).toBe(404);
    expect((await b.inbox.post(`/app-api/macros/${mine.body.id}/run`, { conversation_id: conversationId })).status).toBe(404);
    const theirs = await b.inbox.post('/app-api/macros', { name: 'B macro', actions: [{ type: 'close' }] });
    expect((await b.inbox.post(`/app-api/macros/${theirs.body.id}/run`, { conversation_id: conversationId })).status).toBe(404);
    expect((await a.api.get(`/api/conversations/${conversationId}`)).body.state).toBe('open');
  });
});

describe('a teammate who may not see all conversations', () => {
  it("gets 404 for another team's conversation from render, preview and run, and can use them on its own team's", async () => {
    const agent = await teammate(a, 'Rita Restricted', { restricted: true });
    const support = (await a.inbox.post('/app-api/teams', { name: 'Support', admin_ids: [agent.id] })).body.id;
    const hidden = await conversationWith(a, { name: 'Hidden Customer' });
    const shown = await conversationWith(a, { name: 'Shown Customer' });
    const assign = (id: string, team: string) =>
      a.api.post(`/api/conversations/${id}/parts`, { message_type: 'assignment', type: 'team', admin_id: a.ownerId, assignee_id: team });
    expect((await assign(hidden, billingTeam)).status).toBe(200);
    expect((await assign(shown, support)).status).toBe(200);

    const reply = await agent.client.post('/app-api/saved-replies', { name: 'Agent reply', body: 'Hi {{contact.first_name}}' });
    expect(reply.status).toBe(201);
    const macro = await agent.client.post('/app-api/macros', { name: 'Agent macro', body: 'Done', actions: [{ type: 'close' }] });
    expect(macro.status).toBe(201);

    expect((await agent.client.post(`/app-api/saved-replies/${reply.body.id}/render`, { conversation_id: hidden })).status).toBe(404);
    expect((await agent.client.post(`/app-api/macros/${macro.body.id}/preview`, { conversation_id: hidden })).status).toBe(404);
    expect((await agent.client.post(`/app-api/macros/${macro.body.id}/run`, { conversation_id: hidden })).status).toBe(404);
    expect((await a.api.get(`/api/conversations/${hidden}`)).body.state).toBe('open');

    expect((await agent.client.post(`/app-api/saved-replies/${reply.body.id}/render`, { conversation_id: shown })).body.body).toBe('<p>Hi Shown</p>');
    const ran = await agent.client.post(`/app-api/macros/${macro.body.id}/run`, { conversation_id: shown });
    expect(ran.status).toBe(200);
    expect(ran.body.conversation.state).toBe('closed');
  });
});
