import { sql } from 'drizzle-orm';
import type { TestServer } from './harness.ts';
import { browser, HttpClient, signUp, uniqueEmail } from './http-client.ts';

/** A workspace for Inbox tests: the owner's browser, a REST client acting as the owner, and ids. */
export interface InboxWorkspace {
  owner: HttpClient;
  ownerId: string;
  rest: HttpClient;
  workspaceId: number;
  /** The Messenger's app_id. */
  appId: string;
}

export async function inboxWorkspace(server: TestServer, name: string): Promise<InboxWorkspace> {
  const { client, session } = await signUp(server.url, { workspace_name: name });
  const token = (await client.post('/app-api/api-tokens', { name: 'inbox tests' })).body.token as string;
  const found = (await server.server.platform.database.orm.execute(sql`select id from workspaces where id_code = ${session.workspace.id_code}`)) as unknown as {
    rows: { id: string }[];
  };
  return { owner: client, ownerId: String(session.teammate.id), rest: new HttpClient(server.url, token), workspaceId: Number(found.rows[0]?.id), appId: session.workspace.id_code as string };
}

/** A contact of the workspace who writes in: a new conversation (through the REST API). */
export async function conversationFrom(workspace: InboxWorkspace, body: string, contact: { name?: string; email?: string } = {}) {
  const created = await workspace.rest.post('/api/contacts', { role: 'user', email: contact.email ?? uniqueEmail('customer'), name: contact.name ?? 'Casey Customer' });
  if (created.status !== 200) throw new Error(`contact: ${created.status} ${JSON.stringify(created.body)}`);
  const message = await workspace.rest.post('/api/conversations', { from: { type: 'user', id: created.body.id }, body });
  if (message.status !== 200) throw new Error(`conversation: ${message.status} ${JSON.stringify(message.body)}`);
  return { contactId: created.body.id as string, conversationId: message.body.conversation_id as string };
}

/** An agent who may NOT see all conversations (set as an admin would, on the membership). */
export async function restrictedAgent(server: TestServer, workspace: InboxWorkspace, name = 'Andy Agent') {
  const invite = await workspace.owner.post('/app-api/invites', { email: uniqueEmail('agent'), role: 'agent' });
  const agent = await browser(server.url);
  const joined = await agent.post(`/app-api/invites/${String(invite.body.invite_url).split('/').pop()}/accept`, { name, password: 'correct horse battery staple' });
  if (joined.status !== 200) throw new Error(`invite not accepted: ${joined.status} ${JSON.stringify(joined.body)}`);
  const agentId = String(joined.body.teammate.id);
  await setPermission(server, workspace, agentId, 'access_all_conversations', false);
  return { agent, agentId };
}

export async function setPermission(server: TestServer, workspace: InboxWorkspace, teammateId: string, permission: string, value: boolean) {
  await server.server.platform.database.orm.execute(
    sql`update memberships set permissions = permissions || jsonb_build_object(${permission}::text, ${value}::boolean)
        where workspace_id = ${workspace.workspaceId} and teammate_id = ${Number(teammateId)}`,
  );
}

export const cookieOf = (client: HttpClient) => `fd_session=${client.cookie('fd_session')}`;

/** A raw upload to `POST /app-api/attachments`, as the Inbox's composer sends it. */
export async function upload(client: HttpClient, bytes: Buffer, type: string, name: string) {
  const response = await fetch(new URL('/app-api/attachments', client.baseUrl), {
    method: 'POST',
    headers: {
      'content-type': type,
      'x-file-name': encodeURIComponent(name),
      cookie: `fd_session=${client.cookie('fd_session')}; fd_csrf=${client.cookie('fd_csrf')}`,
      'x-csrf-token': client.cookie('fd_csrf') ?? '',
    },
    body: bytes,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The smallest valid PNG (1×1). */
export const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
