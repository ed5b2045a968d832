import { fileURLToPath } from 'node:url';
import type { MessengerSettings } from '@frontdesk/api-types';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserTests, chromiumAvailable, e2eRequired } from './support/chromium.ts';
import { expectAppShell, inviteTeammate, newAccount, openNav, signUp } from './support/flows.ts';

/** What the Inbox's own session reads from the settings API (same cookies as the page). */
async function settingsFromApi(page: Page): Promise<MessengerSettings> {
  return page.evaluate(async () => {
    const response = await fetch('/app-api/messenger/settings', { headers: { Accept: 'application/json' } });
    return (await response.json()) as MessengerSettings;
  });
}

/** The launcher's distance from the preview page's edges, in CSS pixels. */
async function launcherOffsets(launcher: Locator): Promise<{ left: number; right: number; bottom: number }> {
  return launcher.evaluate((element) => {
    const page = element.closest('[data-testid="messenger-preview"]');
    if (!page) throw new Error('the launcher is outside the preview');
    const box = element.getBoundingClientRect();
    const frame = page.getBoundingClientRect();
    const inner = { left: frame.left + page.clientLeft, top: frame.top + page.clientTop };
    return {
      left: Math.round(box.left - inner.left),
      right: Math.round(inner.left + page.clientWidth - box.right),
      bottom: Math.round(inner.top + page.clientHeight - box.bottom),
    };
  });
}

// The e2e project has no DOM typings: reach the browser's globals through the element.
const backgroundOf = (locator: Locator) =>
  locator.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).backgroundColor);

async function openMessengerSettings(page: Page): Promise<void> {
  await openNav(page, 'Messenger');
  await page.getByRole('heading', { name: 'Messenger', level: 1 }).waitFor();
  await page.getByLabel('Action color', { exact: true }).waitFor({ timeout: 10_000 });
}

describe.skipIf(!chromiumAvailable && !e2eRequired)('Messenger settings in the Inbox', () => {
  const e2e = browserTests({ viewport: { width: 1280, height: 900 } });
  const { newPage } = e2e;

  test('an owner restyles the Messenger, sees it in the preview before saving, and the API returns what was saved', async () => {
    const page = await newPage();
    await signUp(page, e2e.server.url, newAccount('Stylist'));
    await openMessengerSettings(page);

    const saved = await settingsFromApi(page);
    expect(await page.getByTestId('messenger-snippet').textContent()).toContain(`/widget/${saved.app_id}`);
    expect(await page.getByTestId('messenger-app-id').textContent()).toBe(saved.app_id);

    const launcher = page.getByTestId('messenger-preview-launcher');
    const actionColor = page.getByLabel('Action color', { exact: true });
    expect(await actionColor.inputValue()).toBe(saved.customization.action_color);
    expect(await launcherOffsets(launcher)).toMatchObject({ right: 20, bottom: 20 });

    // Every change shows in the preview at once, before anything is saved.
    await actionColor.fill('#e11d48');
    expect(await backgroundOf(launcher)).toBe('rgb(225, 29, 72)');
    await page.getByRole('radio', { name: 'Left' }).check();
    expect((await launcherOffsets(launcher)).left).toBe(20);
    await page.getByLabel('Horizontal padding').fill('48');
    await page.getByLabel('Vertical padding').fill('32');
    expect(await launcherOffsets(launcher)).toMatchObject({ left: 48, bottom: 32 });
    await page.getByLabel('Greeting').fill('Welcome to Acme');
    expect(await page.getByTestId('messenger-preview-greeting').textContent()).toBe('Welcome to Acme');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByTestId('messenger-preview-panel').getByText('Envoyez-nous un message').waitFor();
    expect((await settingsFromApi(page)).customization.action_color).toBe(saved.customization.action_color);

    // Leaving with unsaved changes asks first; dismissing keeps the teammate on the page.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await openNav(page, 'Account');
    expect(new URL(page.url()).pathname).toBe('/settings/messenger');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Messenger settings saved.').waitFor();
    // The window, not the full page: the form beside its sticky preview, as a teammate sees it.
    await page.getByRole('heading', { name: 'Appearance' }).evaluate((heading) => {
      heading.scrollIntoView();
      heading.ownerDocument.defaultView?.scrollBy(0, -24);
    });
    await page.screenshot({ path: fileURLToPath(new URL('../docs/screenshots/messenger-settings.png', import.meta.url)) });

    await page.reload();
    await page.getByLabel('Action color', { exact: true }).waitFor();
    expect(await page.getByLabel('Action color', { exact: true }).inputValue()).toBe('#e11d48');
    expect(await page.getByRole('radio', { name: 'Left' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Horizontal padding').inputValue()).toBe('48');
    expect(await page.getByLabel('Greeting').inputValue()).toBe('Welcome to Acme');
    expect(await backgroundOf(launcher)).toBe('rgb(225, 29, 72)');
    expect((await settingsFromApi(page)).customization).toMatchObject({
      action_color: '#e11d48',
      alignment: 'left',
      horizontal_padding: 48,
      vertical_padding: 32,
      greeting: 'Welcome to Acme',
      locale: 'fr',
    });

    // At tablet width the page still fits: one column, preview first, no sideways scrolling.
    await page.setViewportSize({ width: 820, height: 1100 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await page.getByTestId('messenger-preview').isVisible()).toBe(true);
  }, 90_000);

  test('an invalid color is refused next to the field and nothing is stored', async () => {
    const page = await newPage();
    await signUp(page, e2e.server.url, newAccount('Careless'));
    await openMessengerSettings(page);
    const before = (await settingsFromApi(page)).customization.action_color;

    const actionColor = page.getByLabel('Action color', { exact: true });
    await actionColor.fill('not-a-color');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const fieldError = page.locator('#messenger-customization-action_color-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('not a CSS color');
    expect(await actionColor.getAttribute('aria-invalid')).toBe('true');
    expect(await actionColor.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByRole('alert').first().textContent()).toContain('Not saved');
    expect((await settingsFromApi(page)).customization.action_color).toBe(before);

    // Correcting the field clears its error; the save then goes through.
    await actionColor.fill('rebeccapurple');
    expect(await fieldError.count()).toBe(0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Messenger settings saved.').waitFor();
    expect((await settingsFromApi(page)).customization.action_color).toBe('rebeccapurple');
  }, 60_000);

  test('an identity secret is shown once, enforcement needs it, and a new one replaces it after a warning', async () => {
    const page = await newPage();
    await signUp(page, e2e.server.url, newAccount('Verifier'));
    await openMessengerSettings(page);

    await page.getByRole('button', { name: 'Generate secret', exact: true }).click();
    const shown = page.getByTestId('identity-secret');
    await shown.waitFor();
    const first = (await shown.textContent())?.trim() ?? '';
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await page.getByRole('button', { name: 'Copy secret' }).isVisible()).toBe(true);
    expect((await settingsFromApi(page)).identity_verification.has_secret).toBe(true);

    await page.getByLabel('Enforce identity verification').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Messenger settings saved.').waitFor();
    expect((await settingsFromApi(page)).identity_verification).toEqual({ enforced: true, has_secret: true });

    // Once gone from the screen, the secret cannot be shown again.
    await page.reload();
    await page.getByLabel('Action color', { exact: true }).waitFor();
    expect(await page.getByTestId('identity-secret').count()).toBe(0);
    expect(await page.getByText(first).count()).toBe(0);
    expect(await page.getByLabel('Enforce identity verification').isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Generate a new secret' }).click();
    await page.getByText('The current secret stops working at once').waitFor();
    await page.getByRole('button', { name: 'Replace the secret' }).click();
    await shown.waitFor();
    const second = (await shown.textContent())?.trim() ?? '';
    expect(second).not.toBe(first);
    expect(await page.getByText('the previous secret no longer works').isVisible()).toBe(true);
  }, 60_000);

  test('a teammate without the manage settings permission sees the settings read-only', async () => {
    const ownerPage = await newPage();
    const owner = newAccount('Admin');
    const agent = newAccount('Agent');
    await signUp(ownerPage, e2e.server.url, owner);
    const inviteUrl = await inviteTeammate(ownerPage, agent.email);

    const agentPage = await newPage();
    await agentPage.goto(`${e2e.server.url}${new URL(inviteUrl, e2e.server.url).pathname}`);
    await agentPage.getByLabel('Your name').fill(agent.name);
    await agentPage.getByLabel('Password', { exact: true }).fill(agent.password);
    await agentPage.getByRole('button', { name: 'Accept invite' }).click();
    await expectAppShell(agentPage, agent);

    await openMessengerSettings(agentPage);
    await agentPage.getByText('You can look at these settings but not change them').waitFor();
    expect(await agentPage.getByTestId('messenger-snippet').isVisible()).toBe(true);
    expect(await agentPage.getByLabel('Action color', { exact: true }).isDisabled()).toBe(true);
    expect(await agentPage.getByLabel('Enforce identity verification').isDisabled()).toBe(true);
    expect(await agentPage.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await agentPage.getByRole('button', { name: /Generate/ }).count()).toBe(0);
  }, 60_000);
});
