import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, goodPassword, HttpClient, signUp, uniqueEmail } from './http-client.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("workspace B's credentials see workspace A's objects as 404", () => {
  it('for invites, teammates, API tokens and workspaces, through the session and the API', async () => {
    const a = await signUp(server.url, { workspace_name: 'Workspace A' });
    const b = await signUp(server.url, { workspace_name: 'Workspace B' });

    const aInvite = await a.client.post('/app-api/invites', { email: uniqueEmail(), role: 'agent' });
    const aToken = await a.client.post('/app-api/api-tokens', { name: 'A token' });
    const aOwnerId = a.session.teammate.id;

    // Writes aimed at A's rows from B's session.
    expect((await b.client.delete(`/app-api/invites/${aInvite.body.id}`)).status).toBe(404);
    expect((await b.client.delete(`/app-api/api-tokens/${aToken.body.id}`)).status).toBe(404);
    expect((await b.client.put(`/app-api/teammates/${aOwnerId}/role`, { role: 'agent' })).status).toBe(404);
    expect((await b.client.post('/app-api/workspaces/switch', { id_code: a.session.workspace.id_code })).status).toBe(404);

    // Reads only ever show B's own rows.
    const bTeammates = await b.client.get('/app-api/teammates');
    expect(bTeammates.body.teammates.map((t: { email: string }) => t.email)).toEqual([b.email]);
    expect(bTeammates.body.invites).toEqual([]);
    expect((await b.client.get('/app-api/api-tokens')).body.tokens).toEqual([]);
    const bAudit = await b.client.get('/app-api/audit-events');
    await server.server.platform.dispatcher.drain();
    for (const event of (await b.client.get('/app-api/audit-events')).body.events) {
      expect(event.actor?.email ?? b.email).toBe(b.email);
    }
    expect(bAudit.status).toBe(200);

    // A's rows are untouched.
    expect((await a.client.get('/app-api/teammates')).body.invites).toHaveLength(1);
    expect((await a.client.get('/app-api/api-tokens')).body.tokens).toHaveLength(1);
    expect((await a.client.get('/app-api/session')).body.workspace.role).toBe('owner');

    // A's token answers as A, never as B.
    const me = await new HttpClient(server.url, aToken.body.token).get('/api/me');
    expect(me.body.app.id_code).toBe(a.session.workspace.id_code);
  });

  it("a teammate removed from the workspace's tokens cannot act through a token of another workspace", async () => {
    const a = await signUp(server.url, { workspace_name: 'Alpha' });
    const token = (await a.client.post('/app-api/api-tokens', { name: 'alpha' })).body.token as string;
    const b = await signUp(server.url, { workspace_name: 'Beta' });
    const bToken = (await b.client.post('/app-api/api-tokens', { name: 'beta' })).body.token as string;
    expect((await new HttpClient(server.url, token).get('/api/me')).body.app.name).toBe('Alpha');
    expect((await new HttpClient(server.url, bToken).get('/api/me')).body.app.name).toBe('Beta');
  });

  it('an invite token is bound to its workspace and email', async () => {
    const a = await signUp(server.url, { workspace_name: 'Invites A' });
    const email = uniqueEmail('invitee');
    const invite = await a.client.post('/app-api/invites', { email, role: 'agent' });
    const guest = await browser(server.url);
    const joined = await guest.post(`/app-api/invites/${invite.body.invite_url.split('/invite/')[1]}/accept`, { name: 'Ivy', password: goodPassword });
    expect(joined.body.teammate.email).toBe(email);
    expect(joined.body.workspaces).toEqual([{ id_code: a.session.workspace.id_code, name: 'Invites A', role: 'agent' }]);
  });
});
