import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueVisitorToken } from '../src/modules/messenger/visitor-token.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { browser, HttpClient, signUp, uniqueEmail } from './http-client.ts';
import { LiveSocket } from './live-socket.ts';

let server: TestServer;
let api: HttpClient;
let owner: Awaited<ReturnType<typeof signUp>>;
let workspaceId: number;
let ownerId: string;

const cookieOf = (client: HttpClient) => `fd_session=${client.cookie('fd_session')}`;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUp(server.url, { workspace_name: 'Realtime' });
  ownerId = String(owner.session.teammate.id);
  const [workspace] = await server.server.platform.database.orm.execute(sql`select id from workspaces where id_code = ${owner.session.workspace.id_code}`).then((result) => (result as unknown as { rows: { id: string }[] }).rows);
  workspaceId = Number(workspace?.id);
  api = new HttpClient(server.url, (await owner.client.post('/app-api/api-tokens', { name: 'rt' })).body.token);
});
afterAll(() => server?.stop());

/** A Messenger visitor who is contact `contactId` (as the messenger module records after boot). */
async function visitorFor(contactId: string): Promise<string> {
  const visitorId = `v_${Math.random().toString(36).slice(2, 14)}`;
  await server.server.platform.database.orm.execute(
    sql`insert into messenger_visitors (workspace_id, id, contact_id, identified_at) values (${workspaceId}, ${visitorId}, ${contactId}, now())`,
  );
  return issueVisitorToken(server.server.platform.keyring, { workspaceId, visitorId });
}

async function contactWithConversation(): Promise<{ contactId: string; conversationId: string }> {
  const contact = await api.post('/api/contacts', { role: 'user', email: uniqueEmail('visitor'), name: 'Vera Visitor' });
  expect(contact.status).toBe(200);
  const message = await api.post('/api/conversations', { from: { type: 'user', id: contact.body.id }, body: 'Hello there' });
  expect(message.status).toBe(200);
  return { contactId: contact.body.id, conversationId: message.body.conversation_id };
}

/** An agent of the workspace who may not see all conversations: their browser and id. */
async function restrictedAgent(name: string): Promise<{ agentBrowser: HttpClient; agentId: number }> {
  const invite = await owner.client.post('/app-api/invites', { email: uniqueEmail('agent'), role: 'agent' });
  const agentBrowser = await browser(server.url);
  const joined = await agentBrowser.post(`/app-api/invites/${String(invite.body.invite_url).split('/').pop()}/accept`, { name, password: 'correct horse battery staple' });
  expect(joined.status).toBe(200);
  const agentId = Number(joined.body.teammate.id);
  await server.server.platform.database.orm.execute(
    sql`update memberships set permissions = permissions || '{"access_all_conversations": false}'::jsonb where workspace_id = ${workspaceId} and teammate_id = ${agentId}`,
  );
  return { agentBrowser, agentId };
}

/** The owner assigns the conversation to a team (through the REST API). */
const assignToTeam = (conversationId: string, teamId: string) =>
  api.post(`/api/conversations/${conversationId}/parts`, { message_type: 'assignment', type: 'team', admin_id: ownerId, assignee_id: teamId });

const adminReply = (conversationId: string, body: string, messageType: 'comment' | 'note' = 'comment') =>
  api.post(`/api/conversations/${conversationId}/reply`, { message_type: messageType, type: 'admin', admin_id: ownerId, body });

describe('realtime sockets', () => {
  it('sends a teammate reply to the visitor live, with the part, and never a note', async () => {
    const { contactId, conversationId } = await contactWithConversation();
    const visitor = await LiveSocket.open(server.url, { visitorToken: await visitorFor(contactId) });
    await visitor.subscribe(conversationId, 0);
    // From 0 the history comes first: the conversation's creation with its opening message.
    const created = visitor.events(conversationId)[0];
    expect(created).toMatchObject({ name: 'conversation.created', seq: 1, part: { body: '<p>Hello there</p>', author: { type: 'user', name: 'Vera Visitor' } } });

    await adminReply(conversationId, 'Internal only', 'note');
    expect((await adminReply(conversationId, 'How can we <b>help</b>?')).status).toBe(200);
    const reply = await visitor.waitUntil(() => visitor.events(conversationId).find((frame) => frame.part?.body?.includes('help')));
    expect(reply).toMatchObject({ name: 'conversation.part.created', part: { part_type: 'comment', author: { type: 'admin', id: ownerId, name: 'Olivia Owner' } } });
    expect(reply).not.toHaveProperty('stream_seq');
    expect(JSON.stringify(visitor.frames)).not.toContain('Internal only');
    // Numbers only grow, and the note's number was skipped, not reused.
    const seqs = visitor.events(conversationId).map((frame) => frame.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(reply.seq).toBe(3);
    visitor.close();
  });

  it('delivers all 50 messages sent while a visitor was away, in order, once, after it reconnects', async () => {
    const { contactId, conversationId } = await contactWithConversation();
    const token = await visitorFor(contactId);
    const first = await LiveSocket.open(server.url, { visitorToken: token });
    await first.subscribe(conversationId, 0);
    const lastSeen = Math.max(...first.events(conversationId).map((frame) => frame.seq));
    first.close();
    await first.closed;

    for (let i = 1; i <= 50; i++) expect((await adminReply(conversationId, `message ${i}`)).status).toBe(200);

    const second = await LiveSocket.open(server.url, { visitorToken: token });
    await second.subscribe(conversationId, lastSeen);
    const bodies = second.events(conversationId).map((frame) => frame.part?.body);
    expect(bodies).toEqual(Array.from({ length: 50 }, (_, i) => `<p>message ${i + 1}</p>`));
    // Live delivery goes on after the resumed history, without repeating it.
    await adminReply(conversationId, 'message 51');
    await second.waitUntil(() => second.events(conversationId).length === 51);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.events(conversationId)).toHaveLength(51);
    second.close();
  });

  it('numbers the teammate stream: an inbox socket resumes by stream number without gaps or repeats', async () => {
    const teammate = await LiveSocket.open(server.url, { cookie: cookieOf(owner.client) });
    teammate.send({ type: 'subscribe_inbox', after: 0 });
    await teammate.waitFor((frame) => frame.type === 'subscribed' && frame.stream === 'inbox');
    const { conversationId } = await contactWithConversation();
    const created = await teammate.waitUntil(() => teammate.events(conversationId).find((frame) => frame.name === 'conversation.created'));
    expect(created.stream_seq).toBeGreaterThan(0);
    expect(created.conversation).toMatchObject({ id: conversationId, state: 'open', admin_assignee_id: null });
    const mark = Math.max(...teammate.events().map((frame) => frame.stream_seq ?? 0));
    teammate.close();
    await teammate.closed;

    await adminReply(conversationId, 'while away 1');
    await adminReply(conversationId, 'a note while away', 'note');

    const again = await LiveSocket.open(server.url, { cookie: cookieOf(owner.client) });
    again.send({ type: 'subscribe_inbox', after: mark });
    await again.waitFor((frame) => frame.type === 'subscribed' && frame.stream === 'inbox');
    const resumed = again.events(conversationId);
    // Teammates see notes too; numbers are consecutive from the mark.
    expect(resumed.map((frame) => frame.part?.body)).toEqual(['<p>while away 1</p>', '<p>a note while away</p>']);
    const numbers = again.events().map((frame) => frame.stream_seq as number);
    expect(numbers[0]).toBe(mark + 1);
    expect(numbers).toEqual(numbers.map((_, i) => mark + 1 + i));
    again.close();
  });

  it('keeps other teams\' conversations from a teammate who may not see all conversations', async () => {
    const { agentBrowser, agentId } = await restrictedAgent('Andy Agent');
    const billing = await owner.client.post('/app-api/teams', { name: 'Billing', admin_ids: [ownerId] });
    const support = await owner.client.post('/app-api/teams', { name: 'Support', admin_ids: [agentId] });
    const hidden = await contactWithConversation();
    const shown = await contactWithConversation();
    expect((await assignToTeam(hidden.conversationId, billing.body.id)).status).toBe(200);
    expect((await assignToTeam(shown.conversationId, support.body.id)).status).toBe(200);

    const agent = await LiveSocket.open(server.url, { cookie: cookieOf(agentBrowser) });
    agent.send({ type: 'subscribe_inbox', after: 0 });
    await agent.waitFor((frame) => frame.type === 'subscribed' && frame.stream === 'inbox');
    await adminReply(hidden.conversationId, 'billing secret');
    await adminReply(shown.conversationId, 'support answer');
    await agent.waitUntil(() => agent.events(shown.conversationId).find((frame) => frame.part?.body === '<p>support answer</p>'));
    expect(agent.events(hidden.conversationId)).toEqual([]);
    agent.send({ type: 'subscribe', conversation_id: hidden.conversationId, after: 0 });
    const refused = await agent.waitFor((frame) => frame.type === 'error' && frame.conversation_id === hidden.conversationId);
    expect(refused).toMatchObject({ code: 'not_found' });
    agent.close();
  });

  it('tells a teammate who may not see all conversations when one moves out of their sight, and stops following it', async () => {
    const { agentBrowser, agentId } = await restrictedAgent('Hana Hidden');
    const sales = await owner.client.post('/app-api/teams', { name: 'Sales', admin_ids: [ownerId] });
    const care = await owner.client.post('/app-api/teams', { name: 'Care', admin_ids: [agentId] });
    const moving = await contactWithConversation();
    const elsewhere = await contactWithConversation();
    expect((await assignToTeam(moving.conversationId, care.body.id)).status).toBe(200);
    expect((await assignToTeam(elsewhere.conversationId, sales.body.id)).status).toBe(200);

    // One socket follows the inbox and the conversation (the list and the open pane), one only the inbox.
    const pane = await LiveSocket.open(server.url, { cookie: cookieOf(agentBrowser) });
    pane.send({ type: 'subscribe_inbox', after: Number.MAX_SAFE_INTEGER });
    await pane.waitFor((frame) => frame.type === 'subscribed' && frame.stream === 'inbox');
    pane.send({ type: 'subscribe', conversation_id: moving.conversationId, after: Number.MAX_SAFE_INTEGER });
    await pane.waitFor((frame) => frame.type === 'subscribed' && frame.conversation_id === moving.conversationId);
    const list = await LiveSocket.open(server.url, { cookie: cookieOf(agentBrowser) });
    list.send({ type: 'subscribe_inbox', after: Number.MAX_SAFE_INTEGER });
    await list.waitFor((frame) => frame.type === 'subscribed' && frame.stream === 'inbox');

    expect((await assignToTeam(moving.conversationId, sales.body.id)).status).toBe(200);
    const hiddenFrames = (socket: LiveSocket) => socket.frames.filter((frame) => frame.type === 'conversation_hidden' && frame.conversation_id === moving.conversationId);
    for (const socket of [pane, list]) {
      await socket.waitFor((frame) => frame.type === 'conversation_hidden' && frame.conversation_id === moving.conversationId);
    }
    // Later events of a hidden conversation (and of one never seen) say nothing, not even that they happened.
    await adminReply(moving.conversationId, 'sales only from now on');
    await adminReply(elsewhere.conversationId, 'sales reply');
    // Give the numbered frames (after the previews) time to arrive: they must add nothing.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const socket of [pane, list]) {
      // Once per socket, whether the preview or the numbered frame told it.
      expect(hiddenFrames(socket)).toHaveLength(1);
      expect(socket.events(moving.conversationId).filter((frame) => frame.part?.part_type === 'assignment' || frame.part?.body?.includes('sales only'))).toEqual([]);
      expect(socket.events(elsewhere.conversationId)).toEqual([]);
    }
    // No longer followed: typing in it is refused as for any conversation not subscribed to.
    pane.send({ type: 'typing', conversation_id: moving.conversationId });
    expect(await pane.waitFor((frame) => frame.type === 'error' && frame.conversation_id === moving.conversationId)).toMatchObject({ code: 'not_subscribed' });

    // Back in the agent's team, it shows again.
    expect((await assignToTeam(moving.conversationId, care.body.id)).status).toBe(200);
    await list.waitUntil(() => list.events(moving.conversationId).find((frame) => frame.part?.part_type === 'assignment'));
    pane.close();
    list.close();
  });

  it('lets a visitor follow only its own conversations, and refuses bad credentials at the upgrade', async () => {
    const mine = await contactWithConversation();
    const theirs = await contactWithConversation();
    const visitor = await LiveSocket.open(server.url, { visitorToken: await visitorFor(mine.contactId) });
    visitor.send({ type: 'subscribe', conversation_id: theirs.conversationId, after: 0 });
    expect(await visitor.waitFor((frame) => frame.type === 'error')).toMatchObject({ code: 'not_found', conversation_id: theirs.conversationId });
    visitor.close();

    await expect(LiveSocket.open(server.url, { visitorToken: 'fdv.1.forged-visitor-id.1700000000.00000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).rejects.toThrow('401');
    await expect(LiveSocket.open(server.url, {})).rejects.toThrow('401');
    // A visitor bound to a user without an identified boot (as the visitor API refuses it).
    await server.server.platform.database.orm.execute(sql`insert into messenger_visitors (workspace_id, id, contact_id) values (${workspaceId}, 'v_unverified_1', ${mine.contactId})`);
    const unverified = issueVisitorToken(server.server.platform.keyring, { workspaceId, visitorId: 'v_unverified_1' });
    await expect(LiveSocket.open(server.url, { visitorToken: unverified })).rejects.toThrow('401');
    // A teammate's cookie sent by another site's page is refused.
    await expect(LiveSocket.open(server.url, { cookie: cookieOf(owner.client), origin: 'https://evil.example' })).rejects.toThrow('403');
    const sameOrigin = await LiveSocket.open(server.url, { cookie: cookieOf(owner.client), origin: server.url });
    sameOrigin.close();
  });

  it('closes a socket that sends garbage, binary or oversized frames, and keeps serving the others', async () => {
    const { contactId, conversationId } = await contactWithConversation();
    const token = await visitorFor(contactId);
    const bystander = await LiveSocket.open(server.url, { visitorToken: token });
    await bystander.subscribe(conversationId, 0);

    const cases: [unknown, number][] = [
      ['{not json', 1007],
      [Buffer.from([1, 2, 3]), 1003],
      ['x'.repeat(64 * 1024), 1009],
      [{ type: 'launch_missiles' }, 1008],
      [{ type: 'subscribe', conversation_id: "1' or 1=1 --", after: 0 }, 1008],
    ];
    for (const [frame, code] of cases) {
      const socket = await LiveSocket.open(server.url, { visitorToken: token });
      if (Buffer.isBuffer(frame)) socket.ws.send(frame, { binary: true });
      else socket.send(frame);
      expect((await socket.closed).code).toBe(code);
    }
    await adminReply(conversationId, 'still here');
    await bystander.waitUntil(() => bystander.events(conversationId).find((frame) => frame.part?.body === '<p>still here</p>'));
    bystander.send({ type: 'ping' });
    await bystander.waitFor((frame) => frame.type === 'pong');
    bystander.close();
  });

  it('relays typing between a teammate and the visitor, not to the typist', async () => {
    const { contactId, conversationId } = await contactWithConversation();
    const visitor = await LiveSocket.open(server.url, { visitorToken: await visitorFor(contactId) });
    const teammate = await LiveSocket.open(server.url, { cookie: cookieOf(owner.client) });
    await visitor.subscribe(conversationId, 0);
    await teammate.subscribe(conversationId, 0);
    teammate.send({ type: 'typing', conversation_id: conversationId });
    expect(await visitor.waitFor((frame) => frame.type === 'typing')).toMatchObject({ conversation_id: conversationId, author: { type: 'admin', id: ownerId, name: 'Olivia Owner' } });
    visitor.send({ type: 'typing', conversation_id: conversationId });
    expect(await teammate.waitFor((frame) => frame.type === 'typing')).toMatchObject({ author: { type: 'user', id: contactId } });
    expect(visitor.frames.filter((frame) => frame.type === 'typing')).toHaveLength(1);
    visitor.close();
    teammate.close();
  });

  it('answers a number it never handed out with reset and follows live, even when asked before ready', async () => {
    const { contactId, conversationId } = await contactWithConversation();
    const url = new URL('/realtime', server.url.replace(/^http/, 'ws'));
    url.searchParams.set('visitor_token', await visitorFor(contactId));
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(url);
    const frames: { type: string; conversation_id?: string; part?: { body: string } }[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    // Sent the moment the socket opens, before the server's `ready`.
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'subscribe', conversation_id: conversationId, after: 999_999 }));
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(check()).toBe(true);
    };
    await until(() => frames.some((frame) => frame.type === 'subscribed'));
    expect(frames.map((frame) => frame.type)).toEqual(['ready', 'reset', 'subscribed']);
    await adminReply(conversationId, 'live after reset');
    await until(() => frames.some((frame) => frame.part?.body === '<p>live after reset</p>'));
    ws.close();
  });

  it('sends each change to an inbox once, whether its preview or its numbered frame comes first', async () => {
    const { conversationId } = await contactWithConversation();
    const inbox = await LiveSocket.open(server.url, { cookie: cookieOf(owner.client) });
    inbox.send({ type: 'subscribe_inbox', after: Number.MAX_SAFE_INTEGER });
    await inbox.waitFor((frame) => frame.type === 'subscribed');
    for (let i = 1; i <= 5; i++) expect((await adminReply(conversationId, `once ${i}`)).status).toBe(200);
    await inbox.waitUntil(() => inbox.events(conversationId).filter((frame) => frame.part).length === 5);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const parts = inbox.events(conversationId).filter((frame) => frame.part);
    expect(parts.map((frame) => frame.part?.body)).toEqual([1, 2, 3, 4, 5].map((i) => `<p>once ${i}</p>`));
    // The fast path carried them (no teammate-stream number yet), with the author's name.
    expect(parts.some((frame) => frame.stream_seq === undefined)).toBe(true);
    expect(parts[0]?.part?.author.name).toBe('Olivia Owner');
    inbox.close();
  });
});
