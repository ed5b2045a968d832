import { createHmac } from 'node:crypto';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestServer } from '../apps/server/test/harness.ts';
import { HttpClient, signUp, uniqueEmail } from '../apps/server/test/http-client.ts';
import { LiveSocket } from '../apps/server/test/live-socket.ts';
import { browserTests, chromiumAvailable, e2eRequired } from './support/chromium.ts';
import { CustomerSite } from './support/customer-site.ts';
import { screenshot } from './support/flows.ts';

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
  const e2e = browserTests();
  const { newPage } = e2e;
  const site = new CustomerSite();
  beforeAll(() => site.start());
  afterAll(() => site.stop());

  test('a signed-in customer chats with the team through the Intercom snippet, live both ways', async () => {
    const acme = await workspace(e2e.server, 'Acme Store');
    const email = uniqueEmail('ada');
    const pageUrl = site.page(
      '/account',
      { app_id: acme.appId, user_id: 'cust-42', email, name: 'Ada Lovelace', plan: 'pro', alignment: 'left', action_color: '#ff0000' },
      `${e2e.server.url}/widget/${acme.appId}`,
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
    const teammate = await LiveSocket.open(e2e.server.url, { cookie: `fd_session=${acme.session.cookie('fd_session')}`, origin: e2e.server.url });
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

  test('an anonymous visitor leaves an email after the first message; the page hears it through onUserEmailSupplied', async () => {
    const acme = await workspace(e2e.server, 'Acme Leads');
    const page = await newPage();
    await page.goto(site.page('/lead', { app_id: acme.appId }, `${e2e.server.url}/widget/${acme.appId}`));
    await page.evaluate(() => {
      (globalThis as any).suppliedEmails = [];
      (globalThis as any).Intercom('onUserEmailSupplied', (email: string) => (globalThis as any).suppliedEmails.push(email));
    });
    await launcher(page).waitFor({ timeout: 15_000 });
    await page.evaluate(() => (globalThis as any).Intercom('showNewMessage'));
    const frame = messenger(page);
    const composer = frame.getByRole('textbox', { name: 'Write a message…' });
    await composer.fill('Do you deliver on Sundays?');
    await composer.press('Enter');
    const log = frame.getByRole('log');
    await log.getByText('Do you deliver on Sundays?').waitFor();

    // The card follows the first message; a bad address is explained beside the field.
    const card = log.getByRole('form', { name: 'Get notified by email' });
    await card.waitFor();
    const field = card.getByRole('textbox', { name: 'Your email address' });
    await field.fill('lena@nowhere');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('alert').getByText('Enter a valid email address, like name@example.com.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    // A good one (sent with Enter) is saved: the card confirms it and the page's callback runs.
    await field.fill('lena@example.com');
    await field.press('Enter');
    await log.getByText("You'll be notified here and by email at lena@example.com").waitFor();
    expect(await page.evaluate(() => (globalThis as any).suppliedEmails)).toEqual(['lena@example.com']);

    const listed = await eventually(
      () => acme.api.get('/api/conversations'),
      (response) => response.body.conversations?.length === 1,
    );
    const contactId = listed.body.conversations[0].contacts.contacts[0].id;
    expect((await acme.api.get(`/api/contacts/${contactId}`)).body).toMatchObject({ role: 'lead', email: 'lena@example.com' });
  }, 60_000);

  test('a custom launcher opens a French Messenger; shutdown forgets the visitor', async () => {
    const acme = await workspace(e2e.server, 'Acme Paris');
    const pageUrl = site.page(
      '/fr',
      { app_id: acme.appId, hide_default_launcher: true, custom_launcher_selector: '#contact-us', language_override: 'fr' },
      `${e2e.server.url}/widget/${acme.appId}`,
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
    const acme = await workspace(e2e.server, 'Acme Files');
    const pageUrl = site.page('/files', { app_id: acme.appId, email: uniqueEmail('fi'), name: 'Fi Les' }, `${e2e.server.url}/widget/${acme.appId}`);
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

    // The upload answers slowly (as a busy server does): Enter pressed while it is under way sends the
    // message once the file is up, with it.
    let releaseUpload = () => {};
    const uploadHeld = new Promise<void>((resolve) => {
      releaseUpload = resolve;
    });
    await page.route('**/messenger-api/attachments', async (route) => {
      await uploadHeld;
      await route.continue();
    });
    const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
    await files.setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: pixel });
    await frame.getByText('Uploading pixel.png…').waitFor();
    const composer = frame.getByRole('textbox', { name: 'Write a message…' });
    await composer.fill('Here is a photo. My card is 4242 4242 4242 4242');
    await composer.press('Enter');
    releaseUpload();
    const log = frame.getByRole('log');
    await log.getByRole('img', { name: 'pixel.png' }).waitFor();
    await log.getByText('Redacted for your safety').waitFor();
    expect(await log.textContent()).not.toContain('4242 4242');
  }, 60_000);

  test('at phone width the open Messenger takes the whole screen', async () => {
    const acme = await workspace(e2e.server, 'Acme Mobile');
    const pageUrl = site.page('/mobile', { app_id: acme.appId, email: uniqueEmail('mo'), name: 'Mo Bile' }, `${e2e.server.url}/widget/${acme.appId}`);
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
    const acme = await workspace(e2e.server, 'Acme Verified');
    const secret = (await acme.session.post('/app-api/messenger/identity-secret')).body.secret as string;
    expect(secret).toBeTruthy();
    expect((await acme.session.put('/app-api/messenger/settings', { identity_verification: { enforced: true } })).status).toBe(200);
    const widget = `${e2e.server.url}/widget/${acme.appId}`;
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
