import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { type HttpClient, uniqueEmail } from '../apps/server/test/http-client.ts';
import { LiveSocket } from '../apps/server/test/live-socket.ts';
import { agentOf, messengerWorkspace, png, Visitor } from '../apps/server/test/messenger-support.ts';
import { browserTests, chromiumAvailable, e2eRequired } from './support/chromium.ts';
import { screenshot } from './support/flows.ts';

/** What the Messenger widget sends for typed text: escaped, so markup a customer types stays text. */
const typedByVisitor = (text: string) => `<p>${text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')}</p>`;

/** Polls a condition (the API, the page) until it holds. */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

/** The browser signs in with the session the HTTP client holds. */
function sessionCookies(client: HttpClient, url: string) {
  return ['fd_session', 'fd_csrf'].map((name) => ({ name, value: client.cookie(name) ?? '', url, httpOnly: name === 'fd_session' }));
}

const pwned = (page: Page) => page.evaluate(() => (globalThis as any).__pwned as unknown);

describe.skipIf(!chromiumAvailable && !e2eRequired)('the conversation view', () => {
  const e2e = browserTests({ viewport: { width: 1280, height: 900 } });
  const sockets: LiveSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.ws.close();
  });

  /** A page of a browser that holds the session `client` has. */
  async function pageAs(client: HttpClient): Promise<Page> {
    const context = await e2e.newContext();
    await context.addCookies(sessionCookies(client, e2e.server.url));
    return context.newPage();
  }

  test('a teammate works a customer conversation: safe transcript, assign, saved reply, mention, tag, macro with preview', async () => {
    const { owner, appId } = await messengerWorkspace(e2e.server.url, 'Acme Support');
    const agent = await agentOf(e2e.server.url, owner);
    const ownerName = (await owner.get('/app-api/session')).body.teammate.name as string;

    expect((await owner.post('/app-api/saved-replies', { name: 'Greeting', shortcut: 'greet', body: '<p>Hi {{contact.first_name | "there"}}, thanks for writing.</p>' })).status).toBe(201);
    const macro = await owner.post('/app-api/macros', {
      name: 'Snooze until tomorrow',
      body: '<p>I will get back to you tomorrow, {{contact.first_name}}.</p>',
      actions: [{ type: 'snooze', duration: 'tomorrow' }],
    });
    expect(macro.status).toBe(201);

    // A customer writes from the Messenger: once as the widget sends typed text, once as raw HTML.
    const visitor = new Visitor(e2e.server.url, appId);
    await visitor.boot({ user_id: 'vera-1', email: uniqueEmail('vera'), name: 'Vera Lind', plan: 'pro' });
    const written = await visitor.write(typedByVisitor('<img src=x onerror="window.__pwned = 1"> I was charged twice'));
    expect(written.status).toBe(201);
    const conversationId = written.body.conversation.id as string;
    const raw = await visitor.reply(
      conversationId,
      '<p>Receipt: <a href="javascript:window.__pwned=2">here</a><img src=x onerror="window.__pwned=3"><script>window.__pwned=4</script></p>',
    );
    expect(raw.status).toBe(200);
    await visitor.api.post('/messenger-api/events', { event_name: 'viewed-billing' });

    const page = await pageAs(owner);
    const dialogs: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${e2e.server.url}/inbox/all/${conversationId}`);

    const pane = page.getByRole('region', { name: 'Conversation with Vera Lind' });
    const transcript = pane.getByRole('log', { name: 'Conversation transcript' });
    await transcript.getByText('I was charged twice').waitFor({ timeout: 15_000 });

    // Hostile markup shows as text and runs nothing; the raw HTML loses its script, handler and link.
    expect(await transcript.getByText('<img src=x onerror="window.__pwned = 1"> I was charged twice').count()).toBe(1);
    await transcript.getByText('Receipt:').waitFor();
    expect(await transcript.locator('img').count()).toBe(0);
    expect(await transcript.locator('script').count()).toBe(0);
    expect(await transcript.getByText('here').evaluate((element) => element.getAttribute('href'))).toBeNull();
    expect(await pwned(page)).toBeUndefined();

    // The contact sidebar shows who it is, what they did, and the attribute the Messenger sent.
    const details = pane.getByRole('complementary', { name: 'Conversation details' });
    await details.getByRole('heading', { name: 'Vera Lind' }).waitFor();
    await details.getByText('viewed-billing').waitFor();
    await details.getByRole('button', { name: 'Edit plan' }).click();
    await details.getByRole('textbox', { name: 'plan' }).fill('enterprise');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByText('enterprise').waitFor();

    // "a" assigns to me.
    await pane.getByRole('heading', { name: 'Vera Lind', level: 2 }).click();
    await page.keyboard.press('a');
    await pane.getByRole('button', { name: `Assign (now ${ownerName})` }).waitFor();
    await transcript.getByText(`${ownerName} assigned the conversation to themselves`).waitFor();

    // The customer types: the team sees it; the teammate types a reply: the customer sees it.
    const customerSocket = await LiveSocket.open(e2e.server.url, { visitorToken: visitor.token });
    sockets.push(customerSocket);
    customerSocket.send({ type: 'subscribe', conversation_id: conversationId, after: 0 });
    await customerSocket.waitFor((frame) => frame.type === 'subscribed');
    customerSocket.send({ type: 'typing', conversation_id: conversationId });
    await pane.getByText('Vera Lind is typing…').waitFor();

    // Reply with a saved reply found by "#": its placeholders come back filled by the server.
    const reply = pane.getByRole('textbox', { name: 'Reply', exact: true });
    await reply.click();
    await reply.pressSequentially('#gre');
    await pane.getByRole('option', { name: /Greeting/ }).waitFor();
    await reply.press('Enter');
    await expect.poll(() => reply.inputValue()).toBe('Hi Vera, thanks for writing.');
    await customerSocket.waitFor((frame) => frame.type === 'typing' && frame.author.type === 'admin');
    await reply.press('Enter');
    await transcript.getByText('Hi Vera, thanks for writing.').waitFor();
    await pane.getByText('Sent', { exact: true }).waitFor();
    expect(await reply.inputValue()).toBe('');
    const seenByCustomer = await visitor.api.get(`/messenger-api/conversations/${conversationId}`);
    expect(JSON.stringify(seenByCustomer.body)).toContain('thanks for writing');

    // The customer reads it: "Seen", live.
    expect((await visitor.api.post(`/messenger-api/conversations/${conversationId}/seen`)).status).toBe(204);
    await pane.getByText('Seen', { exact: true }).waitFor();

    // Another teammate opens it: the collision indicator names them.
    const agentSocket = await LiveSocket.open(e2e.server.url, { cookie: `fd_session=${agent.cookie('fd_session')}`, origin: e2e.server.url });
    sockets.push(agentSocket);
    agentSocket.send({ type: 'subscribe', conversation_id: conversationId, after: 0 });
    await agentSocket.waitFor((frame) => frame.type === 'subscribed');
    agentSocket.send({ type: 'viewing', conversation_id: conversationId });
    await pane.getByRole('status').getByText('Avery Agent is viewing').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the server takes one signal a second per socket
    agentSocket.send({ type: 'typing', conversation_id: conversationId });
    await pane.getByRole('status').getByText('Avery Agent is typing').waitFor();

    // A note mentioning that teammate: styled as a note, the mention marked, their Mentions inbox counts it.
    await pane.getByRole('tab', { name: 'Note' }).click();
    const note = pane.getByRole('textbox', { name: 'Note', exact: true });
    await note.pressSequentially('@Ave');
    await pane.getByRole('option', { name: /Avery Agent/ }).waitFor();
    await note.press('Enter');
    await note.pressSequentially('can you check the **refund**?');
    await note.press('Enter');
    const sentNote = transcript.locator('.message-note:not(.message-pending)', { hasText: 'can you check the' });
    await sentNote.waitFor();
    expect(await sentNote.locator('strong').textContent()).toBe('refund');
    expect(await sentNote.getByText('@Avery Agent').count()).toBe(1);
    await eventually(
      () => agent.get('/app-api/inbox/views'),
      (response) => response.body.views?.find((view: { kind: string }) => view.kind === 'mentions')?.count === 1,
    );
    const customerView = await visitor.api.get(`/messenger-api/conversations/${conversationId}`);
    expect(JSON.stringify(customerView.body)).not.toContain('can you check');

    // A reply the server does not get shows "Not sent" with Retry; retried, it goes out once.
    await pane.getByRole('tab', { name: 'Reply' }).click();
    let refused = 0;
    await page.route('**/app-api/inbox/conversations/*/reply', (route) => (refused++ === 0 ? route.abort() : route.fallback()));
    await reply.fill('Are you still there?');
    await reply.press('Enter');
    await pane.getByRole('alert').getByText(/^Not sent/).waitFor();
    await pane.getByRole('button', { name: 'Retry' }).click();
    await transcript.locator('.message:not(.message-pending)', { hasText: 'Are you still there?' }).waitFor();
    await page.unroute('**/app-api/inbox/conversations/*/reply');
    expect(await transcript.getByText('Are you still there?').count()).toBe(1);
    // "Sent", or "Seen" when the customer's last read falls in the same second (times are whole seconds).
    await transcript.locator('.message', { hasText: 'Are you still there?' }).locator('.delivery', { hasText: /^(Sent|Seen)$/ }).waitFor();

    // Files go up as soon as they are chosen; an image shows as a preview, anything else as a link.
    await pane.getByLabel('Files to attach').setInputFiles([
      { name: 'label.png', mimeType: 'image/png', buffer: png },
      { name: 'invoice.txt', mimeType: 'text/plain', buffer: Buffer.from('Invoice 42') },
    ]);
    const chips = pane.getByRole('list', { name: 'Files to send' });
    await chips.getByText('label.png').waitFor();
    await expect.poll(() => chips.getByText('uploading').count()).toBe(0);
    await reply.fill('Here is your return label.');
    await reply.press('Enter');
    const withFiles = transcript.locator('.message:not(.message-pending)', { hasText: 'Here is your return label.' });
    await withFiles.getByRole('img', { name: 'label.png' }).waitFor();
    expect(await withFiles.getByRole('link', { name: /invoice\.txt/ }).count()).toBe(1);
    expect(await withFiles.getByRole('img').count()).toBe(1);

    // Tag it, creating the tag by name.
    await pane.getByRole('button', { name: 'Add tag' }).click();
    await pane.getByRole('searchbox', { name: 'Tag name' }).fill('Refund');
    await page.keyboard.press('Enter');
    await pane.getByRole('list', { name: 'Tags' }).getByText('Refund').waitFor();
    await screenshot(page, 'inbox-conversation');

    // A macro that snoozes: previewed first (nothing applied), then applied.
    await pane.getByRole('heading', { name: 'Vera Lind', level: 2 }).click();
    await page.keyboard.press('m');
    await pane.getByRole('dialog', { name: 'Macros' }).getByRole('button', { name: 'Snooze until tomorrow' }).click();
    const preview = pane.getByRole('region', { name: 'Macro preview' });
    await preview.getByText('I will get back to you tomorrow, Vera.').waitFor();
    await preview.getByText(/^Snooze until tomorrow/).waitFor();
    expect(await pane.locator('.state-badge').textContent()).toBe('Open');
    await pane.getByRole('button', { name: 'Apply' }).click();
    await pane.locator('.state-badge', { hasText: /^Snoozed until/ }).waitFor();
    await transcript.getByText('I will get back to you tomorrow, Vera.').waitFor();
    const snoozed = await owner.get(`/app-api/inbox/conversations/${conversationId}`);
    expect(snoozed.body.conversation.state).toBe('snoozed');

    // At tablet width the details column folds away behind a button; nothing overflows sideways.
    await page.setViewportSize({ width: 820, height: 1000 });
    const toggle = pane.getByRole('button', { name: 'Details' });
    await expect.poll(() => details.isVisible()).toBe(false);
    await toggle.click();
    await details.getByRole('heading', { name: 'Contact attributes' }).waitFor();
    await details.getByRole('button', { name: 'Hide details' }).click();
    await expect.poll(() => details.isVisible()).toBe(false);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);

    expect(await pwned(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  test('header actions: priority, a team, snooze presets, close and reopen by keyboard, typed conversation attributes, emoji', async () => {
    const { owner, appId } = await messengerWorkspace(e2e.server.url, 'Actions Ltd');
    expect((await owner.post('/app-api/teams', { name: 'Billing' })).status).toBe(201);
    const declared = await owner.post('/app-api/data-attributes', { name: 'order_number', model: 'conversation', data_type: 'integer' });
    expect(declared.status).toBe(201);
    const visitor = new Visitor(e2e.server.url, appId);
    await visitor.boot({ user_id: 'omar-1', email: uniqueEmail('omar'), name: 'Omar Haddad' });
    const conversationId = (await visitor.write(typedByVisitor('Where is order 1234?'))).body.conversation.id as string;

    const page = await pageAs(owner);
    await page.goto(`${e2e.server.url}/inbox/all/${conversationId}`);
    const pane = page.getByRole('region', { name: 'Conversation with Omar Haddad' });
    const transcript = pane.getByRole('log', { name: 'Conversation transcript' });
    await transcript.getByText('Where is order 1234?').waitFor({ timeout: 15_000 });
    const badge = pane.locator('.state-badge');
    const detail = async () => (await owner.get(`/app-api/inbox/conversations/${conversationId}`)).body;

    const priority = pane.getByRole('button', { name: 'Priority' });
    await priority.click();
    await expect.poll(() => priority.getAttribute('aria-pressed')).toBe('true');
    await transcript.getByText(/marked as priority/).waitFor();

    await pane.getByRole('button', { name: 'Assign (now Unassigned)' }).click();
    await pane.getByRole('dialog', { name: 'Assign' }).getByRole('list', { name: 'Teams' }).getByRole('button', { name: 'Billing' }).click();
    await pane.getByRole('button', { name: 'Assign (now Billing)' }).waitFor();
    await transcript.getByText(/assigned to Billing/).waitFor();

    await pane.getByRole('heading', { name: 'Omar Haddad', level: 2 }).click();
    await page.keyboard.press('s');
    await pane.getByRole('dialog', { name: 'Snooze until' }).getByRole('button', { name: /^Tomorrow/ }).click();
    await badge.filter({ hasText: /^Snoozed until/ }).waitFor();
    expect((await detail()).conversation.state).toBe('snoozed');
    await pane.getByRole('button', { name: 'Unsnooze' }).click();
    await badge.filter({ hasText: /^Open$/ }).waitFor();

    await page.keyboard.press('c');
    await badge.filter({ hasText: /^Closed$/ }).waitFor();
    await transcript.getByText(/closed the conversation/).waitFor();
    await page.keyboard.press('Shift+C');
    await badge.filter({ hasText: /^Open$/ }).waitFor();
    expect((await detail()).conversation.state).toBe('open');

    // A declared integer attribute: refused as text, saved as a number.
    const details = pane.getByRole('complementary', { name: 'Conversation details' });
    await details.getByRole('button', { name: 'Edit order_number' }).click();
    const field = details.getByRole('textbox', { name: 'order_number' });
    await field.fill('twelve');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByRole('alert').getByText('Enter a whole number.').waitFor();
    await field.fill('1234');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByRole('button', { name: 'Edit order_number' }).waitFor();
    expect((await detail()).custom_attributes).toMatchObject({ order_number: 1234 });

    const reply = pane.getByRole('textbox', { name: 'Reply', exact: true });
    await reply.fill('On its way ');
    await pane.getByRole('button', { name: 'Insert emoji' }).click();
    await pane.getByRole('button', { name: 'thumbs up' }).click();
    expect(await reply.inputValue()).toBe('On its way 👍');
  }, 90_000);

  test('every control of the pane has an accessible name', async () => {
    const { owner, appId } = await messengerWorkspace(e2e.server.url, 'Names Inc');
    const visitor = new Visitor(e2e.server.url, appId);
    await visitor.boot({ user_id: 'nia-1', email: uniqueEmail('nia'), name: 'Nia Park' });
    const conversationId = (await visitor.write(typedByVisitor('Hello there'))).body.conversation.id as string;

    const page = await pageAs(owner);
    await page.goto(`${e2e.server.url}/inbox/all/${conversationId}`);
    const pane = page.getByRole('region', { name: 'Conversation with Nia Park' });
    await pane.getByRole('log').getByText('Hello there').waitFor({ timeout: 15_000 });
    await pane.getByRole('complementary').getByRole('heading', { name: 'Nia Park' }).waitFor();

    const unnamed = async (scope: Locator) =>
      scope.evaluate((root) =>
        Array.from(root.querySelectorAll('button, input, textarea, select, a[href], [role="tab"], [role="option"]'))
          .filter((element: any) => {
            if (element.type === 'hidden' || element.hidden) return false;
            const labelled = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || element.labels?.length;
            return !labelled && !(element.textContent ?? '').trim() && !element.getAttribute('title');
          })
          .map((element: any) => element.outerHTML.slice(0, 120)),
      );
    expect(await unnamed(pane)).toEqual([]);
    for (const menu of ['Snooze', 'Add tag', 'Macros', 'Insert emoji']) {
      await pane.getByRole('button', { name: menu, exact: true }).click();
      expect(await unnamed(pane)).toEqual([]);
      await page.keyboard.press('Escape');
    }
  }, 60_000);
});
