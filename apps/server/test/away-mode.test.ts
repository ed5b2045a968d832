import type { ConversationDetail, Session, TeammateList } from '@frontdesk/api-types';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { browser, goodPassword, type HttpClient } from './http-client.ts';
import { conversationFrom, type InboxWorkspace, inboxWorkspace, restrictedAgent } from './inbox-support.ts';
import { Visitor } from './messenger-support.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** A workspace (its owner's clients) and an agent who may not see all conversations, made before the describe's tests. */
function workspaceWithAgent(workspaceName: string, agentName: string) {
  const made = {} as { ws: InboxWorkspace; agent: HttpClient; agentId: string };
  beforeAll(async () => {
    const ws = await inboxWorkspace(server, workspaceName);
    Object.assign(made, { ws, ...(await restrictedAgent(server, ws, agentName)) });
  });
  return made;
}

const setAway = (client: HttpClient, body: unknown) => client.put<Session>('/app-api/session/away-mode', body);

const detailOf = async (client: HttpClient, id: string) => {
  const response = await client.get<ConversationDetail>(`/app-api/inbox/conversations/${id}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

async function assign(ws: InboxWorkspace, conversationId: string, body: Record<string, string | null>) {
  const response = await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/assign`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

describe('away mode', () => {
  const setup = workspaceWithAgent('Away', 'Alex Away');

  it('is set by the teammate for themself, kept on the server: a new sign-in sees it', async () => {
    expect((await setup.agent.get<Session>('/app-api/session')).body.away_mode).toEqual({ away_mode_enabled: false, away_mode_reassign: false });
    const set = await setAway(setup.agent, { away_mode_enabled: true, away_mode_reassign: true });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.away_mode).toEqual({ away_mode_enabled: true, away_mode_reassign: true });

    // Another browser (another session of the same teammate) reads the same state.
    const email = (await setup.agent.get<Session>('/app-api/session')).body.teammate.email;
    const elsewhere = await browser(server.url);
    expect((await elsewhere.post('/app-api/login', { email, password: goodPassword })).status).toBe(200);
    expect((await elsewhere.get<Session>('/app-api/session')).body.away_mode).toEqual({ away_mode_enabled: true, away_mode_reassign: true });

    // Back to active: "reassign replies" is a preference kept for the next time away.
    const back = await setAway(setup.agent, { away_mode_enabled: false });
    expect(back.body.away_mode).toEqual({ away_mode_enabled: false, away_mode_reassign: true });
    expect((await setAway(setup.agent, { away_mode_enabled: false, away_mode_reassign: false })).body.away_mode).toEqual({ away_mode_enabled: false, away_mode_reassign: false });
  });

  it('refuses bad input and cross-site writes', async () => {
    for (const body of [{}, { away_mode_enabled: 'yes' }, { away_mode_enabled: true, away_mode_reassign: 1 }, { away_mode_enabled: true, teammate_id: setup.ws.ownerId }]) {
      const response = await setAway(setup.agent, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const noCsrf = await setup.agent.put('/app-api/session/away-mode', { away_mode_enabled: true }, { 'x-csrf-token': 'forged' });
    expect(noCsrf.status).toBe(403);
    const anonymous = await (await browser(server.url)).put('/app-api/session/away-mode', { away_mode_enabled: true });
    expect(anonymous.status).toBe(401);
    expect((await setup.agent.get<Session>('/app-api/session')).body.away_mode.away_mode_enabled).toBe(false);
  });

  it("shows who is away to the other teammates, in the Inbox's list and in /api/admins and /api/me", async () => {
    expect((await setAway(setup.agent, { away_mode_enabled: true, away_mode_reassign: false })).status).toBe(200);
    const teammates = (await setup.ws.owner.get<TeammateList>('/app-api/teammates')).body.teammates;
    expect(teammates.find((t) => t.id === setup.agentId)).toMatchObject({ away_mode_enabled: true, away_mode_reassign: false });
    expect(teammates.find((t) => t.id === setup.ws.ownerId)).toMatchObject({ away_mode_enabled: false, away_mode_reassign: false });

    const admins = (await setup.ws.rest.get('/api/admins')).body.admins as { id: string; away_mode_enabled: boolean; away_mode_reassign: boolean }[];
    expect(admins.find((a) => a.id === setup.agentId)).toMatchObject({ away_mode_enabled: true, away_mode_reassign: false });
    expect((await setup.ws.rest.get(`/api/admins/${setup.agentId}`)).body).toMatchObject({ away_mode_enabled: true, away_mode_reassign: false });

    expect((await setAway(setup.ws.owner, { away_mode_enabled: true, away_mode_reassign: true })).status).toBe(200);
    expect((await setup.ws.rest.get('/api/me')).body).toMatchObject({ id: setup.ws.ownerId, away_mode_enabled: true, away_mode_reassign: true });
    expect((await setAway(setup.ws.owner, { away_mode_enabled: false, away_mode_reassign: false })).status).toBe(200);
    expect((await setAway(setup.agent, { away_mode_enabled: false })).status).toBe(200);
  });

  it('is audited as admin_away_mode_change, once per real change', async () => {
    const awayChanges = async () => {
      await server.server.platform.dispatcher.drain();
      const events = (await setup.ws.owner.get('/app-api/audit-events')).body.events as { action: string; actor: { id: string } | null; metadata: Record<string, unknown> }[];
      return events.filter((event) => event.action === 'admin_away_mode_change');
    };
    const before = (await awayChanges()).length;
    await setAway(setup.ws.owner, { away_mode_enabled: false, away_mode_reassign: false });
    await setAway(setup.ws.owner, { away_mode_enabled: true, away_mode_reassign: true });
    await setAway(setup.ws.owner, { away_mode_enabled: true });
    const after = await awayChanges();
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({
      actor: { id: setup.ws.ownerId },
      metadata: { from: { away_mode_enabled: false, away_mode_reassign: false }, to: { away_mode_enabled: true, away_mode_reassign: true } },
    });
    await setAway(setup.ws.owner, { away_mode_enabled: false, away_mode_reassign: false });
  });

  it('an away teammate still works: replies, assigns, reads', async () => {
    expect((await setAway(setup.agent, { away_mode_enabled: true, away_mode_reassign: true })).status).toBe(200);
    const { conversationId } = await conversationFrom(setup.ws, 'Still there?');
    const reply = await setup.agent.post(`/app-api/inbox/conversations/${conversationId}/reply`, { body: 'Yes, answering while away' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const mine = await setup.agent.post(`/app-api/inbox/conversations/${conversationId}/assign`, { admin_id: setup.agentId });
    expect(mine.status).toBe(200);
    expect((mine.body as ConversationDetail).conversation.admin_assignee_id).toBe(setup.agentId);
    expect((await setAway(setup.agent, { away_mode_enabled: false })).status).toBe(200);
  });
});

describe('reassign replies while away', () => {
  const setup = workspaceWithAgent('Reassign', 'Riley Reassign');

  it("a contact's reply to an away teammate's conversation unassigns it, with an assignment part by the system", async () => {
    const team = await setup.ws.owner.post('/app-api/teams', { name: 'Support', admin_ids: [setup.ws.ownerId, setup.agentId] });
    expect(team.status).toBe(201);
    const { contactId, conversationId } = await conversationFrom(setup.ws, 'First question');
    await assign(setup.ws, conversationId, { admin_id: setup.agentId });
    await assign(setup.ws, conversationId, { team_id: team.body.id });
    expect((await setAway(setup.agent, { away_mode_enabled: true, away_mode_reassign: true })).status).toBe(200);

    const replied = await setup.ws.rest.post(`/api/conversations/${conversationId}/reply`, { message_type: 'comment', type: 'user', intercom_user_id: contactId, body: 'Anyone?' });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    expect(replied.body.admin_assignee_id).toBeNull();
    expect(String(replied.body.team_assignee_id)).toBe(String(team.body.id));

    const detail = await detailOf(setup.ws.owner, conversationId);
    expect(detail.conversation.admin_assignee_id).toBeNull();
    expect(detail.conversation.team_assignee?.id).toBe(String(team.body.id));
    const [comment, unassigned] = detail.parts.slice(-2);
    expect(comment).toMatchObject({ part_type: 'comment', author: { type: 'user' } });
    expect(unassigned).toMatchObject({ part_type: 'assignment', author: { type: 'bot' } });
    expect(unassigned?.event?.assigned_to ?? null).toBeNull();
    expect(unassigned?.event?.details).toMatchObject({ reason: 'away_mode', teammate_id: setup.agentId });

    // The change is one event stream entry per part, like any assignment (realtime and webhooks see it).
    const events = (await server.server.platform.database.orm.execute(
      sql`select type, payload->>'part_type' as part_type from events where aggregate_type = 'conversation' and aggregate_id = ${conversationId} order by id desc limit 2`,
    )) as unknown as { rows: { type: string; part_type: string }[] };
    expect(events.rows.map((row) => `${row.type}:${row.part_type}`).sort()).toEqual(['conversation.part.created:assignment', 'conversation.part.created:comment']);
    expect((await setAway(setup.agent, { away_mode_enabled: false })).status).toBe(200);
  });

  it('a Messenger visitor\'s reply does the same', async () => {
    const visitor = new Visitor(server.url, setup.ws.appId);
    expect((await visitor.boot()).status).toBe(200);
    const written = await visitor.write('Hello from the Messenger');
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    const conversationId = written.body.conversation.id as string;
    await assign(setup.ws, conversationId, { admin_id: setup.agentId });
    expect((await setAway(setup.agent, { away_mode_enabled: true, away_mode_reassign: true })).status).toBe(200);

    const replied = await visitor.reply(conversationId, 'Still waiting');
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    const detail = await detailOf(setup.ws.owner, conversationId);
    expect(detail.conversation.admin_assignee_id).toBeNull();
    expect(detail.parts.at(-1)).toMatchObject({ part_type: 'assignment', author: { type: 'bot' } });
    // The visitor never sees the assignment.
    const seen = await visitor.api.get(`/messenger-api/conversations/${conversationId}`);
    expect(JSON.stringify(seen.body)).not.toContain('assignment');
    expect((await setAway(setup.agent, { away_mode_enabled: false })).status).toBe(200);
  });

  it('leaves the conversation assigned when the teammate is away without reassign, or active with it', async () => {
    const { contactId, conversationId } = await conversationFrom(setup.ws, 'Another question');
    await assign(setup.ws, conversationId, { admin_id: setup.agentId });
    const contactReply = (body: string) =>
      setup.ws.rest.post(`/api/conversations/${conversationId}/reply`, { message_type: 'comment', type: 'user', intercom_user_id: contactId, body });

    expect((await setAway(setup.agent, { away_mode_enabled: true, away_mode_reassign: false })).status).toBe(200);
    expect((await contactReply('One')).body.admin_assignee_id).toBe(Number(setup.agentId));
    expect((await setAway(setup.agent, { away_mode_enabled: false, away_mode_reassign: true })).status).toBe(200);
    expect((await contactReply('Two')).body.admin_assignee_id).toBe(Number(setup.agentId));
    const detail = await detailOf(setup.ws.owner, conversationId);
    expect(detail.parts.filter((part) => part.part_type === 'assignment')).toHaveLength(1);
    expect((await setAway(setup.agent, { away_mode_enabled: false, away_mode_reassign: false })).status).toBe(200);
  });

  it('a teammate reply or note by the away teammate changes no assignment', async () => {
    const { conversationId } = await conversationFrom(setup.ws, 'Note test');
    await assign(setup.ws, conversationId, { admin_id: setup.agentId });
    expect((await setAway(setup.agent, { away_mode_enabled: true, away_mode_reassign: true })).status).toBe(200);
    const note = await setup.agent.post(`/app-api/inbox/conversations/${conversationId}/reply`, { body: 'internal', note: true });
    expect(note.status).toBe(200);
    expect((note.body as ConversationDetail).conversation.admin_assignee_id).toBe(setup.agentId);
    expect((await setAway(setup.agent, { away_mode_enabled: false })).status).toBe(200);
  });
});
