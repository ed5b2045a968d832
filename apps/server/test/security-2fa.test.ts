import type { SecuritySettings, Session } from '@frontdesk/api-types';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { browser, goodPassword, HttpClient, signUp, uniqueEmail } from './http-client.ts';
import { LiveSocket } from './live-socket.ts';

let server: TestServer;

async function enrollTwoFactor(client: HttpClient) {
  const setup = await client.post('/app-api/account/two-factor/setup');
  expect(setup.status).toBe(200);
  const enabled = await client.post('/app-api/account/two-factor/enable', { code: await generate({ secret: setup.body.secret }) });
  expect(enabled.status).toBe(200);
}

async function join(owner: HttpClient, role: 'admin' | 'agent', name: string) {
  const invite = await owner.post('/app-api/invites', { email: uniqueEmail(role), role });
  expect(invite.status).toBe(201);
  const client = await browser(server.url);
  const accepted = await client.post(`/app-api/invites/${invite.body.invite_url.split('/invite/')[1]}/accept`, { name, password: goodPassword });
  expect(accepted.status).toBe(200);
  return client;
}

const cookieHeader = (client: HttpClient) => `fd_session=${client.cookie('fd_session')}`;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('requiring two-factor authentication for a workspace', () => {
  it('blocks teammates without two-factor from everything but enrolment until they enrol', async () => {
    const { client: owner } = await signUp(server.url, { workspace_name: 'Secure Co' });
    const agent = await join(owner, 'agent', 'Alan Agent');
    const admin = await join(owner, 'admin', 'Ada Admin');
    const adminToken = (await admin.post('/app-api/api-tokens', { name: 'CRM sync' })).body.token as string;

    // Off by default; the owner cannot require what they do not have themselves.
    const before = await owner.get('/app-api/workspace/security');
    expect(before.body).toMatchObject({ require_two_factor: false });
    expect((before.body as SecuritySettings).teammates_without_two_factor).toHaveLength(3);
    const refused = await owner.put('/app-api/workspace/security', { require_two_factor: true });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('two_factor_not_enabled');
    // An agent may read the setting, not change it.
    expect((await agent.get('/app-api/workspace/security')).status).toBe(200);
    expect((await agent.put('/app-api/workspace/security', { require_two_factor: false })).status).toBe(403);

    await enrollTwoFactor(owner);
    const turnedOn = await owner.put('/app-api/workspace/security', { require_two_factor: true });
    expect(turnedOn.status).toBe(200);
    expect(turnedOn.body.require_two_factor).toBe(true);
    expect(turnedOn.body.teammates_without_two_factor.map((teammate: { name: string }) => teammate.name).sort()).toEqual(['Ada Admin', 'Alan Agent']);

    // The agent's session still reads itself (and says why), but every other route answers 403.
    const session = (await agent.get('/app-api/session')).body as Session;
    expect(session.two_factor_required).toBe(true);
    for (const path of ['/app-api/teams', '/app-api/contacts', '/app-api/tags', '/app-api/teammates', '/app-api/webhooks', '/app-api/segments']) {
      const blocked = await agent.get(path);
      expect(blocked.status, path).toBe(403);
      expect(blocked.body.errors[0].code, path).toBe('two_factor_required');
    }
    expect((await agent.post('/app-api/tags', { name: 'x' })).body.errors[0].code).toBe('two_factor_required');
    await expect(LiveSocket.open(server.url, { cookie: cookieHeader(agent) })).rejects.toThrow(/403/);
    // The owner, enrolled, is not held back.
    expect((await owner.get('/app-api/session')).body.two_factor_required).toBe(false);
    expect((await owner.get('/app-api/teams')).status).toBe(200);
    // API tokens are not sessions: the admin's token keeps working.
    expect((await new HttpClient(server.url, adminToken).get('/api/contacts')).status).toBe(200);

    // Enrolment is open, and lifts the block at once.
    await enrollTwoFactor(agent);
    expect((await agent.get('/app-api/session')).body.two_factor_required).toBe(false);
    expect((await agent.get('/app-api/teams')).status).toBe(200);
    const socket = await LiveSocket.open(server.url, { cookie: cookieHeader(agent) });
    socket.ws.close();

    // The admin can still sign out while blocked.
    expect((await admin.get('/app-api/contacts')).status).toBe(403);
    expect((await admin.post('/app-api/logout')).status).toBe(204);
    expect((await admin.get('/app-api/session')).status).toBe(401);

    await server.server.platform.dispatcher.drain();
    const audit = await owner.get('/app-api/audit-events');
    const change = audit.body.events.find((event: { action: string }) => event.action === 'app_authentication_method_change');
    expect(change).toMatchObject({ actor: { name: 'Olivia Owner' }, metadata: { require_two_factor: true } });

    // Turning it off frees everyone again.
    expect((await owner.put('/app-api/workspace/security', { require_two_factor: false })).body.require_two_factor).toBe(false);
  });

  it('lets a blocked teammate switch to another workspace that does not require two-factor', async () => {
    const { client: strict } = await signUp(server.url, { workspace_name: 'Strict Ltd' });
    const { client: relaxed, email } = await signUp(server.url, { workspace_name: 'Relaxed Ltd' });
    // The relaxed owner joins the strict workspace too.
    const invite = await strict.post('/app-api/invites', { email, role: 'agent' });
    expect((await relaxed.post(`/app-api/invites/${invite.body.invite_url.split('/invite/')[1]}/accept`, { password: goodPassword })).status).toBe(200);
    await enrollTwoFactor(strict);
    expect((await strict.put('/app-api/workspace/security', { require_two_factor: true })).status).toBe(200);

    const held = (await relaxed.get('/app-api/session')).body as Session;
    expect(held).toMatchObject({ workspace: { name: 'Strict Ltd' }, two_factor_required: true });
    expect((await relaxed.get('/app-api/contacts')).status).toBe(403);
    const home = held.workspaces.find((workspace) => workspace.name === 'Relaxed Ltd');
    const switched = await relaxed.post('/app-api/workspaces/switch', { id_code: home?.id_code });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ workspace: { name: 'Relaxed Ltd' }, two_factor_required: false });
    expect((await relaxed.get('/app-api/contacts')).status).toBe(200);
    // The setting read is always the current workspace's own.
    expect((await relaxed.get('/app-api/workspace/security')).body.require_two_factor).toBe(false);
  });
});
