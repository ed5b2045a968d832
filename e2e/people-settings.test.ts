import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserTests, chromiumAvailable, e2eRequired, type Viewport } from './support/chromium.ts';
import { enrollTwoFactor, expectAppShell, newAccount, openNav, screenshot, signUp } from './support/flows.ts';
import { freshTotpCode } from './support/totp.ts';

/** The Inbox's own API with the page's cookies (and CSRF token), for seeding what a test does not click through. */
async function appApi<T = any>(context: BrowserContext, baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const cookies = await context.cookies(baseUrl);
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; '),
      'x-csrf-token': cookies.find((cookie) => cookie.name === 'fd_csrf')?.value ?? '',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function restApi(baseUrl: string, token: string, path: string, body: unknown) {
  const response = await fetch(`${baseUrl}/api${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST /api${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as { id: string };
}

/** A developer's endpoint on 127.0.0.1 that accepts every webhook. */
function startReceiver(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      received.push(raw);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received,
        close: () => {
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);

describe.skipIf(!chromiumAvailable && !e2eRequired)('contacts, companies and people settings in the Inbox', () => {
  const e2e = browserTests({ viewport: { width: 1280, height: 900 }, env: { OUTBOUND_ALLOWLIST: '127.0.0.1' } });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  async function newPage(viewport?: Viewport) {
    const context = await e2e.newContext(viewport);
    return { context, page: await context.newPage() };
  }

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  test('a teammate filters contacts, saves a segment, opens a contact and edits an attribute', async () => {
    const { context, page } = await newPage();
    await signUp(page, e2e.server.url, newAccount('Curator'));
    const token = (await appApi<{ token: string }>(context, e2e.server.url, 'POST', '/app-api/api-tokens', { name: 'seed' })).token;
    await appApi(context, e2e.server.url, 'POST', '/app-api/data-attributes', { name: 'plan', model: 'contact', data_type: 'options', options: ['free', 'pro'] });
    await appApi(context, e2e.server.url, 'POST', '/app-api/data-attributes', { name: 'seats', model: 'contact', data_type: 'integer' });
    const ada = await restApi(e2e.server.url, token, '/contacts', { role: 'user', email: 'ada@analytical.test', name: 'Ada Lovelace', custom_attributes: { plan: 'pro', seats: 12 } });
    await restApi(e2e.server.url, token, '/contacts', { role: 'user', email: 'alan@bletchley.test', name: 'Alan Turing', custom_attributes: { plan: 'pro', seats: 3 } });
    await restApi(e2e.server.url, token, '/contacts', { role: 'user', email: 'grace@navy.test', name: 'Grace Hopper', custom_attributes: { plan: 'free', seats: 1 } });
    await restApi(e2e.server.url, token, '/contacts', { role: 'lead', email: 'visitor@unknown.test', name: 'Curious Visitor' });
    const company = await restApi(e2e.server.url, token, '/companies', { company_id: 'c-analytical', name: 'Analytical Engines', plan: 'Enterprise' });
    await restApi(e2e.server.url, token, `/contacts/${ada.id}/companies`, { id: company.id });
    await restApi(e2e.server.url, token, '/events', { event_name: 'invoice-paid', id: ada.id, metadata: { amount: 42 } });

    await openNav(page, 'Contacts');
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    const rows = page.getByRole('table', { name: 'Contacts' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);

    // Users only, then those on the pro plan.
    await page.getByLabel('Type', { exact: true }).selectOption('user');
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByRole('button', { name: 'Add attribute filter' }).click();
    await page.getByLabel('Condition 1 attribute').selectOption('custom_attributes.plan');
    await page.getByLabel('Condition 1 value').selectOption('pro');
    await expect.poll(() => rows.count()).toBe(2);
    expect((await rows.allInnerTexts()).join('\n')).toContain('Ada Lovelace');
    // Name or email narrows it further, then widens again.
    await page.getByLabel('Name or email').fill('bletchley');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Name or email').fill('');
    await expect.poll(() => rows.count()).toBe(2);
    await screenshot(page, 'contacts');

    await page.getByRole('button', { name: 'Save as segment' }).click();
    await page.getByLabel('Segment name').fill('Pro users');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByText('Saved the segment “Pro users” (2 contacts).').waitFor();
    expect(await page.getByLabel('Segment', { exact: true }).locator('option:checked').textContent()).toBe('Pro users');
    await expect.poll(() => rows.count()).toBe(2);
    const segments = await appApi<{ segments: { name: string; count: number }[] }>(context, e2e.server.url, 'GET', '/app-api/segments?include_count=true');
    expect(segments.segments).toEqual([expect.objectContaining({ name: 'Pro users', person_type: 'user', count: 2 })]);

    // At tablet width the list still fits.
    await page.setViewportSize({ width: 820, height: 1000 });
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(820);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    expect(await page.getByTestId('attribute-plan').textContent()).toBe('pro');
    expect(await page.getByRole('link', { name: 'Analytical Engines' }).isVisible()).toBe(true);
    await page.getByText('invoice-paid').waitFor();
    await page.getByRole('button', { name: 'Edit attributes' }).click();
    await page.getByLabel('plan', { exact: true }).selectOption('free');
    await page.getByLabel('seats', { exact: true }).fill('2.5');
    await page.getByRole('button', { name: 'Save attributes' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('seats');
    await page.getByLabel('seats', { exact: true }).fill('20');
    await page.getByRole('button', { name: 'Save attributes' }).click();
    await expect.poll(() => page.getByTestId('attribute-plan').textContent()).toBe('free');
    expect(await page.getByTestId('attribute-seats').textContent()).toBe('20');
    const profile = await appApi<{ custom_attributes: Record<string, unknown> }>(context, e2e.server.url, 'GET', `/app-api/contacts/${ada.id}`);
    expect(profile.custom_attributes).toEqual({ plan: 'free', seats: 20 });

    // A tag and a note on the contact.
    await page.getByLabel('Add a tag').fill('Engineer');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('button', { name: 'Remove tag Engineer' }).waitFor();
    await page.getByLabel('New note').fill('Prefers email. <img src=x onerror=alert(1)>');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('list', { name: 'Notes on this contact' }).getByText('Prefers email.').waitFor();
    expect(await page.locator('.people-note-body img').count()).toBe(0);

    // The company page lists its people.
    await page.getByRole('link', { name: 'Analytical Engines' }).click();
    await page.getByRole('heading', { name: 'Analytical Engines', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'People in Analytical Engines' }).getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await openNav(page, 'Companies');
    await page.getByLabel('Company name').fill('engines');
    await expect.poll(() => page.getByRole('table', { name: 'Companies' }).locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Company name').fill('nothing like it');
    await page.getByText('No companies match these filters').waitFor();
  });

  test('an admin creates a tag and a team, and a webhook with its delivery log', async () => {
    const { context, page } = await newPage();
    const admin = newAccount('Settler');
    await signUp(page, e2e.server.url, admin);

    await openNav(page, 'Tags');
    await page.getByText('No tags yet').waitFor();
    await page.getByLabel('Tag name').fill('Churn risk');
    await page.getByRole('button', { name: 'Create tag' }).click();
    await page.getByRole('button', { name: 'Rename Churn risk' }).click();
    await page.getByLabel('New name for Churn risk').fill('At risk');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Delete At risk' }).waitFor();
    const tags = await appApi<{ tags: { name: string }[] }>(context, e2e.server.url, 'GET', '/app-api/tags');
    expect(tags.tags.map((tag) => tag.name)).toEqual(['At risk']);

    await openNav(page, 'Teams');
    await page.getByText('No teams yet').waitFor();
    await page.getByLabel('Team name').fill('Billing');
    await page.getByRole('group', { name: 'Members of the new team' }).getByLabel(admin.name).check();
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('list', { name: 'Teams' }).getByRole('heading', { name: 'Billing' }).waitFor();
    const teams = await appApi<{ teams: { name: string; admin_ids: string[] }[] }>(context, e2e.server.url, 'GET', '/app-api/teams');
    expect(teams.teams).toEqual([expect.objectContaining({ name: 'Billing', admin_ids: [expect.any(String)] })]);

    await openNav(page, 'Webhooks');
    await page.getByLabel('Endpoint URL').fill(`${receiver.url}/hooks`);
    await page.getByLabel('All contacts topics').check();
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: "I've saved it" }).click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    // An event the webhook subscribes to, then a test ping from the webhook's page.
    const token = (await appApi<{ token: string }>(context, e2e.server.url, 'POST', '/app-api/api-tokens', { name: 'seed' })).token;
    await restApi(e2e.server.url, token, '/contacts', { role: 'user', email: 'hooked@example.test', name: 'Hooked User' });
    await page.getByRole('link', { name: `Deliveries and settings of ${receiver.url}/hooks` }).click();
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
    await page.getByRole('button', { name: 'Send a test ping' }).click();
    const log = page.getByRole('table', { name: 'Delivery attempts, newest first' });
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh log' }).click();
          return log.locator('tbody tr').count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(2);
    expect(await log.textContent()).toContain('contact.user.created');
    expect(await log.textContent()).toContain('Delivered');
    await log.getByRole('button', { name: /^Details of contact.user.created/ }).first().click();
    expect(await log.locator('.people-delivery-details').textContent()).toContain('hooked@example.test');
    await screenshot(page, 'settings-webhooks');
    const before = receiver.received.length;
    await log.getByRole('button', { name: 'Redeliver contact.user.created notification' }).first().click();
    await page.getByText(/Redelivery of contact.user.created queued/).waitFor();
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBeGreaterThan(before);
  });

  test('requiring two-factor sends a teammate without it to enrolment, then lets them back in', async () => {
    const used = new Set<string>();
    const { context: ownerContext, page: owner } = await newPage();
    const ownerAccount = newAccount('Guardian');
    await signUp(owner, e2e.server.url, ownerAccount);
    const invitee = newAccount('Newcomer');
    const invite = await appApi<{ invite_url: string }>(ownerContext, e2e.server.url, 'POST', '/app-api/invites', { email: invitee.email, role: 'agent' });

    const { page: agent } = await newPage({ width: 820, height: 1000 });
    await agent.goto(`${e2e.server.url}${new URL(invite.invite_url).pathname}`);
    await agent.getByLabel('Your name').fill(invitee.name);
    await agent.getByLabel('Password', { exact: true }).fill(invitee.password);
    await agent.getByRole('button', { name: 'Accept invite' }).click();
    await expectAppShell(agent, invitee);

    // The owner can't require what they don't have; with two-factor on, they can.
    await openNav(owner, 'Security');
    await owner.getByText(/Turn on two-factor authentication for/).waitFor();
    await enrollTwoFactor(owner, (secret) => freshTotpCode(secret, used));
    await openNav(owner, 'Security');
    await owner.getByLabel('Require two-factor authentication for everyone in this workspace').check();
    await owner.getByRole('button', { name: 'Save security settings' }).click();
    await owner.getByText('Two-factor authentication is now required in this workspace.').waitFor();
    await owner.getByText(invitee.email).waitFor();

    // The agent's next request is refused; the Inbox shows the way to enrolment and nothing else.
    await openNav(agent, 'Contacts');
    await agent.getByRole('heading', { name: `${ownerAccount.workspace} requires two-factor authentication` }).waitFor({ timeout: 10_000 });
    expect(await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).count()).toBe(0);
    await agent.goto(`${e2e.server.url}/settings/tags`);
    await agent.getByRole('heading', { name: `${ownerAccount.workspace} requires two-factor authentication` }).waitFor();
    await screenshot(agent, 'two-factor-required');
    await agent.getByRole('link', { name: 'Set up two-factor authentication' }).click();
    await agent.getByText(`${ownerAccount.workspace} requires two-factor authentication. Set it up below to use the Inbox.`).waitFor();
    await enrollTwoFactor(agent, (secret) => freshTotpCode(secret, used));
    // Enrolled: the rest of the Inbox is back.
    await openNav(agent, 'Contacts');
    await agent.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await agent.getByText('No contacts yet').waitFor();
  });
});
