import { createHmac } from 'node:crypto';
import { browser, HttpClient, signUp, uniqueEmail } from './http-client.ts';

/** A workspace for Messenger tests: its owner's browser, a REST client and its app_id. */
export interface MessengerWorkspace {
  owner: HttpClient;
  rest: HttpClient;
  appId: string;
}

export async function messengerWorkspace(url: string, name: string): Promise<MessengerWorkspace> {
  const { client, session } = await signUp(url, { workspace_name: name });
  const token = (await client.post('/app-api/api-tokens', { name: 'messenger tests' })).body.token as string;
  return { owner: client, rest: new HttpClient(url, token), appId: session.workspace.id_code as string };
}

/** A browser running the Messenger: boots, then calls the visitor API with its token. */
export class Visitor {
  api: HttpClient;
  token = '';
  id: string | null = null;

  constructor(
    private readonly url: string,
    readonly appId: string,
  ) {
    this.api = new HttpClient(url);
  }

  async boot(user?: Record<string, unknown>, options: { visitorId?: string | null } = {}) {
    const response = await new HttpClient(this.url).post('/messenger-api/boot', {
      app_id: this.appId,
      ...(options.visitorId !== undefined ? { visitor_id: options.visitorId } : this.id ? { visitor_id: this.id } : {}),
      ...(user ? { user } : {}),
      page: { url: 'https://shop.example.test/pricing', title: 'Pricing' },
    });
    if (response.status === 200) this.adopt(response.body);
    return response;
  }

  /** Keeps the visitor id and token an answer hands out, as the widget does. */
  adopt(body: { visitor_id: string; token: string }) {
    this.id = body.visitor_id;
    this.token = body.token;
    this.api = new HttpClient(this.url, body.token);
  }

  write(body: string, attachmentIds?: string[]) {
    return this.api.post('/messenger-api/conversations', { body, ...(attachmentIds ? { attachment_ids: attachmentIds } : {}) });
  }

  reply(conversationId: string, body: string) {
    return this.api.post(`/messenger-api/conversations/${conversationId}/reply`, { body });
  }

  async upload(bytes: Buffer | string, type: string, name: string) {
    const response = await fetch(`${this.url}/messenger-api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      body: bytes,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }
}

export const userHash = (secret: string, identity: string) => createHmac('sha256', secret).update(identity).digest('hex');

/** An HS256 JWT as a customer's backend would sign it. */
export function userJwt(secret: string, claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode(header)}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** A teammate without manage_settings (an agent) in the owner's workspace. */
export async function agentOf(url: string, owner: HttpClient): Promise<HttpClient> {
  const invite = await owner.post('/app-api/invites', { email: uniqueEmail('agent'), role: 'agent' });
  const token = String(invite.body.invite_url).split('/').pop();
  const agent = await browser(url);
  const joined = await agent.post(`/app-api/invites/${token}/accept`, { name: 'Avery Agent', password: 'correct horse battery staple' });
  if (joined.status !== 200) throw new Error(`invite not accepted: ${joined.status} ${JSON.stringify(joined.body)}`);
  return agent;
}

/** The smallest valid PNG (1×1). */
export const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
