import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../apps/server/test/harness.ts';
import { HttpClient, signUp, uniqueEmail } from '../apps/server/test/http-client.ts';
import { LiveSocket } from '../apps/server/test/live-socket.ts';
import { chromiumAvailable, e2eRequired, launchChromium } from './support/chromium.ts';
import { screenshot } from './support/flows.ts';

/**
 * A customer's website on another origin (localhost vs the server's 127.0.0.1, another port) with
 * Intercom's own snippet, only its script URL pointing at Frontdesk.
 */
class CustomerSite {
  private readonly pages = new Map<string, string>();
  private readonly server = http.createServer((request, response) => {
    const html = this.pages.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://localhost:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A page carrying `window.intercomSettings` and the standard snippet; returns its URL. */
  page(path: string, settings: Record<string, unknown>, widgetUrl: string): string {
    this.pages.set(
      path,
      `<!doctype html>
<html><head><title>Acme Store</title></head>
<body>
<main><h1>Acme Store</h1><p>Everything for your home.</p></main>
<script>
  window.intercomSettings = ${JSON.stringify(settings)};
</script>
<script>
  // We pre-filled your app ID in the widget URL: '${widgetUrl}'
  (function(){var w=window;var ic=w.Intercom;if(typeof ic==="function"){ic('reattach_activator');ic('update',w.intercomSettings);}else{var d=document;var i=function(){i.c(arguments);};i.q=[];i.c=function(args){i.q.push(args);};w.Intercom=i;var l=function(){var s=d.createElement('script');s.type='text/javascript';s.async=true;s.src='${widgetUrl}';var x=d.getElementsByTagName('script')[0];x.parentNode.insertBefore(s,x);};if(document.readyState==='complete'){l();}else if(w.attachEvent){w.attachEvent('onload',l);}else{w.addEventListener('load',l,false);}}})();
</script>
<script>
  window.unreadCounts = [];
  Intercom('onUnreadCountChange', function (count) { window.unreadCounts.push(count); });
</script>
</body></html>`,
    );
    return `${this.url}${path}`;
  }
}

interface Workspace {
  appId: string;
  adminId: string;
  api: HttpClient;
  session: HttpClient;
}

async function workspace(server: TestServer, name: string): Promise<Workspace> {
  const owner = await signUp(server.url, { workspace_name: name });
  const token = (await owner.client.post('/app-api/api-tokens', { name: 'e2e' })).body.token as string;
  const api = new HttpClient(server.url, token);
  const me = await api.get('/api/me');
  expect(me.status).toBe(200);
  return { appId: me.body.app.id_code, adminId: String(me.body.id), api, session: owner.client };
}

const messenger = (page: Page): FrameLocator => page.frameLocator('iframe[data-frontdesk-messenger]');
const launcher = (page: Page) => messenger(page).getByRole('button', { name: /^Open the Messenger/ });

/** Polls a condition (the REST API, the page) until it holds. */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

describe.skipIf(!chromiumAvailable && !e2eRequired)('the Messenger on a customer website', () => {
  let server: TestServer;
  let site: CustomerSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestServer();
    site = new CustomerSite();
    await site.start();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    await server?.stop();
  });

  test('a signed-in customer chats with the team through the Intercom snippet, live both ways', async () => {
    const acme = await workspace(server, 'Acme Store');
    const email = uniqueEmail('ada');
    const pageUrl = site.page(
      '/account',
      { app_id: acme.appId, user_id: 'cust-42', email, name: 'Ada Lovelace', plan: 'pro', alignment: 'left', action_color: '#ff0000' },
      `${server.url}/widget/${acme.appId}`,
    );
    const page = await newPage();
    await page.goto(pageUrl);

    // Boot: the launcher shows at the bottom left, in the page's action colour.
    await launcher(page).waitFor({ timeout: 15_000 });
    const box = await launcher(page).boundingBox();
    expect(box).toMatchObject({ x: 20, y: 800 - 20 - 56, width: 56, height: 56 });
    expect(await launcher(page).evaluate((element) => (globalThis as any).getComputedStyle(element).backgroundColor)).toBe('rgb(255, 0, 0)');
    const visitorId = await page.evaluate(() => (globalThis as any).Intercom('getVisitorId'));
    expect(visitorId).toMatch(/^[\w-]{8,}$/);
    expect(await page.evaluate((key) => (globalThis as any).localStorage.getItem(key), `frontdesk-visitor-${acme.appId}`)).toBe(visitorId);

    await launcher(page).click();
    const frame = messenger(page);
    await frame.getByRole('dialog', { name: 'Messenger' }).waitFor();
    await frame.getByRole('button', { name: /Send us a message/ }).waitFor();
    await screenshot(page, 'messenger-home');

    // The visitor writes; the message reaches the REST API with the boot attributes on the contact.
    await frame.getByRole('button', { name: /Send us a message/ }).click();
    const composer = frame.getByRole('textbox', { name: 'Write a message…' });
    await composer.fill('Hello! Where is my order #1234?');
    await composer.press('Enter');
    const log = frame.getByRole('log');
    await log.getByText('Hello! Where is my order #1234?').waitFor();

    const listed = await eventually(
      () => acme.api.get('/api/conversations'),
      (response) => response.body.conversations?.some((c: any) => String(c.source?.body).includes('Where is my order')),
    );
    const conversation = listed.body.conversations.find((c: any) => String(c.source?.body).includes('Where is my order'));
    const contactId = conversation.contacts.contacts[0].id;
    const contact = await acme.api.get(`/api/contacts/${contactId}`);
    expect(contact.body).toMatchObject({ role: 'user', external_id: 'cust-42', email, name: 'Ada Lovelace', custom_attributes: { plan: 'pro' } });

    // The teammate reads it ("Seen"), then replies through the REST API: both appear without a reload.
    expect((await acme.api.put(`/api/conversations/${conversation.id}`, { read: true })).status).toBe(200);
    await log.getByText('Seen').waitFor({ timeout: 15_000 });
    const reply = (body: string) =>
      acme.api.post(`/api/conversations/${conversation.id}/reply`, { message_type: 'comment', type: 'admin', admin_id: acme.adminId, body });
    expect((await reply('Hi Ada, it ships <b>tomorrow</b>.')).status).toBe(200);
    await log.getByText('it ships').waitFor({ timeout: 15_000 });
    expect(await log.locator('b', { hasText: 'tomorrow' }).count()).toBe(1);
    await screenshot(page, 'messenger-conversation');

    // Typing indicators, both ways, with a teammate's socket.
    const teammate = await LiveSocket.open(server.url, { cookie: `fd_session=${acme.session.cookie('fd_session')}`, origin: server.url });
    try {
      teammate.send({ type: 'subscribe', conversation_id: conversation.id, after: 0 });
      await teammate.waitFor((frame) => frame.type === 'subscribed' && frame.conversation_id === conversation.id);
      teammate.send({ type: 'typing', conversation_id: conversation.id });
      await log.getByText('Olivia Owner is typing…').waitFor();
      await frame.getByRole('textbox', { name: 'Write a message…' }).fill('Thanks');
      const typing = await teammate.waitFor((frame) => frame.type === 'typing' && frame.conversation_id === conversation.id);
      expect(typing).toMatchObject({ author: { type: 'user' } });
    } finally {
      teammate.ws.close();
    }

    // Hidden, the Messenger still counts the team's new messages for the page.
    await page.evaluate(() => (globalThis as any).Intercom('hide'));
    await frame.getByRole('dialog').waitFor({ state: 'detached' });
    expect((await reply('Anything else I can help with?')).status).toBe(200);
    const counts = await eventually(
      () => page.evaluate(() => (globalThis as any).unreadCounts as number[]),
      (values) => values.includes(1),
    );
    expect(counts.at(-1)).toBe(1);
    await frame.getByRole('status').getByText('Anything else I can help with?').waitFor();

    // Opened again on that conversation, the message is read: the count goes back to 0.
    await page.evaluate(() => (globalThis as any).Intercom('show'));
    await log.getByText('Anything else I can help with?').waitFor();
    await eventually(
      () => page.evaluate(() => (globalThis as any).unreadCounts as number[]),
      (values) => values.at(-1) === 0,
    );

    // showNewMessage opens the composer with the text in it, focused.
    await page.evaluate(() => (globalThis as any).Intercom('showNewMessage', 'I would like to return an item'));
    await expect.poll(() => frame.getByRole('textbox', { name: 'Write a message…' }).inputValue()).toBe('I would like to return an item');
    expect(await frame.getByRole('textbox', { name: 'Write a message…' }).evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await frame.getByRole('dialog').waitFor({ state: 'detached' });

    // trackEvent lands on the contact, as POST /events would.
    await page.evaluate(() => (globalThis as any).Intercom('trackEvent', 'viewed-returns-page', { order: '1234' }));
    const events = await eventually(
      () => acme.api.get('/api/events?type=user&user_id=cust-42'),
      (response) => response.body.events?.some((event: any) => event.event_name === 'viewed-returns-page'),
    );
    expect(events.body.events.find((event: any) => event.event_name === 'viewed-returns-page').metadata).toEqual({ order: '1234' });

    // update: new attributes reach the contact.
    await page.evaluate(() => (globalThis as any).Intercom('update', { plan: 'enterprise' }));
    await eventually(
      () => acme.api.get(`/api/contacts/${contactId}`),
      (response) => response.body.custom_attributes?.plan === 'enterprise',
    );
  }, 120_000);

  test('a custom launcher opens a French Messenger; shutdown forgets the visitor', async () => {
    const acme = await workspace(server, 'Acme Paris');
    const pageUrl = site.page(
      '/fr',
      { app_id: acme.appId, hide_default_launcher: true, custom_launcher_selector: '#contact-us', language_override: 'fr' },
      `${server.url}/widget/${acme.appId}`,
    );
    const page = await newPage();
    await page.goto(pageUrl);
    await page.evaluate(() => {
      const button = (globalThis as any).document.createElement('button');
      button.id = 'contact-us';
      button.textContent = 'Contact us';
      (globalThis as any).document.body.appendChild(button);
      (globalThis as any).shown = 0;
      (globalThis as any).Intercom('onShow', () => (globalThis as any).shown++);
    });
    const visitorId = await eventually(
      () => page.evaluate(() => (globalThis as any).Intercom('getVisitorId') as string | undefined),
      (id) => typeof id === 'string',
    );
    expect(await page.locator('iframe[data-frontdesk-messenger]').isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Contact us' }).click();
    const frame = messenger(page);
    await frame.getByRole('dialog', { name: 'Messagerie' }).waitFor();
    await frame.getByRole('button', { name: /Envoyez-nous un message/ }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).shown)).toBe(1);

    await page.evaluate(() => (globalThis as any).Intercom('shutdown'));
    expect(await page.locator('iframe[data-frontdesk-messenger]').count()).toBe(0);
    expect(await page.evaluate((key) => (globalThis as any).localStorage.getItem(key), `frontdesk-visitor-${acme.appId}`)).toBeNull();
    expect(await page.evaluate(() => (globalThis as any).Intercom('getVisitorId'))).toBeUndefined();

    await page.evaluate((appId) => (globalThis as any).Intercom('boot', { app_id: appId }), acme.appId);
    const next = await eventually(
      () => page.evaluate(() => (globalThis as any).Intercom('getVisitorId') as string | undefined),
      (id) => typeof id === 'string',
    );
    expect(next).not.toBe(visitorId);
  }, 60_000);

  test('attachments: a refused type is explained, an image is sent and shown; a card number arrives redacted', async () => {
    const acme = await workspace(server, 'Acme Files');
    const pageUrl = site.page('/files', { app_id: acme.appId, email: uniqueEmail('fi'), name: 'Fi Les' }, `${server.url}/widget/${acme.appId}`);
    const page = await newPage();
    await page.goto(pageUrl);
    await launcher(page).waitFor({ timeout: 15_000 });
    await page.evaluate(() => (globalThis as any).Intercom('showNewMessage'));
    const frame = messenger(page);
    const files = frame.locator('input[type=file]');

    await files.setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    const alert = frame.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/image\/svg\+xml can't be sent/);

    const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
    await files.setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: pixel });
    await frame.getByRole('button', { name: 'Remove pixel.png' }).waitFor();
    const composer = frame.getByRole('textbox', { name: 'Write a message…' });
    await composer.fill('Here is a photo. My card is 4242 4242 4242 4242');
    await composer.press('Enter');
    const log = frame.getByRole('log');
    await log.getByRole('img', { name: 'pixel.png' }).waitFor();
    await log.getByText('Redacted for your safety').waitFor();
    expect(await log.textContent()).not.toContain('4242 4242');
  }, 60_000);

  test('at phone width the open Messenger takes the whole screen', async () => {
    const acme = await workspace(server, 'Acme Mobile');
    const pageUrl = site.page('/mobile', { app_id: acme.appId, email: uniqueEmail('mo'), name: 'Mo Bile' }, `${server.url}/widget/${acme.appId}`);
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(pageUrl);
    await launcher(page).waitFor({ timeout: 15_000 });
    await page.evaluate(() => (globalThis as any).Intercom('showNewMessage'));
    const frame = messenger(page);
    const composer = frame.getByRole('textbox', { name: 'Write a message…' });
    await composer.fill('Sent from my phone');
    await composer.press('Enter');
    await frame.getByRole('log').getByText('Sent from my phone').waitFor();
    expect(await page.locator('iframe[data-frontdesk-messenger]').boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await screenshot(page, 'messenger-phone');
  }, 60_000);

  test('with identity verification enforced, a wrong user_hash is refused by the server', async () => {
    const acme = await workspace(server, 'Acme Verified');
    const secret = (await acme.session.post('/app-api/messenger/identity-secret')).body.secret as string;
    expect(secret).toBeTruthy();
    expect((await acme.session.put('/app-api/messenger/settings', { identity_verification: { enforced: true } })).status).toBe(200);
    const widget = `${server.url}/widget/${acme.appId}`;
    const hash = (key: string) => createHmac('sha256', key).update('cust-77').digest('hex');

    const forged = await newPage();
    const refused = forged.waitForResponse((response) => response.url().endsWith('/messenger-api/boot'));
    await forged.goto(site.page('/forged', { app_id: acme.appId, user_id: 'cust-77', user_hash: hash('not the secret') }, widget));
    const answer = await refused;
    expect(answer.status()).toBe(401);
    expect((await answer.json()).errors[0].code).toBe('identity_verification_failed');
    await launcher(forged).click();
    const alert = messenger(forged).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/can't start/);
    expect(await forged.evaluate(() => (globalThis as any).Intercom('getVisitorId'))).toBeUndefined();

    const genuine = await newPage();
    const accepted = genuine.waitForResponse((response) => response.url().endsWith('/messenger-api/boot'));
    await genuine.goto(site.page('/genuine', { app_id: acme.appId, user_id: 'cust-77', user_hash: hash(secret) }, widget));
    expect((await accepted).status()).toBe(200);
    await launcher(genuine).click();
    await messenger(genuine).getByRole('button', { name: /Send us a message/ }).waitFor();
    expect(await messenger(genuine).getByRole('alert').count()).toBe(0);
  }, 60_000);
});
