
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browser as newClient, goodPassword, type HttpClient, uniqueEmail } from '../apps/server/test/http-client.ts';
import { conversationFrom, inboxWorkspace, restrictedAgent } from '../apps/server/test/inbox-support.ts';
import { browserTests, chromiumAvailable, e2eRequired } from './support/chromium.ts';
import { CustomerSite } from './support/customer-site.ts';
import { screenshot, submitLogin } from './support/flows.ts';

const messenger = (page: Page): FrameLocator => page.frameLocator('iframe[data-frontdesk-messenger]');
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
/** A view in the sidebar, whatever its count says ("Unassigned (1 open)"). */
const viewLink = (page: Page, name: string) => mainNav(page).getByRole('link', { name: new RegExp(`^${name}( \\(|$)`) });
const rows = (page: Page) => page.locator('.conversation-rows');
const row = (page: Page, name: string | RegExp) => rows(page).getByRole('link', { name });
const pane = (page: Page) => page.getByRole('region', { name: /^Conversation with/ });

async function signIn(page: Page, baseUrl: string, client: HttpClient): Promise<void> {
  const email = (await client.get('/app-api/session')).body.teammate.email as string;
  try {
    await submitLogin(page, baseUrl, { email, password: goodPassword });
  } catch (error) {
    console.log('DEBUGLOGIN', page.url(), (await page.content()).slice(0, 3000));
    throw error;
  }
  await page.getByRole('button', { name: 'Log out' }).waitFor({ timeout: 15_000 });
}

/** The visitor writes in the Messenger; resolves once their message shows in its transcript. */
async function visitorSays(page: Page, text: string): Promise<void> {
  const frame = messenger(page);
  const composer = frame.getByRole('textbox', { name: 'Write a message…' });
  await composer.fill(text);
  await composer.press('Enter');
  await frame.getByRole('log').getByText(text, { exact: false }).first().waitFor({ timeout: 15_000 });
}

async function pressKeys(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
}

/** Moves focus out of any field (shortcuts are ignored while typing). */
async function leaveFields(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as any).document.activeElement?.blur());
}

describe.skipIf(!chromiumAvailable && !e2eRequired)('the Inbox, live', () => {
  const e2e = browserTests();
  const { newPage } = e2e;
  const site = new CustomerSite();
  beforeAll(() => site.start());
  afterAll(() => site.stop());

  test('a visitor writes in; the teammate assigns, replies with a saved reply, notes, tags, snoozes by macro, closes and finds it again', async () => {
    const acme = await inboxWorkspace(e2e.server, 'Acme Support');
    const appId = (await acme.owner.get('/app-api/messenger/settings')).body.app_id as string;

    // A second teammate to mention, a saved reply and a macro, made through the API first.
    const invite = await acme.owner.post('/app-api/invites', { email: uniqueEmail('max'), role: 'agent' });
    const max = await newClient(e2e.server.url);
    const joined = await max.post(`/app-api/invites/${String(invite.body.invite_url).split('/').pop()}/accept`, { name: 'Max Mentioned', password: goodPassword });
    expect(joined.status).toBe(200);
    const savedReply = await acme.owner.post('/app-api/saved-replies', {
      name: 'Parcel on its way',
      shortcut: 'parcel',
      body: 'Hi {{contact.first_name | "there"}}, your parcel left our warehouse and arrives within 2 days.',
    });
    expect(savedReply.status).toBe(201);
    const macro = await acme.owner.post('/app-api/macros', { name: 'Wait for the courier', actions: [{ type: 'snooze', duration: 'tomorrow' }] });
    expect(macro.status).toBe(201);

    // The teammate signs in and opens Unassigned, which is empty.
    const page = await newPage();
    await signIn(page, e2e.server.url, acme.owner);
    await viewLink(page, 'All').waitFor();
    await viewLink(page, 'Unassigned').click();
    await page.getByRole('heading', { name: 'Unassigned', level: 1 }).waitFor();
    await page.getByText('No open conversations').waitFor();
    await page.evaluate(() => {
      (globalThis as any).sameDocument = true;
    });

    // A visitor on the customer's website (another origin) writes in the Messenger.
    const visitor = await newPage();
    await visitor.goto(site.page('/shop', { app_id: appId, user_id: 'cust-1', email: uniqueEmail('ada'), name: 'Ada Lovelace' }, `${e2e.server.url}/widget/${appId}`));
    const launcher = messenger(visitor).getByRole('button', { name: /^Open the Messenger/ });
    await launcher.waitFor({ timeout: 15_000 });
    await launcher.click();
    await messenger(visitor).getByRole('button', { name: /Send us a message/ }).click();
    await visitorSays(visitor, 'Hello! My parcel never arrived, order 5521.');

    // It appears in Unassigned without a reload, unread, and the count follows.
    const adaRow = row(page, /Ada Lovelace/);
    await adaRow.waitFor({ timeout: 15_000 });
    expect(await adaRow.textContent()).toContain('My parcel never arrived');
    expect(await adaRow.textContent()).toContain('unread');
    await mainNav(page).getByRole('link', { name: 'Unassigned (1 open)' }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as any).sameDocument)).toBe(true);
    await screenshot(page, 'inbox-unassigned');

    // Opened, it is marked read; "a" assigns it to me and it leaves Unassigned live.
    await adaRow.click();
    await pane(page).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/inbox\/unassigned\/[\w-]+$/);
    const conversationId = new URL(page.url()).pathname.split('/').pop() as string;
    await pane(page).getByRole('toolbar', { name: 'Conversation actions' }).waitFor();
    await leaveFields(page);
    await page.keyboard.press('a');
    await expect.poll(async () => (await acme.owner.get(`/app-api/inbox/conversations/${conversationId}`)).body.conversation?.admin_assignee_id, { timeout: 10_000 }).toBe(acme.ownerId);
    await expect.poll(() => adaRow.count(), { timeout: 10_000 }).toBe(0);

    // A reply from the saved reply, placeholders filled ("#parcel", Enter picks it, Enter sends).
    await leaveFields(page);
    await page.keyboard.press('r');
    const reply = page.getByRole('textbox', { name: 'Reply', exact: true });
    await reply.pressSequentially('#parcel');
    await page.getByRole('listbox', { name: 'Saved replies' }).getByRole('option', { name: /Parcel on its way/ }).waitFor();
    await reply.press('Enter');
    await expect.poll(() => reply.inputValue(), { timeout: 10_000 }).toContain('Hi Ada, your parcel left our warehouse');
    await reply.press('Enter');
    await pane(page).getByText('your parcel left our warehouse').first().waitFor();

    // The visitor sees the reply live.
    await messenger(visitor).getByRole('log').getByText('your parcel left our warehouse', { exact: false }).waitFor({ timeout: 15_000 });

    // A note that mentions Max: he gets it in Mentions; the visitor never sees it.
    await page.getByRole('tab', { name: 'Note' }).click();
    const note = page.getByRole('textbox', { name: 'Note', exact: true });
    await note.pressSequentially('Looping in @Max');
    await page.getByRole('listbox', { name: 'Teammates to mention' }).getByRole('option', { name: /Max Mentioned/ }).waitFor();
    await note.press('Enter');
    await note.pressSequentially('can you call the courier?');
    await note.press('Enter');
    await pane(page).getByText('can you call the courier?').waitFor();
    await expect
      .poll(async () => ((await max.get('/app-api/inbox/views')).body.views as { id: string; count: number }[]).find((view) => view.id === 'mentions')?.count, { timeout: 10_000 })
      .toBe(1);

    // Tagged.
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByLabel('Tag name').fill('delivery');
    await page.getByLabel('Tag name').press('Enter');
    await pane(page).getByRole('list', { name: 'Tags' }).getByText('delivery').waitFor();
    await screenshot(page, 'inbox-assigned-conversation');

    // A macro snoozes it, after a preview.
    await page.getByRole('button', { name: 'Macros' }).click();
    await page.getByRole('button', { name: 'Wait for the courier' }).click();
    await page.getByRole('region', { name: 'Macro preview' }).getByText(/snooze/i).waitFor();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await acme.owner.get(`/app-api/inbox/conversations/${conversationId}`)).body.conversation?.state, { timeout: 10_000 }).toBe('snoozed');
    expect(await messenger(visitor).getByRole('log').textContent()).not.toContain('courier');

    // In "Your inbox" it waits under Snoozed; the visitor answers and it wakes into Open, live.
    await viewLink(page, 'Your inbox').click();
    await page.getByRole('heading', { name: 'Your inbox', level: 1 }).waitFor();
    await page.getByText('No open conversations').waitFor();
    await page.getByRole('tab', { name: 'Snoozed' }).click();
    await row(page, /Ada Lovelace/).waitFor();
    await page.getByRole('tab', { name: 'Open' }).click();
    await page.getByText('No open conversations').waitFor();

    // Notifications, asked for from the button; while the tab is hidden, news in my inbox also counts
    // in the title, and the count clears when the teammate comes back.
    await page.context().grantPermissions(['notifications'], { origin: e2e.server.url });
    await page.getByRole('button', { name: 'Enable notifications' }).click();
    await page.getByRole('button', { name: 'Enable notifications' }).waitFor({ state: 'detached' });
    await page.evaluate(() => {
      const g = globalThis as any;
      g.notifications = [];
      g.Notification = class {
        static permission = 'granted';
        constructor(title: string, options?: { body?: string }) {
          g.notifications.push({ title, body: options?.body });
        }
        close() {}
      };
      Object.defineProperty(g.document, 'hidden', { configurable: true, get: () => true });
      g.document.dispatchEvent(new g.Event('visibilitychange'));
    });
    await visitorSays(visitor, 'Thanks! Still nothing at my door though.');
    await row(page, /Ada Lovelace/).waitFor({ timeout: 15_000 });
    expect(await row(page, /Ada Lovelace/).textContent()).toContain('Still nothing at my door');
    await expect.poll(() => page.title()).toBe('(1) Your inbox · Frontdesk');
    expect(await page.evaluate(() => (globalThis as any).notifications)).toEqual([
      { title: 'New message from Ada Lovelace', body: 'Thanks! Still nothing at my door though.' },
    ]);
    await page.evaluate(() => {
      const g = globalThis as any;
      Object.defineProperty(g.document, 'hidden', { configurable: true, get: () => false });
      g.document.dispatchEvent(new g.Event('visibilitychange'));
    });
    await expect.poll(() => page.title()).toBe('Your inbox · Frontdesk');

    // Opened with the keyboard (j, Enter), then closed: it leaves Open, and shows under Closed.
    await leaveFields(page);
    await pressKeys(page, 'j', 'Enter');
    await pane(page).waitFor();
    await pane(page).getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => row(page, /Ada Lovelace/).count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('tab', { name: 'Closed' }).click();
    await row(page, /Ada Lovelace/).waitFor();

    // Ctrl-K finds it by a word of the transcript, highlighted, and Enter opens it.
    await leaveFields(page);
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Search conversations, contacts and companies' });
    await search.fill('courier');
    const found = page.getByRole('listbox', { name: 'Results' }).getByRole('option', { name: /Ada Lovelace/ });
    await found.first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('listbox', { name: 'Results' }).locator('mark').first().textContent()).toMatch(/courier/i);
    await screenshot(page, 'inbox-search');
    await search.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(new RegExp(`/${conversationId}$`));
    await pane(page).waitFor();

    // A hostile message shows as text and runs nothing, in the list and in the transcript.
    const hostile = '<img src=x onerror="window.pwned=1">';
    await visitorSays(visitor, hostile);
    await pane(page).getByText(hostile).waitFor({ timeout: 15_000 });
    // (It reopened the closed conversation: back on the Open tab, where it now shows as text too.)
    await page.getByRole('tab', { name: 'Open' }).click();
    await row(page, /Ada Lovelace/).getByText(hostile).waitFor({ timeout: 15_000 });
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).pwned)).toBeUndefined();
    expect(await visitor.evaluate(() => (globalThis as any).pwned)).toBeUndefined();
    expect(await page.evaluate(() => (globalThis as any).sameDocument)).toBe(true);

    // Every shortcut is listed on "?".
    await leaveFields(page);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const action of ['Next conversation', 'Open the selected conversation', 'Go to Unassigned', 'Search (command palette)']) {
      await help.getByRole('cell', { name: action }).waitFor();
    }
    await screenshot(page, 'inbox-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  }, 180_000);

  test('an agent without "see all conversations" does not see another team\'s conversation', async () => {
    const acme = await inboxWorkspace(e2e.server, 'Acme Teams');
    const team = await acme.owner.post('/app-api/teams', { name: 'Billing', admin_ids: [acme.ownerId] });
    expect(team.status).toBe(201);
    const billing = await conversationFrom(acme, 'Please refund invoice 7781', { name: 'Bill Payer' });
    await conversationFrom(acme, 'How do I reset my password?', { name: 'Pat Public' });
    expect((await acme.owner.post(`/app-api/inbox/conversations/${billing.conversationId}/assign`, { team_id: team.body.id })).status).toBe(200);
    const { agent } = await restrictedAgent(e2e.server, acme);

    const page = await newPage();
    await signIn(page, e2e.server.url, agent);
    await viewLink(page, 'All').click();
    await row(page, /Pat Public/).waitFor();
    expect(await row(page, /Bill Payer/).count()).toBe(0);
    expect(await viewLink(page, 'Billing').count()).toBe(0);

    // Its address opens nothing, and search does not reveal it.
    await page.goto(`${e2e.server.url}/inbox/all/${billing.conversationId}`);
    await page.getByText('This conversation could not be opened').waitFor({ timeout: 15_000 });
    await leaveFields(page);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Search conversations, contacts and companies' }).fill('invoice');
    await page.getByText('Nothing matches “invoice”.').waitFor({ timeout: 15_000 });
  }, 90_000);

  test('the current filters, adjusted, are saved as a view for the workspace', async () => {
    const acme = await inboxWorkspace(e2e.server, 'Acme Views');
    const urgent = await conversationFrom(acme, 'The checkout is down!', { name: 'Una Urgent' });
    await conversationFrom(acme, 'Do you ship to Norway?', { name: 'Calm Carl' });
    expect((await acme.owner.post(`/app-api/inbox/conversations/${urgent.conversationId}/priority`, { priority: true })).status).toBe(200);

    const page = await newPage();
    await signIn(page, e2e.server.url, acme.owner);
    await viewLink(page, 'Unassigned').click();
    await row(page, /Calm Carl/).waitFor();
    await page.getByRole('button', { name: 'Save as view' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as a view' });
    await dialog.getByLabel('Name').fill('Urgent and unassigned');
    expect(await dialog.getByLabel('Assigned to').inputValue()).toBe('none');
    await dialog.getByLabel('Priority').selectOption('true');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('heading', { name: 'Urgent and unassigned', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/inbox\/view(:|%3A)\d+$/);
    await viewLink(page, 'Urgent and unassigned').waitFor();
    await row(page, /Una Urgent/).waitFor();
    expect(await row(page, /Calm Carl/).count()).toBe(0);
    expect(await row(page, /Una Urgent/).getByText('priority').count()).toBe(1);
    await screenshot(page, 'inbox-saved-view');
  }, 60_000);

  test('at tablet width the list and the conversation stack', async () => {
    const acme = await inboxWorkspace(e2e.server, 'Acme Tablet');
    await conversationFrom(acme, 'Can I change my delivery address?', { name: 'Tab Let' });
    const page = await newPage({ width: 820, height: 1180 });
    await signIn(page, e2e.server.url, acme.owner);
    await viewLink(page, 'Unassigned').click();
    const tabRow = row(page, /Tab Let/);
    await tabRow.waitFor();
    await screenshot(page, 'inbox-tablet-list');
    await tabRow.click();
    await pane(page).waitFor();
    expect(await rows(page).isVisible()).toBe(false);
    await screenshot(page, 'inbox-tablet-conversation');
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await tabRow.waitFor();
    expect(await pane(page).count()).toBe(0);

    // Away mode is a switch in the sidebar, saved on the server: it survives a reload, and the
    // teammate's other sessions see it.
    const away = page.getByRole('switch', { name: 'Away mode' });
    expect(await away.getAttribute('aria-checked')).toBe('false');
    await away.click();
    await page.getByLabel('Reassign new replies to unassigned').waitFor();
    await page.reload();
    expect(await page.getByRole('switch', { name: 'Away mode' }).getAttribute('aria-checked')).toBe('true');
    expect((await acme.owner.get('/app-api/session')).body.away_mode).toMatchObject({ away_mode_enabled: true });
  }, 60_000);
});

