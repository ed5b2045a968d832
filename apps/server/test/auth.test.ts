import { generate } from 'otplib';
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

/** Waits until the audit consumer has recorded `action` for the workspace of `client`. */
async function auditActions(client: HttpClient): Promise<string[]> {
  await server.server.platform.dispatcher.drain();
  const response = await client.get('/app-api/audit-events');
  expect(response.status).toBe(200);
  return response.body.events.map((event: { action: string }) => event.action);
}

async function enrollTwoFactor(client: HttpClient) {
  const setup = await client.post('/app-api/account/two-factor/setup');
  expect(setup.status).toBe(200);
  const code = await generate({ secret: setup.body.secret });
  const enabled = await client.post('/app-api/account/two-factor/enable', { code });
  expect(enabled.status).toBe(200);
  return { secret: setup.body.secret as string, recoveryCodes: enabled.body.recovery_codes as string[] };
}

describe('signing up and signing in', () => {
  it('sign-up creates a workspace owned by the new teammate and signs them in', async () => {
    const { client, email, session } = await signUp(server.url, { workspace_name: 'Globex Help' });
    expect(session).toMatchObject({ type: 'session', teammate: { email, two_factor_enabled: false }, workspace: { name: 'Globex Help', role: 'owner' } });
    expect(session.workspace.id_code).toMatch(/^[a-z0-9]{8}$/);
    expect(session.permissions.manage_teammates).toBe(true);
    const again = await client.get('/app-api/session');
    expect(again.body.teammate.email).toBe(email);
    expect(client.cookie('fd_session')).toBeTruthy();
  });

  it('a visitor without a session gets 401 in the error envelope', async () => {
    const client = new HttpClient(server.url);
    const response = await client.get('/app-api/session');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ type: 'error.list', errors: [{ code: 'unauthorized' }] });
    expect(response.body.request_id).toMatch(/^req_/);
    expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
  });

  it('the session cookie is HttpOnly and SameSite', async () => {
    const client = await browser(server.url);
    const response = await fetch(`${server.url}/app-api/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `fd_csrf=${client.cookie('fd_csrf')}`, 'x-csrf-token': client.cookie('fd_csrf') ?? '' },
      body: JSON.stringify({ name: 'Cookie Tester', email: uniqueEmail(), password: goodPassword, workspace_name: 'Cookies' }),
    });
    const sessionCookie = response.headers.getSetCookie().find((line) => line.startsWith('fd_session='));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses weak passwords with a message that says why', async () => {
    const client = await browser(server.url);
    const email = uniqueEmail('weak');
    const cases: [string, RegExp][] = [
      ['short', /at least 10/],
      ['password123', /too common/],
      [email, /email/],
    ];
    for (const [password, message] of cases) {
      const response = await client.post('/app-api/signup', { name: 'W', email, password, workspace_name: 'W' });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].message).toMatch(message);
    }
  });

  it('a second sign-up with the same email is a conflict', async () => {
    const { email } = await signUp(server.url);
    const client = await browser(server.url);
    const response = await client.post('/app-api/signup', { name: 'Again', email: email.toUpperCase(), password: goodPassword, workspace_name: 'Dup' });
    expect(response.status).toBe(409);
  });

  it('logs in with email and password, and logs out', async () => {
    const { email } = await signUp(server.url);
    const client = await browser(server.url);
    const wrong = await client.post('/app-api/login', { email, password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors[0].message).toBe('Email or password is incorrect');
    const login = await client.post('/app-api/login', { email: ` ${email.toUpperCase()} `, password: goodPassword });
    expect(login.status).toBe(200);
    expect(login.body.teammate.email).toBe(email);
    expect((await client.post('/app-api/logout')).status).toBe(204);
    expect((await client.get('/app-api/session')).status).toBe(401);
    const actions = await auditActions((await signInAgain(email)).client);
    expect(actions).toEqual(expect.arrayContaining(['admin_login_success', 'admin_login_failure', 'admin_logout', 'app_creation']));
  });

  it('writes without the CSRF token are refused', async () => {
    const { client } = await signUp(server.url);
    const response = await client.post('/app-api/api-tokens', { name: 'x' }, { 'x-csrf-token': 'forged' });
    expect(response.status).toBe(403);
    expect(response.body.errors[0].code).toBe('csrf_token_invalid');
    const bare = await fetch(`${server.url}/app-api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"a@b.co","password":"x"}' });
    expect(bare.status).toBe(403);
  });

  it('throttles repeated failures per account with 429 and Retry-After', async () => {
    const { email } = await signUp(server.url);
    const client = await browser(server.url);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await client.post('/app-api/login', { email, password: `wrong password ${attempt}` })).status).toBe(401);
    }
    const blocked = await client.post('/app-api/login', { email, password: goodPassword });
    expect(blocked.status).toBe(429);
    expect(blocked.body.errors[0].code).toBe('rate_limit_exceeded');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
  });
});

async function signInAgain(email: string, password = goodPassword) {
  const client = await browser(server.url);
  const response = await client.post('/app-api/login', { email, password });
  return { client, response };
}

describe('two-factor authentication', () => {
  it('enrols with a QR code, then sign-in needs a TOTP code', async () => {
    const { client, email } = await signUp(server.url);
    const setup = await client.post('/app-api/account/two-factor/setup');
    expect(setup.body.otpauth_uri).toContain(`otpauth://totp/Frontdesk:${encodeURIComponent(email)}`);
    expect(setup.body.qr_code).toMatch(/^data:image\/svg\+xml;base64,/);
    const wrongCode = await client.post('/app-api/account/two-factor/enable', { code: '000000' });
    expect(wrongCode.status).toBe(400);
    const code = await generate({ secret: setup.body.secret });
    const enabled = await client.post('/app-api/account/two-factor/enable', { code });
    expect(enabled.body.recovery_codes).toHaveLength(10);
    expect((await client.get('/app-api/session')).body.teammate.two_factor_enabled).toBe(true);

    const { client: other, response } = await signInAgain(email);
    expect(response.body).toEqual({ type: 'two_factor_required' });
    // A pending sign-in is not a session yet.
    expect((await other.get('/app-api/session')).status).toBe(401);
    expect((await other.post('/app-api/login/two-factor', { code: '123456' })).status).toBe(401);
    // The code used for enrolment cannot be replayed; wait for the next time step's code.
    const replay = await other.post('/app-api/login/two-factor', { code });
    expect(replay.status).toBe(401);
  });

  it('signs in with a fresh TOTP code', async () => {
    const { client, email } = await signUp(server.url);
    const { secret } = await enrollTwoFactor(client);
    const { client: other } = await signInAgain(email);
    // Codes of the next time step are accepted (clock tolerance) and have not been used yet.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const done = await other.post('/app-api/login/two-factor', { code: next });
    expect(done.status).toBe(200);
    expect(done.body.teammate.email).toBe(email);
    expect((await other.get('/app-api/session')).status).toBe(200);
  });

  it('a recovery code works once', async () => {
    const { client, email } = await signUp(server.url);
    const { recoveryCodes } = await enrollTwoFactor(client);
    const first = await signInAgain(email);
    expect((await first.client.post('/app-api/login/two-factor', { recovery_code: recoveryCodes[3]?.toUpperCase() })).status).toBe(200);
    const second = await signInAgain(email);
    const reused = await second.client.post('/app-api/login/two-factor', { recovery_code: recoveryCodes[3] });
    expect(reused.status).toBe(401);
    expect(reused.body.errors[0].message).toMatch(/recovery code/);
    const actions = await auditActions(client);
    expect(actions).toContain('admin_two_factor_auth_change');
  });

  it('turning it off needs the password', async () => {
    const { client, email } = await signUp(server.url);
    await enrollTwoFactor(client);
    expect((await client.post('/app-api/account/two-factor/disable', { password: 'not my password!' })).status).toBe(400);
    expect((await client.post('/app-api/account/two-factor/disable', { password: goodPassword })).status).toBe(204);
    const { response } = await signInAgain(email);
    expect(response.body.type).toBe('session');
  });
});

describe('account', () => {
  it('changing the password ends the other sessions but keeps this one', async () => {
    const { client, email } = await signUp(server.url);
    const { client: laptop } = await signInAgain(email);
    expect((await laptop.get('/app-api/session')).status).toBe(200);
    const newPassword = 'an entirely new passphrase';
    const wrongCurrent = await client.post('/app-api/account/password', { current_password: 'wrong wrong wrong', new_password: newPassword });
    expect(wrongCurrent.status).toBe(400);
    expect((await client.post('/app-api/account/password', { current_password: goodPassword, new_password: newPassword })).status).toBe(204);
    expect((await laptop.get('/app-api/session')).status).toBe(401);
    expect((await client.get('/app-api/session')).status).toBe(200);
    expect((await signInAgain(email)).response.status).toBe(401);
    expect((await signInAgain(email, newPassword)).response.status).toBe(200);
  });
});

describe('teammates and invites', () => {
  it('an invited teammate accepts with a new account and joins as an agent', async () => {
    const { client: owner, session } = await signUp(server.url);
    const email = uniqueEmail('agent');
    const invite = await owner.post('/app-api/invites', { email, role: 'agent' });
    expect(invite.status).toBe(201);
    expect(invite.body.invite_url).toMatch(new RegExp(`^${server.url}/invite/`));
    const token = invite.body.invite_url.split('/invite/')[1];

    const guest = await browser(server.url);
    const preview = await guest.get(`/app-api/invites/${token}`);
    expect(preview.body).toMatchObject({ email, workspace_name: session.workspace.name, inviter_name: 'Olivia Owner', existing_account: false });
    const accepted = await guest.post(`/app-api/invites/${token}/accept`, { name: 'Alan Agent', password: goodPassword });
    expect(accepted.status).toBe(200);
    expect(accepted.body.workspace).toMatchObject({ id_code: session.workspace.id_code, role: 'agent' });
    expect(accepted.body.permissions).toMatchObject({ reply: true, manage_teammates: false, manage_api_tokens: false });

    // The invite is spent.
    expect((await (await browser(server.url)).get(`/app-api/invites/${token}`)).status).toBe(404);
    // An agent may not invite or manage tokens: the server checks, not just the UI.
    expect((await guest.post('/app-api/invites', { email: uniqueEmail(), role: 'agent' })).status).toBe(403);
    expect((await guest.post('/app-api/api-tokens', { name: 'mine' })).status).toBe(403);

    const list = await owner.get('/app-api/teammates');
    expect(list.body.teammates.map((t: { email: string }) => t.email)).toContain(email);
    expect(await auditActions(owner)).toEqual(expect.arrayContaining(['admin_invite_creation', 'app_admin_join']));
  });

  it('an existing account joins a second workspace and can switch between them', async () => {
    const first = await signUp(server.url, { workspace_name: 'First' });
    const second = await signUp(server.url, { workspace_name: 'Second' });
    const invite = await second.client.post('/app-api/invites', { email: first.email, role: 'admin' });
    const token = invite.body.invite_url.split('/invite/')[1];
    const guest = await browser(server.url);
    expect((await guest.get(`/app-api/invites/${token}`)).body.existing_account).toBe(true);
    expect((await guest.post(`/app-api/invites/${token}/accept`, { password: 'wrong password here' })).status).toBe(401);
    const accepted = await guest.post(`/app-api/invites/${token}/accept`, { password: goodPassword });
    expect(accepted.body.workspaces.map((w: { name: string }) => w.name).sort()).toEqual(['First', 'Second']);
    expect(accepted.body.workspace.name).toBe('Second');
    const switched = await guest.post('/app-api/workspaces/switch', { id_code: first.session.workspace.id_code });
    expect(switched.body.workspace).toMatchObject({ name: 'First', role: 'owner' });
    expect((await guest.get('/app-api/session')).body.workspace.name).toBe('First');
  });

  it('owners change roles; the last owner cannot be demoted; revoked invites stop working', async () => {
    const { client: owner, session } = await signUp(server.url);
    const email = uniqueEmail('admin');
    const invite = await owner.post('/app-api/invites', { email, role: 'admin' });
    const guest = await browser(server.url);
    await guest.post(`/app-api/invites/${invite.body.invite_url.split('/invite/')[1]}/accept`, { name: 'Ada Admin', password: goodPassword });
    const adminId = (await owner.get('/app-api/teammates')).body.teammates.find((t: { email: string }) => t.email === email).id;

    const demoted = await owner.put(`/app-api/teammates/${adminId}/role`, { role: 'agent' });
    expect(demoted.body.role).toBe('agent');
    expect((await guest.get('/app-api/session')).body.permissions.manage_teammates).toBe(false);
    const lastOwner = await owner.put(`/app-api/teammates/${session.teammate.id}/role`, { role: 'admin' });
    expect(lastOwner.status).toBe(400);
    expect(lastOwner.body.errors[0].message).toMatch(/at least one owner/);

    const pendingEmail = uniqueEmail();
    const superseded = await owner.post('/app-api/invites', { email: pendingEmail, role: 'agent' });
    const pending = await owner.post('/app-api/invites', { email: pendingEmail, role: 'agent' });
    // Inviting the same email again replaces the earlier link.
    expect((await owner.get('/app-api/teammates')).body.invites.filter((i: { email: string }) => i.email === pendingEmail)).toHaveLength(1);
    expect((await guest.get(`/app-api/invites/${superseded.body.invite_url.split('/invite/')[1]}`)).status).toBe(404);
    expect((await owner.delete(`/app-api/invites/${pending.body.id}`)).status).toBe(204);
    expect((await guest.get(`/app-api/invites/${pending.body.invite_url.split('/invite/')[1]}`)).status).toBe(404);
    expect(await auditActions(owner)).toEqual(expect.arrayContaining(['role_change', 'admin_invite_deletion']));
  });
});

describe('API access tokens', () => {
  it('are shown once, authenticate the REST API, and stop working when revoked', async () => {
    const { client, email } = await signUp(server.url, { workspace_name: 'Token Co' });
    const created = await client.post('/app-api/api-tokens', { name: 'Zapier' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^fd_at_/);
    const list = await client.get('/app-api/api-tokens');
    expect(list.body.tokens).toHaveLength(1);
    expect(list.body.tokens[0]).not.toHaveProperty('token');
    expect(created.body.token.startsWith(list.body.tokens[0].prefix)).toBe(true);

    const api = new HttpClient(server.url, created.body.token);
    const me = await api.get('/api/me', { accept: '*/*', 'intercom-version': '2.14' });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ type: 'admin', email, app: { type: 'app', name: 'Token Co', identity_verification: false } });
    expect(typeof me.body.app.created_at).toBe('number');

    expect((await client.delete(`/app-api/api-tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await api.get('/api/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] });
    expect(await auditActions(client)).toEqual(expect.arrayContaining(['api_token_creation', 'api_token_revocation']));
  });
});
