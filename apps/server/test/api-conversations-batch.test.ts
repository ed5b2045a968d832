import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeConversationBatched } from '../src/modules/conversations/change-conversation.ts';
import { rows } from '../src/platform/db/database.ts';
import { AppError } from '../src/platform/http/errors.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { browser, HttpClient, signUp, uniqueEmail } from './http-client.ts';

/**
 * Concurrent replies are written in shared transactions (group commit). Whatever the grouping, each
 * reply must behave as if it had been written alone, one after the other.
 */
let server: TestServer;
let api: HttpClient;
let workspaceId: number;
let ownerId: string;
let agentId: string;
const contacts: Record<'ursula' | 'uma' | 'outsider', string> = { ursula: '', uma: '', outsider: '' };
const conversations: Record<'first' | 'second' | 'snoozed', string> = { first: '', second: '', snoozed: '' };

const query = <T>(text: ReturnType<typeof sql>) => rows<T>(server.server.platform.database.orm, text);

beforeAll(async () => {
  server = await startTestServer();
  const owner = await signUp(server.url, { workspace_name: 'Batches' });
  ownerId = String(owner.session.teammate.id);
  api = new HttpClient(server.url, (await owner.client.post('/app-api/api-tokens', { name: 'tests' })).body.token as string);
  const invite = await owner.client.post('/app-api/invites', { email: uniqueEmail('agent'), role: 'agent' });
  const joined = await (await browser(server.url)).post(`/app-api/invites/${String(invite.body.invite_url).split('/').pop()}/accept`, {
    name: 'Aaron Agent',
    password: 'correct horse battery staple',
  });
  agentId = String(joined.body.teammate.id);
  for (const name of Object.keys(contacts) as (keyof typeof contacts)[]) {
    contacts[name] = (await api.post('/api/contacts', { role: 'user', external_id: name, name })).body.id;
  }
  const start = async (contactId: string) =>
    (await api.post('/api/conversations', { from: { type: 'user', id: contactId }, body: 'Help, please' })).body.conversation_id as string;
  conversations.first = await start(contacts.ursula);
  conversations.second = await start(contacts.uma);
  // Ursula's newest conversation (the one `last` names), snoozed: her first reply wakes it.
  conversations.snoozed = await start(contacts.ursula);
  const snoozed = await api.post(`/api/conversations/${conversations.snoozed}/parts`, {
    message_type: 'snoozed',
    admin_id: ownerId,
    snoozed_until: Math.floor(Date.now() / 1000) + 3600,
  });
  expect(snoozed.status).toBe(200);
  workspaceId = Number((await query<{ id: string }>(sql`select workspace_id as id from conversations where id = ${conversations.first}`))[0]?.id);
});
afterAll(async () => {
  await server?.stop();
});

interface Reply {
  path: string;
  body: Record<string, unknown>;
  status: number;
  /** The conversation it lands in (for good replies). */
  conversation?: string;
}

function replies(): Reply[] {
  const list: Reply[] = [];
  const to = (conversation: string) => `/api/conversations/${conversation}/reply`;
  for (let n = 0; n < 50; n++) {
    const body = `Batch reply ${n}`;
    switch (n % 10) {
      case 0:
      case 1:
        list.push({ path: to(conversations.first), body: { message_type: 'comment', type: 'admin', admin_id: ownerId, body }, status: 200, conversation: conversations.first });
        break;
      case 2:
        list.push({ path: to(conversations.first), body: { message_type: 'note', type: 'admin', admin_id: agentId, body }, status: 200, conversation: conversations.first });
        break;
      case 3:
        list.push({ path: to(conversations.first), body: { message_type: 'comment', type: 'user', intercom_user_id: contacts.ursula, body }, status: 200, conversation: conversations.first });
        break;
      case 4:
        list.push({ path: to(conversations.second), body: { message_type: 'comment', type: 'admin', admin_id: agentId, body }, status: 200, conversation: conversations.second });
        break;
      case 5:
        list.push({ path: to(conversations.second), body: { message_type: 'comment', type: 'user', user_id: 'uma', body }, status: 200, conversation: conversations.second });
        break;
      case 6:
        // Ursula is not part of the second conversation.
        list.push({ path: to(conversations.second), body: { message_type: 'comment', type: 'user', intercom_user_id: contacts.outsider, body }, status: 422 });
        break;
      case 7:
        list.push({ path: to(conversations.first), body: { message_type: 'comment', type: 'admin', admin_id: '987654321', body }, status: 404 });
        break;
      case 8:
        list.push({ path: to('last'), body: { message_type: 'comment', type: 'user', intercom_user_id: contacts.ursula, body }, status: 200, conversation: conversations.snoozed });
        break;
      default:
        list.push({ path: to('123456789012345'), body: { message_type: 'comment', type: 'admin', admin_id: ownerId, body }, status: 404 });
    }
  }
  return list;
}

describe('concurrent replies share transactions and still behave one by one', () => {
  let sent: Reply[];
  let answers: { status: number; body: any }[];

  beforeAll(async () => {
    sent = replies();
    answers = await Promise.all(sent.map((reply) => api.post(reply.path, reply.body)));
  });

  it('answers each reply with its own status and its own part', () => {
    expect(answers.map((answer) => answer.status)).toEqual(sent.map((reply) => reply.status));
    sent.forEach((reply, index) => {
      const answer = answers[index] as { status: number; body: any };
      if (reply.status !== 200) {
        expect(answer.body.type).toBe('error.list');
        return;
      }
      expect(answer.body.id).toBe(reply.conversation);
      const parts = answer.body.conversation_parts.conversation_parts;
      expect(parts).toHaveLength(1);
      expect(parts[0].body).toBe(`<p>${reply.body.body}</p>`);
      expect(parts[0].part_type).toBe(reply.body.message_type);
    });
  });

  it('writes every good part exactly once and nothing of the bad ones', async () => {
    const stored = await query<{ id: string; body: string; conversation_id: string }>(
      sql`select id, body, conversation_id from conversation_parts where workspace_id = ${workspaceId} and body like '<p>Batch reply %'`,
    );
    const good = sent.map((reply, index) => ({ reply, answer: answers[index] })).filter(({ reply }) => reply.status === 200);
    expect(stored).toHaveLength(good.length);
    for (const { reply, answer } of good) {
      const part = answer?.body.conversation_parts.conversation_parts[0];
      expect(stored.filter((row) => row.id === part.id)).toEqual([{ id: part.id, body: `<p>${reply.body.body}</p>`, conversation_id: reply.conversation }]);
    }
  });

  it('keeps each conversation’s parts, statistics and event sequence gap-free and in order', async () => {
    for (const id of Object.values(conversations)) {
      const parts = await query<{ id: string; created_at: string }>(
        sql`select id, created_at::text from conversation_parts where workspace_id = ${workspaceId} and conversation_id = ${id} order by created_at, id`,
      );
      expect(new Set(parts.map((part) => part.created_at)).size).toBe(parts.length);
      const conversation = (await api.get(`/api/conversations/${id}`)).body;
      expect(conversation.statistics.count_conversation_parts).toBe(parts.length);
      expect(conversation.conversation_parts.conversation_parts.map((part: { id: string }) => part.id)).toEqual(parts.map((part) => part.id));

      const events = await query<{ id: string; sequence: number; type: string; payload: { part_id?: string } }>(
        sql`select id, sequence, type, payload from events where workspace_id = ${workspaceId} and aggregate_type = 'conversation' and aggregate_id = ${id} order by id`,
      );
      expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index + 1));
      const [last] = await query<{ last_sequence: number }>(
        sql`select last_sequence from aggregate_sequences where workspace_id = ${workspaceId} and aggregate_type = 'conversation' and aggregate_id = ${id}`,
      );
      expect(last?.last_sequence).toBe(events.length);
      // One `conversation.part.created` per part, in the parts' order.
      const announced = events.filter((event) => event.type === 'conversation.part.created').map((event) => event.payload.part_id);
      expect(announced).toEqual(parts.map((part) => part.id));
    }
  });

  it('counts the statistics of every reply and wakes the snoozed conversation once', async () => {
    const first = (await api.get(`/api/conversations/${conversations.first}`)).body;
    const adminComments = sent.filter((reply) => reply.conversation === conversations.first && reply.body.type === 'admin' && reply.body.message_type === 'comment');
    expect(first.statistics.first_admin_reply_at).toBeGreaterThan(0);
    expect(first.teammates.admins.map((admin: { id: string }) => admin.id).sort()).toEqual([ownerId, agentId].sort());
    expect(adminComments.length).toBeGreaterThan(0);

    const snoozed = (await api.get(`/api/conversations/${conversations.snoozed}`)).body;
    expect(snoozed).toMatchObject({ state: 'open', snoozed_until: null, read: false });
    expect(snoozed.waiting_since).toBeGreaterThan(0);
    const updates = await query<{ payload: { changes: string[] } }>(
      sql`select payload from events where workspace_id = ${workspaceId} and aggregate_id = ${conversations.snoozed} and type = 'conversation.updated'`,
    );
    expect(updates.map((event) => event.payload.changes)).toEqual([['state', 'snoozed_until']]);
  });

  // PGlite runs in this process and answers before the next request is read, so there batches are of
  // one; over a network connection to PostgreSQL, replies that arrive during a batch share the next.
  it.runIf(process.env.TEST_DATABASE_URL)('shared transactions: several replies committed together', async () => {
    const [grouped] = await query<{ transactions: string; parts: string }>(
      sql`select count(distinct txid) as transactions, count(*) as parts from events
          where workspace_id = ${workspaceId} and type = 'conversation.part.created' and payload->>'part_id' in (
            select id from conversation_parts where workspace_id = ${workspaceId} and body like '<p>Batch reply %')`,
    );
    expect(Number(grouped?.transactions)).toBeLessThan(Number(grouped?.parts));
  });
});

describe('the batcher', () => {
  it('isolates a change that fails for another reason than its own AppError: the others still commit', async () => {
    const platform = server.server.platform;
    const before = await query<{ n: string }>(sql`select count(*) as n from conversation_parts where workspace_id = ${workspaceId} and conversation_id = ${conversations.second}`);
    const plan = (body: string) => () => ({ patch: {}, parts: [{ partType: 'note', body: `<p>${body}</p>`, author: { type: 'admin' as const, id: ownerId } }] });
    const intent = (body: string, broken = false) => ({
      workspaceId,
      target: { id: conversations.second },
      actorId: Number(ownerId),
      plan: broken
        ? () => {
            throw new TypeError('a bug in one plan');
          }
        : plan(body),
    });
    const settled = await Promise.allSettled([
      changeConversationBatched(platform, intent('isolated 1')),
      changeConversationBatched(platform, intent('broken', true)),
      changeConversationBatched(platform, intent('isolated 2')),
      changeConversationBatched(platform, { ...intent('missing'), target: { id: 'nope' } }),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
    expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    const after = await query<{ n: string }>(sql`select count(*) as n from conversation_parts where workspace_id = ${workspaceId} and conversation_id = ${conversations.second}`);
    expect(Number(after[0]?.n) - Number(before[0]?.n)).toBe(2);
  });
});
