import type { ConversationDetail, ConversationPage } from '@frontdesk/api-types';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { conversationFrom, type InboxWorkspace, inboxWorkspace } from './inbox-support.ts';

/**
 * `conversations.tag_ids` is a read model of taggings kept by triggers, and `tagged_conversations` (the
 * rows the Inbox's tag views walk) one of `tag_ids` and the conversation's list columns: whoever applies,
 * removes or deletes a tag, or changes a tagged conversation, the tag views and the REST search by tag
 * agree with the taggings.
 */

let server: TestServer;
let ws: InboxWorkspace;

beforeAll(async () => {
  server = await startTestServer();
  ws = await inboxWorkspace(server, 'Tag ids');
});
afterAll(() => server?.stop());

async function query<T>(statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await server.server.platform.database.orm.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** Each conversation's `tag_ids` as PostgreSQL prints it ("{3,5}"). */
async function tagIdsOf(...ids: string[]): Promise<string[]> {
  const found = await query<{ id: string; tag_ids: string }>(sql`select id, tag_ids::text as tag_ids from conversations where workspace_id = ${ws.workspaceId}`);
  return ids.map((id) => found.find((row) => row.id === id)?.tag_ids ?? 'missing');
}

/**
 * Conversations of the workspace whose `tag_ids` differ from their taggings, or whose rows of
 * `tagged_conversations` differ from their tags and columns (always none).
 */
async function outOfStep(): Promise<string[]> {
  const stale = await query<{ id: string }>(sql`select c.id from conversations c where c.workspace_id = ${ws.workspaceId}
    and c.tag_ids is distinct from coalesce((select array_agg(tg.tag_id order by tg.tag_id) from taggings tg
      where tg.workspace_id = c.workspace_id and tg.target_type = 'conversation' and tg.target_id = c.id), '{}')`);
  const columns = sql.raw('workspace_id, tag_id, id, state, priority, admin_assignee_id, team_assignee_id, waiting_since, created_at, updated_at');
  const expected = sql`select ${columns} from (select c.*, unnest(c.tag_ids) as tag_id from conversations c where c.workspace_id = ${ws.workspaceId}) as c`;
  const held = sql`select ${columns} from tagged_conversations where workspace_id = ${ws.workspaceId}`;
  const different = await query<{ id: string }>(sql`(${expected} except ${held}) union (${held} except ${expected})`);
  return [...new Set([...stale, ...different].map((row) => row.id))];
}

async function inboxAction(path: string, body: object, method: 'post' | 'delete' = 'post'): Promise<ConversationDetail> {
  const response = method === 'post' ? await ws.owner.post(`/app-api/inbox/conversations/${path}`, body) : await ws.owner.delete(`/app-api/inbox/conversations/${path}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as ConversationDetail;
}

async function inboxList(view: string, state: string): Promise<{ ids: string[]; total: number }> {
  const response = await ws.owner.get<ConversationPage>(`/app-api/inbox/conversations?view=${encodeURIComponent(view)}&state=${state}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return { ids: response.body.conversations.map((row) => row.id).sort(), total: response.body.total };
}

async function viewCount(view: string): Promise<number | undefined> {
  const response = await ws.owner.get<{ views: { id: string; count: number }[] }>('/app-api/inbox/views');
  return response.body.views.find((entry) => entry.id === view)?.count;
}

async function searchByTag(operator: string, value: string | string[], extra?: object): Promise<string[]> {
  const byTag = { field: 'tag_ids', operator, value };
  const response = await ws.rest.post('/api/conversations/search', {
    query: extra ? { operator: 'AND', value: [byTag, extra] } : byTag,
    pagination: { per_page: 50 },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.conversations as { id: string }[]).map((row) => row.id).sort();
}

describe('a conversation carries the ids of its tags', () => {
  it('follows applying, removing, re-applying and deleting a tag, and the tag views and REST search follow it', async () => {
    const open = (await conversationFrom(ws, 'I want a refund')).conversationId;
    const snoozed = (await conversationFrom(ws, 'Refund, but no hurry')).conversationId;
    const closed = (await conversationFrom(ws, 'Refund done, thanks')).conversationId;
    const untagged = (await conversationFrom(ws, 'Where is my parcel?')).conversationId;
    expect(await tagIdsOf(open, snoozed, closed, untagged)).toEqual(['{}', '{}', '{}', '{}']);

    // Applied by name from the Inbox (creating the tag), then by id; a second tag on one of them.
    const refunds = (await inboxAction(`${open}/tags`, { name: 'Refunds' })).conversation.tags.find((tag) => tag.name === 'Refunds')?.id as string;
    expect(refunds).toMatch(/^\d+$/);
    await inboxAction(`${snoozed}/tags`, { tag_id: refunds });
    await inboxAction(`${closed}/tags`, { tag_id: refunds });
    const vip = (await inboxAction(`${open}/tags`, { name: 'VIP' })).conversation.tags.find((tag) => tag.name === 'VIP')?.id as string;
    // Applying it again changes nothing.
    await inboxAction(`${open}/tags`, { tag_id: vip });
    await inboxAction(`${snoozed}/snooze`, { until: Math.floor(Date.now() / 1000) + 3600 });
    await inboxAction(`${closed}/close`, {});
    await inboxAction(`${open}/priority`, { priority: true });
    await inboxAction(`${open}/assign`, { admin_id: ws.ownerId });
    await inboxAction(`${open}/reply`, { body: 'Looking into it' });
    expect(await outOfStep()).toEqual([]);
    const both = `{${[Number(refunds), Number(vip)].sort((a, b) => a - b).join(',')}}`;
    expect(await tagIdsOf(open, snoozed, closed, untagged)).toEqual([both, `{${refunds}}`, `{${refunds}}`, '{}']);

    const saved = await ws.owner.post('/app-api/inbox/views', { name: 'Refund requests', filters: { tag_id: refunds } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const view = saved.body.id as string;
    expect(saved.body.count).toBe(1);
    expect(await inboxList(view, 'open')).toEqual({ ids: [open], total: 1 });
    expect(await inboxList(view, 'snoozed')).toEqual({ ids: [snoozed], total: 1 });
    expect(await inboxList(view, 'closed')).toEqual({ ids: [closed], total: 1 });

    expect(await searchByTag('=', refunds)).toEqual([open, snoozed, closed].sort());
    expect(await searchByTag('=', vip)).toEqual([open]);
    expect(await searchByTag('!=', refunds)).toEqual([untagged]);
    expect(await searchByTag('IN', [vip, refunds])).toEqual([open, snoozed, closed].sort());
    expect(await searchByTag('NIN', [vip, refunds])).toEqual([untagged]);
    expect(await searchByTag('=', refunds, { field: 'state', operator: '=', value: 'snoozed' })).toEqual([snoozed]);
    expect(await searchByTag('=', '999999999')).toEqual([]);
    expect(await searchByTag('=', 'not-a-tag')).toEqual([]);

    // Removed from the Inbox.
    await inboxAction(`${open}/tags/${refunds}`, {}, 'delete');
    expect(await tagIdsOf(open)).toEqual([`{${vip}}`]);
    expect(await viewCount(view)).toBe(0);
    expect(await inboxList(view, 'open')).toEqual({ ids: [], total: 0 });
    expect(await searchByTag('=', refunds)).toEqual([snoozed, closed].sort());

    // Re-applied through the REST API.
    const again = await ws.rest.post(`/api/conversations/${open}/tags`, { id: refunds, admin_id: ws.ownerId });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(await tagIdsOf(open)).toEqual([both]);
    expect(await viewCount(view)).toBe(1);
    expect(await searchByTag('=', refunds)).toEqual([open, snoozed, closed].sort());

    // Reopening the closed one keeps its tags: the open tag view now lists it.
    await inboxAction(`${closed}/open`, {});
    expect(await inboxList(view, 'open')).toEqual({ ids: [open, closed].sort(), total: 2 });
    expect(await outOfStep()).toEqual([]);

    // The view's other filters apply to the tag's rows as they do to the table.
    const mineOnly = await ws.owner.post('/app-api/inbox/views', { name: 'My refunds', filters: { tag_id: refunds, admin_assignee_id: 'me', priority: true } });
    expect(mineOnly.body.count).toBe(1);
    expect(await inboxList(mineOnly.body.id, 'open')).toEqual({ ids: [open], total: 1 });

    // Deleting a tagged conversation takes its rows with it.
    const doomed = (await conversationFrom(ws, 'Refund, then never mind')).conversationId;
    await inboxAction(`${doomed}/tags`, { tag_id: refunds });
    expect(await inboxList(view, 'open')).toEqual({ ids: [open, closed, doomed].sort(), total: 3 });
    expect((await ws.rest.delete(`/api/conversations/${doomed}`)).status).toBe(200);
    expect(await inboxList(view, 'open')).toEqual({ ids: [open, closed].sort(), total: 2 });
    expect(await query(sql`select 1 from tagged_conversations where workspace_id = ${ws.workspaceId} and id = ${doomed}`)).toEqual([]);
    expect(await outOfStep()).toEqual([]);

    // Deleting the tag deletes every application of it at once.
    expect((await ws.owner.delete(`/app-api/tags/${refunds}`)).status).toBe(204);
    expect(await tagIdsOf(open, snoozed, closed, untagged)).toEqual([`{${vip}}`, '{}', '{}', '{}']);
    expect(await inboxList(view, 'open')).toEqual({ ids: [], total: 0 });
    expect(await inboxList(view, 'snoozed')).toEqual({ ids: [], total: 0 });
    expect(await searchByTag('=', refunds)).toEqual([]);
    expect(await searchByTag('=', vip)).toEqual([open]);
    expect(await outOfStep()).toEqual([]);
  });
});
