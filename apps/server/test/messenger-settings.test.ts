import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { agentOf, type MessengerWorkspace, messengerWorkspace, Visitor } from './messenger-support.ts';

let server: TestServer;
let a: MessengerWorkspace;

beforeAll(async () => {
  server = await startTestServer();
  a = await messengerWorkspace(server.url, 'Settings Co');
});
afterAll(async () => {
  await server?.stop();
});

const put = (body: unknown) => a.owner.put('/app-api/messenger/settings', body);

describe('Messenger settings in the Inbox', () => {
  it('start from defaults, with the install snippet for this server', async () => {
    const settings = await a.owner.get('/app-api/messenger/settings');
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({
      app_id: a.appId,
      customization: { alignment: 'right', horizontal_padding: 20, vertical_padding: 20, locale: 'en', hide_default_launcher: false, css_variables: {} },
      content_safety: { attachments_enabled: true, redact_card_numbers: true, redaction_patterns: [], max_attachment_bytes: 10 * 1024 * 1024 },
      identity_verification: { enforced: false, has_secret: false },
    });
    expect(settings.body.snippet).toContain(`${server.url}/widget/${a.appId}`);
    expect(settings.body.snippet).toContain(`app_id: "${a.appId}"`);
  });

  it('saves a change and the Messenger boots with it', async () => {
    const saved = await put({
      customization: {
        action_color: 'rgb(255, 80, 0)',
        background_color: 'rebeccapurple',
        alignment: 'left',
        horizontal_padding: 40,
        vertical_padding: 60,
        locale: 'fr',
        greeting: 'Bonjour !',
        team_name: 'Support',
        css_variables: { '--fd-radius': '4px', '--fd-font': '"Inter", sans-serif' },
        office_hours: { timezone: 'Europe/Paris', intervals: [{ day: 1, start: '09:00', end: '17:30' }] },
      },
      content_safety: { redaction_patterns: [{ name: 'Order secret', pattern: 'SECRET-\\d{4}' }] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.customization).toMatchObject({ action_color: 'rgb(255, 80, 0)', alignment: 'left', horizontal_padding: 40, locale: 'fr' });
    // Later updates change only what they name.
    await put({ customization: { vertical_padding: 80 } });
    const settings = (await a.owner.get('/app-api/messenger/settings')).body;
    expect(settings.customization).toMatchObject({ horizontal_padding: 40, vertical_padding: 80, greeting: 'Bonjour !' });

    const visitor = new Visitor(server.url, a.appId);
    const booted = await visitor.boot();
    expect(booted.body.messenger).toMatchObject({
      action_color: 'rgb(255, 80, 0)',
      background_color: 'rebeccapurple',
      alignment: 'left',
      horizontal_padding: 40,
      vertical_padding: 80,
      locale: 'fr',
      greeting: 'Bonjour !',
      team: { name: 'Support', avatars: [{ name: 'Olivia Owner', avatar: null }] },
      css_variables: { '--fd-radius': '4px' },
    });
    expect(typeof booted.body.messenger.office_open).toBe('boolean');

    const written = await visitor.write('my order is SECRET-1234, thanks');
    expect(written.body.parts[0]).toMatchObject({ body: '<p>my order is [redacted], thanks</p>', redacted: true });
  });

  it.each([
    [{ customization: { action_color: 'red; background: url(x)' } }, 'customization.action_color'],
    [{ customization: { background_color: '#12345' } }, 'customization.background_color'],
    [{ customization: { horizontal_padding: 10 } }, 'customization.horizontal_padding'],
    [{ customization: { vertical_padding: 500 } }, 'customization.vertical_padding'],
    [{ customization: { locale: 'it' } }, 'customization.locale'],
    [{ customization: { custom_launcher_selector: `#${'a'.repeat(300)}` } }, 'customization.custom_launcher_selector'],
    [{ customization: { css_variables: { color: 'red' } } }, 'customization.css_variables.color'],
    [{ customization: { css_variables: { '--fd-x': 'red;}body{display:none' } } }, 'customization.css_variables.--fd-x'],
    [{ customization: { css_variables: { '--fd-x': '</style><script>' } } }, 'customization.css_variables.--fd-x'],
    [{ customization: { team_avatar_teammate_ids: ['999999'] } }, 'customization.team_avatar_teammate_ids'],
    [{ customization: { office_hours: { timezone: 'Mars/Olympus', intervals: [] } } }, 'customization.office_hours.timezone'],
    [{ customization: { office_hours: { timezone: 'UTC', intervals: [{ day: 1, start: '18:00', end: '09:00' }] } } }, 'customization.office_hours.intervals[0].end'],
    [{ content_safety: { redaction_patterns: [{ name: 'bad', pattern: '([a-z' }] } }, 'content_safety.redaction_patterns[0].pattern'],
    [{ content_safety: { redaction_patterns: [{ name: 'slow', pattern: '(a+)+$' }] } }, 'content_safety.redaction_patterns[0].pattern'],
    [{ content_safety: { redaction_patterns: [{ name: 'empty', pattern: 'x*' }] } }, 'content_safety.redaction_patterns[0].pattern'],
    [{ content_safety: { redaction_patterns: [{ name: 'long', pattern: 'a'.repeat(201) }] } }, 'content_safety.redaction_patterns[0].pattern'],
    [{ content_safety: { max_attachment_bytes: 30 * 1024 * 1024 } }, 'content_safety.max_attachment_bytes'],
    [{ content_safety: { allowed_attachment_types: ['pdf'] } }, 'content_safety.allowed_attachment_types'],
    [{ content_safety: { visitor_messages_per_minute: 0 } }, 'content_safety.visitor_messages_per_minute'],
    [{ customization: { alignment: 'center' } }, 'customization.alignment'],
    [{ customization: { launcher_color: 'red' } }, 'customization.launcher_color'],
  ])('refuses %j with a 400 naming the field', async (body, field) => {
    const refused = await put(body);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe(field);
  });

  it('accepts every CSS color form', async () => {
    for (const color of ['#fff', '#ffffff80', 'rgba(0, 0, 0, 0.5)', 'rgb(10 20 30 / 50%)', 'hsl(210, 50%, 40%)', 'Teal']) {
      const saved = await put({ customization: { action_color: color } });
      expect(saved.status, color).toBe(200);
    }
  });
});

describe('identity verification settings', () => {
  it('shows a new secret once, seals it, and needs one before enforcing', async () => {
    const workspace = await messengerWorkspace(server.url, 'Verify Co');
    const early = await workspace.owner.put('/app-api/messenger/settings', { identity_verification: { enforced: true } });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('identity_verification.enforced');

    const created = await workspace.owner.post('/app-api/messenger/identity-secret');
    expect(created.status).toBe(200);
    expect(created.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const settings = await workspace.owner.get('/app-api/messenger/settings');
    expect(settings.body.identity_verification).toEqual({ enforced: false, has_secret: true });
    expect(JSON.stringify(settings.body)).not.toContain(created.body.secret);

    const enforced = await workspace.owner.put('/app-api/messenger/settings', { identity_verification: { enforced: true } });
    expect(enforced.body.identity_verification).toEqual({ enforced: true, has_secret: true });
    const me = (await workspace.rest.get('/api/me')).body;
    expect(me.app.identity_verification).toBe(true);

    // The audit consumer records them from the event log, shortly after.
    let audit: { action: string }[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      audit = (await workspace.owner.get('/app-api/audit-events')).body.events;
      if (audit.filter((event) => event.action === 'app_identity_verification_change').length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(audit.filter((event) => event.action === 'app_identity_verification_change')).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(created.body.secret);
  });

  it('needs manage_settings to change anything; any teammate may read', async () => {
    const agent = await agentOf(server.url, a.owner);
    expect((await agent.get('/app-api/messenger/settings')).status).toBe(200);
    const put = await agent.put('/app-api/messenger/settings', { customization: { alignment: 'right' } });
    expect(put.status).toBe(403);
    expect((await agent.post('/app-api/messenger/identity-secret')).status).toBe(403);
    const anonymous = await new Visitor(server.url, a.appId).api.get('/app-api/messenger/settings');
    expect(anonymous.status).toBe(401);
  });
});
