import type { ConversationDetail, ConversationPage, ConversationSummary, InboxView, InboxViewList, TranscriptPart } from '@frontdesk/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { type HttpClient, signUp } from './http-client.ts';
import { conversationFrom, cookieOf, type InboxWorkspace, inboxWorkspace, png, restrictedAgent, setPermission, upload } from './inbox-support.ts';
import { LiveSocket } from './live-socket.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const viewsOf = async (client: HttpClient): Promise<Record<string, InboxView>> => {
  const response = await client.get<InboxViewList>('/app-api/inbox/views');
  expect(response.status).toBe(200);
  return Object.fromEntries(response.body.views.map((view) => [view.id, view]));
};
const countOf = async (client: HttpClient, id: string) => (await viewsOf(client))[id]?.count;

async function list(client: HttpClient, query: Record<string, string | number>): Promise<ConversationPage> {
  const response = await client.get<ConversationPage>(`/app-api/inbox/conversations?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** Every page of a list, `perPage` at a time, following `next`. */
async function allPages(client: HttpClient, query: Record<string, string | number>, perPage: number): Promise<ConversationSummary[]> {
  const rows: ConversationSummary[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: ConversationPage = await list(client, { ...query, per_page: perPage, ...(cursor ? { cursor } : {}) });
    expect(page.conversations.length).toBeLessThanOrEqual(perPage);
    rows.push(...page.conversations);
    cursor = page.next;
    if (!cursor) return rows;
  }
  throw new Error('too many pages');
}

const lastPart = (detail: ConversationDetail): TranscriptPart => detail.parts.at(-1) as TranscriptPart;

describe('inbox views and counts', () => {
  let ws: InboxWorkspace;
  beforeAll(async () => {
    ws = await inboxWorkspace(server, 'Views');
  });

  it('counts the open conversations of each inbox: yours, unassigned, all, one per team, saved views', async () => {
    const team = await ws.owner.post('/app-api/teams', { name: 'Billing', admin_ids: [ws.ownerId] });
    expect(team.status).toBe(201);
    const a = await conversationFrom(ws, 'I need an invoice', { email: 'vip@bigcorp.example', name: 'Vip Person' });
    const b = await conversationFrom(ws, 'Where is my parcel?');
    const c = await conversationFrom(ws, 'Refund please');
    const d = await conversationFrom(ws, 'Thanks, solved');
    expect((await ws.owner.post(`/app-api/inbox/conversations/${a.conversationId}/assign`, { admin_id: ws.ownerId })).status).toBe(200);
    expect((await ws.owner.post(`/app-api/inbox/conversations/${b.conversationId}/assign`, { team_id: team.body.id })).status).toBe(200);
    expect((await ws.owner.post(`/app-api/inbox/conversations/${c.conversationId}/priority`, { priority: true })).status).toBe(200);
    expect((await ws.owner.post(`/app-api/inbox/conversations/${d.conversationId}/close`, {})).status).toBe(200);

    const saved = await ws.owner.post('/app-api/inbox/views', { name: 'VIP', filters: { contact: [{ field: 'email', operator: '~', value: 'bigcorp' }] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ id: expect.stringMatching(/^view:\d+$/), name: 'VIP', kind: 'saved', count: 1 });
    const urgent = await ws.owner.post('/app-api/inbox/views', { name: 'Urgent', filters: { priority: true, admin_assignee_id: 'none' } });
    const closedMine = await ws.owner.post('/app-api/inbox/views', { name: 'Done', filters: { state: 'closed' } });

    const views = await viewsOf(ws.owner);
    expect(Object.keys(views).slice(0, 4)).toEqual(['mine', 'mentions', 'unassigned', 'all']);
    expect(views.mine).toMatchObject({ name: 'Your inbox', kind: 'mine', count: 1 });
    expect(views.mentions).toMatchObject({ kind: 'mentions', count: 0 });
    expect(views.unassigned?.count).toBe(1);
    expect(views.all?.count).toBe(3);
    expect(views[`team:${team.body.id}`]).toMatchObject({ name: 'Billing', kind: 'team', count: 1 });
    expect(views[saved.body.id]).toMatchObject({ count: 1, filters: { contact: [{ field: 'email', operator: '~', value: 'bigcorp' }] } });
    expect(views[urgent.body.id]?.count).toBe(1);
    // A saved view on closed conversations counts closed ones, and lists them by default.
    expect(views[closedMine.body.id]?.count).toBe(1);
    expect((await list(ws.owner, { view: closedMine.body.id })).conversations.map((row) => row.id)).toEqual([d.conversationId]);

    // Each view lists what it counts.
    expect((await list(ws.owner, { view: 'mine' })).conversations.map((row) => row.id)).toEqual([a.conversationId]);
    expect((await list(ws.owner, { view: 'unassigned' })).conversations.map((row) => row.id)).toEqual([c.conversationId]);
    expect((await list(ws.owner, { view: saved.body.id })).conversations.map((row) => row.id)).toEqual([a.conversationId]);
    const all = await list(ws.owner, { view: 'all' });
    expect(all.total).toBe(3);
    expect(all.conversations.map((row) => row.id).sort()).toEqual([a.conversationId, b.conversationId, c.conversationId].sort());
    expect((await list(ws.owner, { view: 'all', state: 'closed' })).conversations.map((row) => row.id)).toEqual([d.conversationId]);
  });

  it('shows each list row with its contact, assignees, last message, tags and the stream number', async () => {
    const { conversationId } = await conversationFrom(ws, '<p>My <b>order</b> is late</p>', { name: 'Rowan Row', email: 'rowan@example.test' });
    await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/tags`, { name: 'Shipping' });
    await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/assign`, { admin_id: ws.ownerId });
    const page = await list(ws.owner, { view: 'mine' });
    const row = page.conversations.find((entry) => entry.id === conversationId);
    expect(row).toMatchObject({
      state: 'open',
      read: false,
      priority: 'not_priority',
      contact: { type: 'user', name: 'Rowan Row', email: 'rowan@example.test' },
      admin_assignee: { id: ws.ownerId, type: 'admin', name: 'Olivia Owner' },
      team_assignee: null,
      last_message: { text: 'My order is late', author_type: 'user' },
      tags: [{ name: 'Shipping' }],
    });
    expect(row?.contact_ids).toHaveLength(1);
    expect(typeof row?.stream_seq).toBe('number');
  });

  it('answers the stream head with every page, an empty one too', async () => {
    await conversationFrom(ws, 'Is anyone there?');
    // Events are numbered in the teammate stream just after they commit: wait until the head stands still.
    let head = -1;
    for (let guard = 0; guard < 50; guard++) {
      const seen = (await list(ws.owner, { view: 'all' })).stream_seq ?? -1;
      if (seen > 0 && seen === head) break;
      head = seen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(head).toBeGreaterThan(0);
    const empty = await list(ws.owner, { view: 'mine', state: 'snoozed' });
    expect(empty).toMatchObject({ conversations: [], total: 0, next: null, stream_seq: head });
  });

  it('validates saved views and lets teammates rename and delete them', async () => {
    const bad = [
      { name: 'x', filters: { admin_assignee_id: '999999' } },
      { name: 'x', filters: { team_assignee_id: '999999' } },
      { name: 'x', filters: { tag_id: '999999' } },
      { name: 'x', filters: { contact: [{ field: 'no_such_field', operator: '=', value: 'a' }] } },
      { name: 'x', filters: { contact: [{ field: 'created_at', operator: '~', value: 'a' }] } },
      { name: 'x', filters: { colour: 'red' } },
      { name: '   ', filters: {} },
    ];
    for (const body of bad) expect((await ws.owner.post('/app-api/inbox/views', body)).status, JSON.stringify(body)).toBe(400);
    const created = await ws.owner.post('/app-api/inbox/views', { name: 'Plan', filters: { contact: [{ field: 'custom_attributes.plan', operator: '=', value: 'pro' }] } });
    // An undeclared custom attribute is refused; declared ones work.
    expect(created.status).toBe(400);
    expect((await ws.rest.post('/api/data_attributes', { name: 'plan', model: 'contact', data_type: 'string' })).status).toBe(200);
    const ok = await ws.owner.post('/app-api/inbox/views', { name: 'Plan', filters: { contact: [{ field: 'custom_attributes.plan', operator: '=', value: 'pro' }] } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const renamed = await ws.owner.put(`/app-api/inbox/views/${ok.body.id}`, { name: 'Pro plan' });
    expect(renamed.body).toMatchObject({ id: ok.body.id, name: 'Pro plan', filters: ok.body.filters });
    expect((await ws.owner.delete(`/app-api/inbox/views/${ok.body.id}`)).status).toBe(204);
    expect((await ws.owner.delete(`/app-api/inbox/views/${ok.body.id}`)).status).toBe(404);
    expect((await ws.owner.get(`/app-api/inbox/conversations?view=${ok.body.id}`)).status).toBe(404);
    expect((await ws.owner.get('/app-api/inbox/conversations?view=nonsense')).status).toBe(400);
  });
});

describe('sorts and keyset pages', () => {
  let ws: InboxWorkspace;
  const ids: string[] = [];
  let tagView: string;
  const tagged = new Set<string>();
  beforeAll(async () => {
    ws = await inboxWorkspace(server, 'Sorts');
    for (let i = 0; i < 9; i++) ids.push((await conversationFrom(ws, `Question number ${i}`)).conversationId);
    // Six of them tagged before the shuffle: the tag view reads its own rows, which must follow every change.
    let tagId: string | undefined;
    for (const id of ids.slice(0, 6)) {
      const detail = await ws.owner.post(`/app-api/inbox/conversations/${id}/tags`, tagId ? { tag_id: tagId } : { name: 'Sorted' });
      tagId ??= (detail.body as ConversationDetail).conversation.tags[0]?.id;
      tagged.add(id);
    }
    tagView = (await ws.owner.post('/app-api/inbox/views', { name: 'Sorted', filters: { tag_id: tagId } })).body.id;
    // Shuffle the orders: answered ones wait on nobody, some are priority, some changed later.
    for (const id of [ids[1], ids[4], ids[7]]) await ws.owner.post(`/app-api/inbox/conversations/${id}/reply`, { body: 'On it' });
    for (const id of [ids[2], ids[5]]) await ws.owner.post(`/app-api/inbox/conversations/${id}/priority`, { priority: true });
    await ws.owner.post(`/app-api/inbox/conversations/${ids[0]}/reply`, { body: 'internal', note: true });
  });

  const expectations: Record<string, (a: ConversationSummary, b: ConversationSummary) => boolean> = {
    newest: (a, b) => a.updated_at >= b.updated_at,
    oldest: (a, b) => a.created_at <= b.created_at,
    waiting_longest: (a, b) => b.waiting_since === null || (a.waiting_since !== null && a.waiting_since <= b.waiting_since),
    priority: (a, b) => (a.priority === b.priority ? a.updated_at >= b.updated_at : a.priority === 'priority'),
  };

  for (const [sort, inOrder] of Object.entries(expectations)) {
    it(`pages through "${sort}" two at a time: every conversation once, in the sort's order`, async () => {
      const whole = (await list(ws.owner, { view: 'all', sort, per_page: 100 })).conversations;
      expect(whole).toHaveLength(9);
      for (let i = 1; i < whole.length; i++) expect(inOrder(whole[i - 1] as ConversationSummary, whole[i] as ConversationSummary), `${sort} at ${i}`).toBe(true);
      const paged = await allPages(ws.owner, { view: 'all', sort }, 2);
      expect(paged.map((row) => row.id)).toEqual(whole.map((row) => row.id));
      // A tag view, read from the tag's own rows, pages in the same order as the whole inbox.
      expect(tagged.size).toBe(6);
      const taggedPaged = await allPages(ws.owner, { view: tagView, sort }, 2);
      expect(taggedPaged.map((row) => row.id)).toEqual(whole.map((row) => row.id).filter((id) => tagged.has(id)));
    });
  }

  it('puts priority conversations first and those waiting longest first', async () => {
    const byPriority = (await list(ws.owner, { view: 'all', sort: 'priority' })).conversations.map((row) => row.id);
    expect(new Set(byPriority.slice(0, 2))).toEqual(new Set([ids[2], ids[5]]));
    const byWait = (await list(ws.owner, { view: 'all', sort: 'waiting_longest' })).conversations;
    expect(byWait.slice(-3).map((row) => row.waiting_since)).toEqual([null, null, null]);
    expect(byWait[0]?.id).toBe(ids[0]);
    const oldest = (await list(ws.owner, { view: 'all', sort: 'oldest', per_page: 1 })).conversations;
    expect(oldest[0]?.id).toBe(ids[0]);
  });

  it('refuses cursors it did not hand out, or made for another sort', async () => {
    const first = await list(ws.owner, { view: 'all', sort: 'newest', per_page: 2 });
    expect(first.next).toBeTruthy();
    expect((await ws.owner.get(`/app-api/inbox/conversations?sort=oldest&cursor=${first.next}`)).status).toBe(400);
    const forged = Buffer.from(JSON.stringify({ s: 'newest', v: ["2020-01-01'; drop table conversations; --"], id: 'x' })).toString('base64url');
    expect((await ws.owner.get(`/app-api/inbox/conversations?cursor=${forged}`)).status).toBe(400);
    expect((await ws.owner.get('/app-api/inbox/conversations?cursor=garbage')).status).toBe(400);
    expect((await ws.owner.get('/app-api/inbox/conversations?per_page=500')).status).toBe(400);
  });
});

describe('conversation detail and actions', () => {
  let ws: InboxWorkspace;
  let conversationId: string;
  let teamId: string;
  beforeAll(async () => {
    ws = await inboxWorkspace(server, 'Actions');
    conversationId = (await conversationFrom(ws, 'Hello <b>team</b>', { name: 'Dana Doe' })).conversationId;
    teamId = (await ws.owner.post('/app-api/teams', { name: 'Support', admin_ids: [ws.ownerId] })).body.id;
  });

  const act = async (method: 'post' | 'put' | 'delete', path: string, body?: unknown): Promise<ConversationDetail> => {
    const response = await ws.owner[method]<ConversationDetail>(`/app-api/inbox/conversations/${conversationId}${path}`, body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.conversation.id).toBe(conversationId);
    return response.body;
  };

  it('shows the whole transcript, the opening message first, with the stream numbers', async () => {
    const detail = (await ws.owner.get<ConversationDetail>(`/app-api/inbox/conversations/${conversationId}`)).body;
    expect(detail.parts).toHaveLength(1);
    expect(detail.parts[0]).toMatchObject({ part_type: 'comment', body: 'Hello <b>team</b>', author: { type: 'user', name: 'Dana Doe' } });
    expect(detail.seq).toBeGreaterThanOrEqual(1);
    expect(detail.contacts).toEqual([expect.objectContaining({ name: 'Dana Doe', type: 'user' })]);
    expect(detail.contact_seen_at).toBeNull();
    expect(detail.custom_attributes).toEqual({});
    expect(typeof detail.conversation.stream_seq).toBe('number');
    expect((await ws.owner.get('/app-api/inbox/conversations/999999999')).status).toBe(404);
  });

  it('answers every action with the new detail and the right part', async () => {
    let detail = await act('post', '/reply', { body: 'How can we <i>help</i>?' });
    expect(lastPart(detail)).toMatchObject({ part_type: 'comment', body: 'How can we <i>help</i>?', author: { type: 'admin', id: ws.ownerId, name: 'Olivia Owner' } });
    expect(lastPart(detail)).not.toHaveProperty('event');
    expect(detail.conversation).toMatchObject({ waiting_since: null, read: true, last_message: { text: 'How can we help?', author_type: 'admin' } });

    detail = await act('post', '/reply', { body: 'Customer seems upset', note: true });
    expect(lastPart(detail)).toMatchObject({ part_type: 'note', body: '<p>Customer seems upset</p>' });

    detail = await act('post', '/assign', { admin_id: ws.ownerId, team_id: teamId });
    const [toAdmin, toTeam] = detail.parts.slice(-2);
    expect(toAdmin).toMatchObject({ part_type: 'assignment', event: { assigned_to: { type: 'admin', id: ws.ownerId, name: 'Olivia Owner' } } });
    expect(toTeam).toMatchObject({ part_type: 'assignment', event: { assigned_to: { type: 'team', id: teamId, name: 'Support' } } });
    expect(detail.conversation).toMatchObject({ admin_assignee: { id: ws.ownerId }, team_assignee: { id: teamId, name: 'Support' } });

    detail = await act('post', '/assign', { team_id: null });
    expect(lastPart(detail)).toMatchObject({ part_type: 'assignment', event: { assigned_to: null } });
    expect(detail.conversation.team_assignee).toBeNull();
    expect(detail.conversation.admin_assignee?.id).toBe(ws.ownerId);

    const until = Math.floor(Date.now() / 1000) + 3600;
    detail = await act('post', '/snooze', { until });
    expect(lastPart(detail)).toMatchObject({ part_type: 'snoozed', event: { snoozed_until: until } });
    expect(detail.conversation).toMatchObject({ state: 'snoozed', snoozed_until: until });

    detail = await act('post', '/open', {});
    expect(lastPart(detail)).toMatchObject({ part_type: 'open' });
    expect(detail.conversation.state).toBe('open');

    detail = await act('post', '/priority', { priority: true });
    expect(lastPart(detail)).toMatchObject({ part_type: 'priority_changed', event: { details: { priority: 'priority' } } });
    expect(detail.conversation.priority).toBe('priority');

    detail = await act('post', '/tags', { name: 'Refunds' });
    const tag = detail.conversation.tags.find((entry) => entry.name === 'Refunds');
    expect(tag).toBeDefined();
    expect(lastPart(detail)).toMatchObject({ part_type: 'tag_added', event: { details: { tag: { id: tag?.id, name: 'Refunds' } } } });
    // Applying it again (by id) changes nothing.
    const partsBefore = detail.parts.length;
    detail = await act('post', '/tags', { tag_id: tag?.id });
    expect(detail.parts).toHaveLength(partsBefore);
    detail = await act('delete', `/tags/${tag?.id}`);
    expect(lastPart(detail)).toMatchObject({ part_type: 'tag_removed', event: { details: { tag: { name: 'Refunds' } } } });
    expect(detail.conversation.tags).toEqual([]);

    expect((await ws.rest.post('/api/data_attributes', { name: 'order_number', model: 'conversation', data_type: 'string' })).status).toBe(200);
    detail = await act('put', '/attributes', { custom_attributes: { order_number: 'A-1001' } });
    expect(lastPart(detail)).toMatchObject({ part_type: 'conversation_attribute_updated_by_admin', event: { details: { attribute: { name: 'order_number' } } } });
    expect(detail.custom_attributes).toEqual({ order_number: 'A-1001' });

    detail = await act('post', '/close', {});
    expect(lastPart(detail)).toMatchObject({ part_type: 'close' });
    expect(detail.conversation.state).toBe('closed');

    // The whole history is there, oldest first, after the opening message.
    expect(detail.parts.map((part) => part.part_type)).toEqual([
      'comment',
      'comment',
      'note',
      'assignment',
      'assignment',
      'assignment',
      'snoozed',
      'open',
      'priority_changed',
      'tag_added',
      'tag_removed',
      'conversation_attribute_updated_by_admin',
      'close',
    ]);
  });

  it('marks a conversation read', async () => {
    const fresh = await conversationFrom(ws, 'Unread one');
    const before = (await ws.owner.get<ConversationDetail>(`/app-api/inbox/conversations/${fresh.conversationId}`)).body;
    expect(before.conversation.read).toBe(false);
    const read = await ws.owner.post<ConversationDetail>(`/app-api/inbox/conversations/${fresh.conversationId}/read`, {});
    expect(read.body.conversation.read).toBe(true);
  });

  it('refuses bad action bodies by name', async () => {
    const bad: [string, unknown, number][] = [
      ['/assign', {}, 400],
      ['/assign', { admin_id: '999999' }, 404],
      ['/assign', { team_id: '999999' }, 404],
      ['/snooze', { until: 1 }, 400],
      ['/tags', {}, 400],
      ['/tags', { tag_id: '1', name: 'both' }, 400],
      ['/priority', { priority: 'yes' }, 400],
      ['/reply', { body: '   ' }, 400],
      ['/reply', { body: 'hi', sneaky: true }, 400],
      ['/reply', { body: 'hi', attachment_ids: ['nope'] }, 400],
    ];
    for (const [path, body, status] of bad) {
      const response = await ws.owner.post(`/app-api/inbox/conversations/${conversationId}${path}`, body);
      expect(response.status, `${path} ${JSON.stringify(body)} → ${JSON.stringify(response.body)}`).toBe(status);
    }
    expect((await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/tags`, { tag_id: '999999' })).status).toBe(404);
  });
});

/** A workspace and a second teammate (an agent who sees all conversations) to mention. */
async function workspaceWithTeammate(workspaceName: string, teammateName: string) {
  const ws = await inboxWorkspace(server, workspaceName);
  const { agent, agentId } = await restrictedAgent(server, ws, teammateName);
  await setPermission(server, ws, agentId, 'access_all_conversations', true);
  return { ws, agent, agentId };
}

describe('mentions', () => {
  it('puts a mentioned teammate\'s conversation in their Mentions inbox live, until they read it', async () => {
    const { ws, agent, agentId } = await workspaceWithTeammate('Mentions', 'Mia Mentioned');
    const { conversationId } = await conversationFrom(ws, 'Can someone check this?');
    const socket = await LiveSocket.open(server.url, { cookie: cookieOf(agent) });
    socket.send({ type: 'subscribe_inbox', after: 0 });
    await socket.waitFor((frame) => frame.type === 'subscribed');

    const note = await ws.owner.post<ConversationDetail>(`/app-api/inbox/conversations/${conversationId}/reply`, {
      body: `<p>Please look <span data-mention="${agentId}">@Mia</span> and <span data-mention="999999">@Nobody</span></p>`,
      note: true,
    });
    expect(note.status).toBe(200);
    expect(lastPart(note.body)).toMatchObject({ part_type: 'note', body: expect.stringContaining(`<span data-mention="${agentId}">@Mia</span>`) });

    const mentioned = await socket.waitUntil(() => socket.events(conversationId).find((frame) => frame.name === 'conversation.mentioned'));
    expect(mentioned.data).toEqual({ teammate_ids: [agentId] });
    expect(typeof mentioned.stream_seq).toBe('number');

    expect(await countOf(agent, 'mentions')).toBe(1);
    expect(await countOf(ws.owner, 'mentions')).toBe(0);
    expect((await list(agent, { view: 'mentions' })).conversations.map((row) => row.id)).toEqual([conversationId]);

    expect((await agent.post(`/app-api/inbox/conversations/${conversationId}/read`, {})).status).toBe(200);
    expect(await countOf(agent, 'mentions')).toBe(0);
    // Still listed in Mentions (read), no longer counted.
    expect((await list(agent, { view: 'mentions' })).conversations.map((row) => row.id)).toEqual([conversationId]);

    // A reply to the customer mentions no one.
    await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/reply`, { body: `<p>Hi <span data-mention="${agentId}">@Mia</span></p>` });
    expect(await countOf(agent, 'mentions')).toBe(0);
    socket.close();
  });
});

describe('reading a mention', () => {
  it("tells the teammate's other tabs live, even when the conversation was already read, and only once", async () => {
    const { ws, agent, agentId } = await workspaceWithTeammate('Mention reads', 'Max Mentioned');
    const { conversationId } = await conversationFrom(ws, 'Please check the refund');
    // Someone read it already: reading it again changes nothing of the conversation itself.
    expect((await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/read`, {})).status).toBe(200);
    const note = await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/reply`, { body: `<p><span data-mention="${agentId}">@Max</span> over to you</p>`, note: true });
    expect(note.status).toBe(200);
    expect(await countOf(agent, 'mentions')).toBe(1);

    // Another tab of the same teammate, following the teammate stream.
    const otherTab = await LiveSocket.open(server.url, { cookie: cookieOf(agent) });
    otherTab.send({ type: 'subscribe_inbox', after: Number.MAX_SAFE_INTEGER });
    await otherTab.waitFor((frame) => frame.type === 'subscribed');

    expect((await agent.post(`/app-api/inbox/conversations/${conversationId}/read`, {})).status).toBe(200);
    const seen = await otherTab.waitUntil(() => otherTab.events(conversationId).find((frame) => frame.name === 'conversation.mentions_seen'));
    expect(seen.data).toEqual({ teammate_ids: [agentId] });
    expect(typeof seen.stream_seq).toBe('number');
    expect(await countOf(agent, 'mentions')).toBe(0);

    // Reading it again, with nothing left unseen, writes no event.
    expect((await agent.post(`/app-api/inbox/conversations/${conversationId}/read`, {})).status).toBe(200);
    await server.server.platform.dispatcher.drain();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(otherTab.events(conversationId).filter((frame) => frame.name === 'conversation.mentions_seen')).toHaveLength(1);
    expect(otherTab.events(conversationId).filter((frame) => frame.name === 'conversation.read')).toHaveLength(0);
    otherTab.close();
  });
});

describe('attachments', () => {
  it('lets a teammate upload a file and attach it to a reply; only their own uploads, never programs', async () => {
    const ws = await inboxWorkspace(server, 'Files');
    const { conversationId } = await conversationFrom(ws, 'Send me the invoice');
    const uploaded = await upload(ws.owner, png, 'image/png', 'invoice preview.png');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body).toMatchObject({ id: expect.any(String), name: 'invoice preview.png', content_type: 'image/png', size: png.length, url: expect.stringContaining('/files/') });
    const pdf = await upload(ws.owner, Buffer.from('%PDF-1.4 fake'), 'application/pdf', 'invoice.pdf');
    expect(pdf.status).toBe(201);

    const reply = await ws.owner.post<ConversationDetail>(`/app-api/inbox/conversations/${conversationId}/reply`, { body: 'Here it is', attachment_ids: [uploaded.body.id, pdf.body.id] });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(lastPart(reply.body).attachments).toEqual([
      expect.objectContaining({ name: 'invoice preview.png', content_type: 'image/png', filesize: png.length }),
      expect.objectContaining({ name: 'invoice.pdf', content_type: 'application/pdf' }),
    ]);
    // Attachments alone make a reply.
    const alone = await ws.owner.post<ConversationDetail>(`/app-api/inbox/conversations/${conversationId}/reply`, { body: '', attachment_ids: [pdf.body.id] });
    expect(alone.status).toBe(200);
    expect(lastPart(alone.body)).toMatchObject({ body: null, attachments: [expect.objectContaining({ name: 'invoice.pdf' })] });
    const served = await fetch(uploaded.body.url);
    expect(served.headers.get('content-disposition')).toMatch(/^inline/);

    const other = await inboxWorkspace(server, 'Files elsewhere');
    const theirs = await upload(other.owner, png, 'image/png', 'theirs.png');
    expect((await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/reply`, { body: 'x', attachment_ids: [theirs.body.id] })).status).toBe(400);
    expect((await upload(ws.owner, Buffer.from('MZ'), 'application/x-msdownload', 'setup.exe')).status).toBe(415);
    expect((await upload(ws.owner, Buffer.from('not a png'), 'image/png', 'fake.png')).status).toBe(415);
    expect((await upload(ws.owner, Buffer.alloc(21 * 1024 * 1024), 'application/zip', 'huge.zip')).status).toBe(413);
    const anonymous = await fetch(new URL('/app-api/attachments', server.url), { method: 'POST', headers: { 'content-type': 'image/png' }, body: png });
    expect([401, 403]).toContain(anonymous.status);
  });
});

describe('permissions', () => {
  let ws: InboxWorkspace;
  let agent: HttpClient;
  let agentId: string;
  let hidden: string;
  let shown: string;
  let open: string;
  let supportId: string;
  let billingId: string;
  beforeAll(async () => {
    ws = await inboxWorkspace(server, 'Permissions');
    ({ agent, agentId } = await restrictedAgent(server, ws));
    billingId = (await ws.owner.post('/app-api/teams', { name: 'Billing', admin_ids: [ws.ownerId] })).body.id;
    supportId = (await ws.owner.post('/app-api/teams', { name: 'Support', admin_ids: [agentId] })).body.id;
    hidden = (await conversationFrom(ws, 'billing secret quagmire')).conversationId;
    shown = (await conversationFrom(ws, 'support question')).conversationId;
    open = (await conversationFrom(ws, 'nobody owns this')).conversationId;
    await ws.owner.post(`/app-api/inbox/conversations/${hidden}/assign`, { team_id: billingId });
    await ws.owner.post(`/app-api/inbox/conversations/${shown}/assign`, { team_id: supportId });
  });

  it('keeps another team\'s conversation out of an agent\'s views, counts and lists', async () => {
    const views = await viewsOf(agent);
    expect(views[`team:${billingId}`]).toBeUndefined();
    expect(views[`team:${supportId}`]?.count).toBe(1);
    expect(views.all?.count).toBe(2);
    const all = await list(agent, { view: 'all' });
    expect(all.total).toBe(2);
    expect(all.conversations.map((row) => row.id).sort()).toEqual([shown, open].sort());
    expect((await agent.get(`/app-api/inbox/conversations?view=team:${billingId}`)).status).toBe(404);
    // The owner sees everything.
    expect((await viewsOf(ws.owner)).all?.count).toBe(3);
  });

  it('answers 404 for its detail and every action, and leaves it out of search', async () => {
    expect((await agent.get(`/app-api/inbox/conversations/${hidden}`)).status).toBe(404);
    const actions: [string, string, unknown][] = [
      ['post', '/reply', { body: 'sneaky' }],
      ['post', '/reply', { body: 'sneaky', note: true }],
      ['post', '/assign', { admin_id: agentId }],
      ['post', '/snooze', { until: Math.floor(Date.now() / 1000) + 60 }],
      ['post', '/close', {}],
      ['post', '/open', {}],
      ['post', '/priority', { priority: true }],
      ['post', '/tags', { name: 'sneaky' }],
      ['delete', '/tags/1', undefined],
      ['put', '/attributes', { custom_attributes: {} }],
      ['post', '/read', {}],
    ];
    for (const [method, path, body] of actions) {
      const response = await agent.request(method.toUpperCase(), `/app-api/inbox/conversations/${hidden}${path}`, body);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const owner = (await ws.owner.get<ConversationDetail>(`/app-api/inbox/conversations/${hidden}`)).body;
    expect(owner.parts.filter((part) => part.part_type === 'comment' || part.part_type === 'note')).toHaveLength(1);
    expect(owner.conversation.priority).toBe('not_priority');

    const search = await agent.get('/app-api/search?q=quagmire');
    expect(search.status).toBe(200);
    expect(search.body.conversations).toEqual([]);
    expect((await ws.owner.get('/app-api/search?q=quagmire')).body.conversations.map((hit: { id: string }) => hit.id)).toEqual([hidden]);

    // Its own team's and unassigned conversations work.
    expect((await agent.get(`/app-api/inbox/conversations/${shown}`)).status).toBe(200);
    expect((await agent.post(`/app-api/inbox/conversations/${open}/reply`, { body: 'I can help' })).status).toBe(200);
  });

  it('follows a conversation assigned to the agent even in another team, and needs `reply` to reply', async () => {
    const mine = (await conversationFrom(ws, 'escalated to you')).conversationId;
    await ws.owner.post(`/app-api/inbox/conversations/${mine}/assign`, { team_id: billingId, admin_id: agentId });
    expect((await agent.get(`/app-api/inbox/conversations/${mine}`)).status).toBe(200);
    expect((await list(agent, { view: 'mine' })).conversations.map((row) => row.id)).toEqual([mine]);
    // Handing it back to Billing alone: the answer still comes, then it is gone.
    const handed = await agent.post<ConversationDetail>(`/app-api/inbox/conversations/${mine}/assign`, { admin_id: null });
    expect(handed.status).toBe(200);
    expect(handed.body.conversation.admin_assignee).toBeNull();
    expect((await agent.get(`/app-api/inbox/conversations/${mine}`)).status).toBe(404);

    await setPermission(server, ws, agentId, 'reply', false);
    const refused = await agent.post(`/app-api/inbox/conversations/${open}/reply`, { body: 'no' });
    expect(refused.status).toBe(403);
    expect((await upload(agent, png, 'image/png', 'x.png')).status).toBe(403);
    await setPermission(server, ws, agentId, 'reply', true);
  });

  it('answers 404 for another workspace\'s conversations and views', async () => {
    const stranger = await signUp(server.url, { workspace_name: 'Elsewhere' });
    expect((await stranger.client.get(`/app-api/inbox/conversations/${open}`)).status).toBe(404);
    expect((await stranger.client.post(`/app-api/inbox/conversations/${open}/close`, {})).status).toBe(404);
    expect((await stranger.client.post(`/app-api/inbox/conversations/${open}/reply`, { body: 'hi' })).status).toBe(404);
    const view = await ws.owner.post('/app-api/inbox/views', { name: 'Mine only', filters: { admin_assignee_id: 'me' } });
    expect((await stranger.client.put(`/app-api/inbox/views/${view.body.id}`, { name: 'taken' })).status).toBe(404);
    expect((await stranger.client.delete(`/app-api/inbox/views/${view.body.id}`)).status).toBe(404);
    expect((await stranger.client.get(`/app-api/inbox/conversations?view=${view.body.id}`)).status).toBe(404);
    expect((await stranger.client.get(`/app-api/inbox/conversations?view=team:${supportId}`)).status).toBe(404);
    const all = await list(stranger.client, { view: 'all' });
    expect(all.conversations).toEqual([]);
    expect((await stranger.client.get('/app-api/search?q=quagmire')).body.conversations).toEqual([]);
    expect((await new (await import('./http-client.ts')).HttpClient(server.url).get('/app-api/inbox/views')).status).toBe(401);
  });
});
