import type { MacroList, SavedReplyList } from '@frontdesk/api-types';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserTests, chromiumAvailable, e2eRequired } from './support/chromium.ts';
import { newAccount, openNav, screenshot, signUp } from './support/flows.ts';

/** Calls the Inbox's API with the page's session, as the app does (CSRF cookie echoed on writes). */
async function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'fd_csrf')?.value;
  return page.evaluate(
    async ({ method, path, body, csrf }) => {
      const response = await fetch(`/app-api${path}`, {
        method,
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(csrf ? { 'X-CSRF-Token': decodeURIComponent(csrf) } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as T;
    },
    { method, path, body, csrf },
  );
}

/** The page fits the window: nothing scrolls sideways. */
const fitsWidth = (page: Page) => page.locator('html').evaluate((element) => element.scrollWidth <= element.clientWidth);

describe.skipIf(!chromiumAvailable && !e2eRequired)('saved replies and macros in the settings', () => {
  const e2e = browserTests({ viewport: { width: 1280, height: 900 } });
  const { newPage } = e2e;

  test('a teammate writes a saved reply with placeholders, and it appears in the list', async () => {
    const page = await newPage();
    await signUp(page, e2e.server.url, newAccount('Replier'));
    await openNav(page, 'Saved replies');
    await page.getByRole('heading', { name: 'Saved replies', level: 1 }).waitFor();
    await page.getByText('No saved replies yet').waitFor();

    await page.getByRole('button', { name: 'New saved reply' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Refund policy');
    await page.getByLabel('Shortcut (optional)').fill('Refund');
    expect(await page.getByLabel('Shortcut (optional)').inputValue()).toBe('refund');
    const reply = page.getByLabel('Reply', { exact: true });
    await reply.fill('Hi ');
    await reply.press('End');
    await page.getByRole('button', { name: 'Insert contact first name placeholder' }).click();
    await reply.press('End');
    await reply.pressSequentially(', we refund within 30 days. — ');
    await page.getByRole('button', { name: 'Insert your first name placeholder' }).click();
    expect(await reply.inputValue()).toBe('Hi {{contact.first_name | "there"}}, we refund within 30 days. — {{teammate.first_name}}');
    await page.getByRole('button', { name: 'Create saved reply' }).click();
    await page.getByRole('cell', { name: 'Refund policy', exact: true }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Created “Refund policy”.' }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: '/refund', exact: true }).isVisible()).toBe(true);

    // The same shortcut again: the server's refusal lands under the shortcut field.
    await page.getByRole('button', { name: 'New saved reply' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Refund, short');
    await page.getByLabel('Shortcut (optional)').fill('refund');
    await page.getByLabel('Reply', { exact: true }).fill('Refunded.');
    await page.getByRole('button', { name: 'Create saved reply' }).click();
    const shortcut = page.getByLabel('Shortcut (optional)');
    await expect.poll(() => shortcut.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('The shortcut "refund" is already used by another saved reply').isVisible()).toBe(true);
    await shortcut.fill('refund-short');
    await page.getByRole('button', { name: 'Create saved reply' }).click();
    await page.getByRole('cell', { name: 'Refund, short', exact: true }).waitFor();

    // Open the editor on the first one for the screenshot: the placeholders beside the text.
    await page.getByRole('button', { name: 'Edit Refund policy' }).click();
    expect(await page.getByLabel('Reply', { exact: true }).inputValue()).toContain('{{contact.first_name | "there"}}');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'saved-replies');

    const saved = await callApi<SavedReplyList>(page, 'GET', '/saved-replies');
    expect(saved.saved_replies.map((item) => [item.name, item.shortcut])).toEqual([
      ['Refund policy', 'refund'],
      ['Refund, short', 'refund-short'],
    ]);
    expect(saved.saved_replies[0]?.body).toBe('<p>Hi {{contact.first_name | &quot;there&quot;}}, we refund within 30 days. — {{teammate.first_name}}</p>');

    // Delete asks first.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete Refund, short' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Refund, short', exact: true }).count()).toBe(0);

    // At tablet width the page still fits.
    await page.setViewportSize({ width: 820, height: 1000 });
    await page.getByRole('button', { name: 'New saved reply' }).click();
    expect(await fitsWidth(page)).toBe(true);
  });

  test('a teammate builds a macro from a reply and actions, and it appears in the list', async () => {
    const page = await newPage();
    await signUp(page, e2e.server.url, newAccount('Macro'));
    await callApi(page, 'POST', '/tags', { name: 'Refund' });
    await callApi(page, 'POST', '/teams', { name: 'Billing' });
    await openNav(page, 'Macros');
    await page.getByRole('heading', { name: 'Macros', level: 1 }).waitFor();
    await page.getByText('No macros yet').waitFor();

    await page.getByRole('button', { name: 'New macro' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Refund issued');
    await page.getByLabel('Reply (optional)').fill('Your refund is on its way, ');
    await page.getByLabel('Reply (optional)').press('End');
    await page.getByRole('button', { name: 'Insert contact first name placeholder' }).click();

    // An incomplete action is caught before saving, on its own control.
    await page.getByRole('button', { name: 'Add tag action' }).click();
    await page.getByRole('button', { name: 'Create macro' }).click();
    await page.getByText('Choose a tag', { exact: true }).waitFor();
    await page.getByLabel('Tag', { exact: true }).selectOption({ label: 'Refund' });
    await page.getByRole('button', { name: 'Add assign action' }).click();
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Billing' });
    await page.getByRole('button', { name: 'Add snooze action' }).click();
    await page.getByLabel('Snooze until').selectOption('tomorrow');
    await page.getByRole('button', { name: 'Add close action' }).click();
    await page.getByRole('button', { name: 'Remove action 4 (Close)' }).click();
    await page.getByRole('button', { name: 'Create macro' }).click();

    const row = page.getByRole('row').filter({ hasText: 'Refund issued' });
    await row.waitFor();
    for (const sentence of ['Tag with Refund', 'Assign to Billing', 'Snooze until tomorrow 09:00']) {
      expect(await row.getByText(sentence, { exact: true }).isVisible()).toBe(true);
    }
    expect(await row.textContent()).not.toContain('Close');

    const macros = await callApi<MacroList>(page, 'GET', '/macros');
    expect(macros.macros).toHaveLength(1);
    expect(macros.macros[0]).toMatchObject({
      name: 'Refund issued',
      body: '<p>Your refund is on its way, {{contact.first_name | &quot;there&quot;}}</p>',
      note: false,
      actions: [{ type: 'add_tag' }, { type: 'assign' }, { type: 'snooze', duration: 'tomorrow' }],
    });

    // A second macro, a note, to show both in the list; then the editor open for the screenshot.
    await page.getByRole('button', { name: 'New macro' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Escalate to billing');
    await page.getByLabel('Reply (optional)').fill('Escalating: customer asked for an invoice correction.');
    await page.getByLabel('Send as an internal note (only teammates see it)').check();
    await page.getByRole('button', { name: 'Add priority action' }).click();
    await page.getByRole('button', { name: 'Add assign action' }).click();
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Billing' });
    await page.getByRole('button', { name: 'Create macro' }).click();
    await page.getByRole('row').filter({ hasText: 'Escalate to billing' }).waitFor();
    await page.getByRole('button', { name: 'Edit Refund issued' }).click();
    expect(await page.getByLabel('Tag', { exact: true }).inputValue()).not.toBe('');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'macros');

    await page.setViewportSize({ width: 820, height: 1000 });
    expect(await fitsWidth(page)).toBe(true);
  });
});
