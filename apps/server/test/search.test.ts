import type { SearchResults } from '@frontdesk/api-types';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/platform/db/database.ts';
import { conversationCandidates, searchAll, searchVectors } from '../src/modules/search/data.ts';
import { type SearchQuery, toSearchQuery, toTsQuery } from '../src/modules/search/search-text.ts';
import { startTestServer, type TestServer } from './harness.ts';
import type { HttpClient } from './http-client.ts';
import { conversationFrom, type InboxWorkspace, inboxWorkspace, restrictedAgent } from './inbox-support.ts';
import { Visitor } from './messenger-support.ts';

let server: TestServer;
let ws: InboxWorkspace;

beforeAll(async () => {
  server = await startTestServer();
  ws = await inboxWorkspace(server, 'Search');
});
afterAll(() => server?.stop());

async function search(client: HttpClient, q: string, limit?: number): Promise<SearchResults> {
  const response = await client.get<SearchResults>(`/app-api/search?${new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) })}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** Every tag of a snippet is a <mark> or its end: nothing else of the source's HTML comes through. */
const onlyMarks = (snippet: string) => expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);

describe('full-text search', () => {
  it('finds a conversation by a word of its transcript, with a highlighted snippet', async () => {
    const { conversationId } = await conversationFrom(ws, 'My parcel never arrived');
    const reply = await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/reply`, { body: 'We have issued a <b>refund</b> for the parcel today' });
    expect(reply.status).toBe(200);
    await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/reply`, { body: 'Checked with the warehouse: xylophone', note: true });

    const byReply = await search(ws.owner, 'refund');
    expect(byReply.conversations).toHaveLength(1);
    expect(byReply.conversations[0]).toMatchObject({ id: conversationId, state: 'open', contact: { type: 'user', name: 'Casey Customer' } });
    expect(byReply.conversations[0]?.snippet).toContain('<mark>refund</mark>');
    onlyMarks(byReply.conversations[0]?.snippet ?? '');
    // The opening message, a note, a prefix while typing, several words.
    expect((await search(ws.owner, 'arrived')).conversations.map((hit) => hit.id)).toEqual([conversationId]);
    expect((await search(ws.owner, 'xylophone')).conversations.map((hit) => hit.id)).toEqual([conversationId]);
    expect((await search(ws.owner, 'refu')).conversations[0]?.snippet).toContain('<mark>refund</mark>');
    expect((await search(ws.owner, 'Parcel REFUND')).conversations.map((hit) => hit.id)).toEqual([conversationId]);
    expect((await search(ws.owner, 'parcel unicorn')).conversations).toEqual([]);
  });

  it('ranks the conversation that is more about the words first', async () => {
    const once = await conversationFrom(ws, 'A long story about many things, one of them a kumquat, and plenty of other words around it');
    const often = await conversationFrom(ws, 'kumquat kumquat kumquat');
    expect((await search(ws.owner, 'kumquat')).conversations.map((hit) => hit.id)).toEqual([often.conversationId, once.conversationId]);
    expect((await search(ws.owner, 'kumquat', 1)).conversations).toHaveLength(1);
  });

  it('ranks among the newest matches: an old conversation comes back to the top once it is active again', async () => {
    const old = await conversationFrom(ws, 'walrus walrus walrus: the whole story is about a walrus');
    const recent: string[] = [];
    // One more than the candidates ranked for a page of 10 (conversationCandidates), so the oldest match is left out.
    for (let n = 0; n <= conversationCandidates(10); n++) recent.push((await conversationFrom(ws, `a message that mentions a walrus once, number ${n}`)).conversationId);
    const before = (await search(ws.owner, 'walrus')).conversations.map((hit) => hit.id);
    expect(before).toHaveLength(10);
    expect(before).not.toContain(old.conversationId);
    expect(before).toContain(recent.at(-1));

    await ws.owner.post(`/app-api/inbox/conversations/${old.conversationId}/reply`, { body: 'Any news about the walrus?' });
    const after = await search(ws.owner, 'walrus');
    expect(after.conversations[0]?.id).toBe(old.conversationId);
    expect(after.conversations[0]?.snippet).toContain('<mark>walrus</mark>');
  });

  it('finds the same conversations whether it walks the newest messages (a common word) or reads the index (a rarer one)', async () => {
    const { conversationId } = await conversationFrom(ws, 'The gazebo arrived broken');
    await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/reply`, { body: 'A new <i>gazebo</i> is on its way' });
    const other = await conversationFrom(ws, 'Where is my gazebo manual?');
    const search = async (common: boolean, visible = sql`true`) => {
      const query = (text: string, prefix: boolean) => ({ ...(toSearchQuery(text, prefix) as SearchQuery), commonInParts: common, commonInSources: common });
      const found = await searchAll(server.server.platform.database.orm, ws.workspaceId, { exact: query('gazebo', false), prefixed: query('gazeb', true) }, visible, 10);
      return found.conversations.map((hit) => [hit.id, hit.snippet]);
    };
    const walked = await search(true);
    expect(walked.map(([id]) => id).sort()).toEqual([conversationId, other.conversationId].sort());
    expect(await search(false)).toEqual(walked);
    // Both ways apply the teammate's visibility.
    expect(await search(true, sql`false`)).toEqual([]);
    expect(await search(false, sql`false`)).toEqual([]);
  });

  it('finds contacts by name or email and companies by name', async () => {
    const contact = await ws.rest.post('/api/contacts', { role: 'user', email: 'pat.quinn@bigcorp.example', name: 'Patricia Quinn' });
    const company = await ws.rest.post('/api/companies', { company_id: 'acme-1', name: 'Acme Rockets' });
    expect(company.status).toBe(200);
    const byName = await search(ws.owner, 'patricia');
    expect(byName.contacts).toEqual([expect.objectContaining({ id: contact.body.id, name: 'Patricia Quinn', email: 'pat.quinn@bigcorp.example', role: 'user' })]);
    expect(byName.contacts[0]?.snippet).toContain('<mark>Patricia</mark>');
    expect((await search(ws.owner, 'bigcorp')).contacts.map((hit) => hit.id)).toEqual([contact.body.id]);
    expect((await search(ws.owner, 'pat.quinn@bigcorp.example')).contacts.map((hit) => hit.id)).toEqual([contact.body.id]);
    const companies = (await search(ws.owner, 'rocket')).companies;
    expect(companies).toEqual([{ id: company.body.id, name: 'Acme Rockets', snippet: 'Acme <mark>Rockets</mark>' }]);
  });

  it('never lets customer HTML through a snippet: it is stripped or escaped, only <mark> is markup', async () => {
    const visitor = new Visitor(server.url, ws.appId);
    expect((await visitor.boot()).status).toBe(200);
    const hostile = await visitor.write('<img src=x onerror="alert(1)"> zanzibar <script>alert(2)</script> <a href="javascript:alert(3)">click</a>');
    expect(hostile.status, JSON.stringify(hostile.body)).toBe(201);
    const found = await search(ws.owner, 'zanzibar');
    expect(found.conversations.map((hit) => hit.id)).toEqual([hostile.body.conversation.id]);
    const snippet = found.conversations[0]?.snippet ?? '';
    expect(snippet).toContain('<mark>zanzibar</mark>');
    expect(snippet).not.toMatch(/<img|<script|<a |onerror|javascript:/i);
    onlyMarks(snippet);

    // Text that looks like HTML is shown as text: escaped once, not twice.
    await visitor.reply(hostile.body.conversation.id, 'Is 3 < 5 & 7 > 2? quokka');
    expect((await search(ws.owner, 'quokka')).conversations[0]?.snippet).toContain('3 &lt; 5 &amp; 7 &gt; 2? <mark>quokka</mark>');

    await ws.rest.post('/api/contacts', { role: 'user', email: 'mallory@evil.example', name: '<img src=x onerror=alert(1)> Mallory' });
    const contact = (await search(ws.owner, 'mallory')).contacts[0];
    expect(contact?.name).toBe('<img src=x onerror=alert(1)> Mallory');
    expect(contact?.snippet).toContain('onerror=alert(1)&gt; <mark>Mallory</mark>');
    onlyMarks(contact?.snippet ?? '');
    await ws.rest.post('/api/companies', { company_id: 'evil-1', name: '<b onmouseover="alert(1)">Evil</b> &amp; Sons' });
    const company = (await search(ws.owner, 'sons')).companies[0];
    // The name is plain text: whatever of it the snippet keeps is escaped ("&amp;" typed literally shows as such).
    expect(company?.snippet).toContain('&amp;amp; <mark>Sons</mark>');
    expect(company?.snippet).not.toMatch(/<b|onmouseover="/);
    onlyMarks(company?.snippet ?? '');
  });

  it('takes any text: punctuation and tsquery syntax are words or nothing, never an error', async () => {
    for (const q of ['', '   ', "'", '!!!', "a & | ! ( ) ' :* <-> \\", 'refund:*', '%_', '🙂']) {
      const response = await ws.owner.get(`/app-api/search?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
    }
    expect(await search(ws.owner, '!!!')).toEqual({ conversations: [], contacts: [], companies: [] });
    expect((await ws.owner.get('/app-api/search?q=a&limit=500')).status).toBe(400);
    expect(toTsQuery("it's a (test) & more:*", true)).toBe("'it' & 's' & 'a' & 'test' & 'more':*");
    expect(toTsQuery("it's a (test) & more:*")).toBe("'it' & 's' & 'a' & 'test' & 'more'");
    // Two letters are never a prefix (they would match a large part of the vocabulary).
    expect(toTsQuery('refund ab', true)).toBe("'refund' & 'ab'");
  });

  it('searches a title as it is now, and forgets a deleted conversation', async () => {
    const { conversationId } = await conversationFrom(ws, 'The pergola wobbles');
    const retitled = await ws.rest.put(`/api/conversations/${conversationId}`, { title: 'Marmoset warranty' });
    expect(retitled.status, JSON.stringify(retitled.body)).toBe(200);
    expect((await search(ws.owner, 'marmoset')).conversations.map((hit) => hit.id)).toEqual([conversationId]);
    expect((await search(ws.owner, 'pergola')).conversations.map((hit) => hit.id)).toEqual([conversationId]);
    await ws.rest.put(`/api/conversations/${conversationId}`, { title: 'Something else' });
    expect((await search(ws.owner, 'marmoset')).conversations).toEqual([]);

    expect((await ws.rest.delete(`/api/conversations/${conversationId}`)).status).toBe(200);
    expect((await search(ws.owner, 'pergola')).conversations).toEqual([]);
    const left = await rows<{ count: number }>(
      server.server.platform.database.orm,
      sql`select count(*)::int as count from conversation_openings where workspace_id = ${ws.workspaceId} and conversation_id = ${conversationId}`,
    );
    expect(left[0]?.count).toBe(0);
  });

  it('applies the teammate\'s visibility', async () => {
    const { agent } = await restrictedAgent(server, ws);
    const billing = await ws.owner.post('/app-api/teams', { name: 'Billing', admin_ids: [ws.ownerId] });
    const { conversationId } = await conversationFrom(ws, 'confidential ocelot invoice');
    await ws.owner.post(`/app-api/inbox/conversations/${conversationId}/assign`, { team_id: billing.body.id });
    expect((await search(ws.owner, 'ocelot')).conversations).toHaveLength(1);
    expect((await search(agent, 'ocelot')).conversations).toEqual([]);
    // Contacts and companies are not team-scoped.
    expect((await search(agent, 'patricia')).contacts).toHaveLength(1);
  });

  it('searches through the GIN indexes of the migration (the expressions match)', async () => {
    const plans = await server.server.platform.database.transaction(async (tx) => {
      // Tiny tables: other plans would win; the question is whether the GIN indexes CAN serve these expressions.
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = async (table: keyof typeof searchVectors) => {
        const statement = sql`explain select 1 from ${sql.identifier(table)} where ${searchVectors[table]} @@ to_tsquery('simple'::regconfig, ${toTsQuery('refund', true)})`;
        return (await rows<{ 'QUERY PLAN': string }>(tx, statement)).map((row) => row['QUERY PLAN']).join('\n');
      };
      return Promise.all((['conversation_parts', 'conversation_openings', 'contacts', 'companies'] as const).map(async (table) => [table, await plan(table)]));
    });
    for (const [table, plan] of plans) expect(plan, plan).toContain(`${table}_search_idx`);
  });
});
