import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Account {
  name: string;
  email: string;
  password: string;
  workspace: string;
}

export function newAccount(label: string): Account {
  const id = randomUUID().slice(0, 8);
  return {
    name: `${label} ${id}`,
    email: `${label.toLowerCase()}-${id}@example.com`,
    password: `correct horse battery ${id}`,
    workspace: `${label} Corp ${id}`,
  };
}

/** Follows a link of the sidebar navigation. */
export async function openNav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
}

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Keeps docs/screenshots current with what the tests saw. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });
}

export async function expectAppShell(page: Page, account?: Pick<Account, 'name'>): Promise<void> {
  await expect.poll(() => page.getByRole('button', { name: 'Log out' }).isVisible(), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
  expect(new URL(page.url()).pathname).toBe('/');
  if (account) expect(await page.locator('.sidebar').textContent()).toContain(account.name);
}

export async function expectLoginPage(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('button', { name: 'Log in' }).isVisible(), { timeout: 10_000 }).toBe(true);
}

export async function signUp(page: Page, baseUrl: string, account: Account, shot?: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('link', { name: 'Create a workspace' }).click();
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Work email').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByLabel('Workspace name').fill(account.workspace);
  if (shot) await screenshot(page, shot);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expectAppShell(page, account);
}

/** Enrolls the signed-in teammate in two-factor; returns the secret and the recovery codes shown. */
export async function enrollTwoFactor(
  page: Page,
  codeFor: (secret: string) => Promise<string>,
  shot?: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  await openNav(page, 'Account');
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  expect(await page.getByAltText('QR code for two-factor authentication').isVisible()).toBe(true);
  if (shot) await screenshot(page, shot);
  await page.getByLabel('Authentication code').fill(await codeFor(secret));
  await page.getByRole('button', { name: 'Enable two-factor' }).click();
  const codes = page.getByTestId('recovery-codes').locator('li');
  await codes.first().waitFor();
  const recoveryCodes = (await codes.allInnerTexts()).map((code) => code.trim());
  expect(recoveryCodes.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Done' }).click();
  return { secret, recoveryCodes };
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expectLoginPage(page);
}

/** Fills the login form and submits it with Enter, as a keyboard user would. */
export async function submitLogin(page: Page, baseUrl: string, account: Pick<Account, 'email' | 'password'>) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  const password = page.getByLabel('Password', { exact: true });
  await password.fill(account.password);
  await password.press('Enter');
}

export async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alert');
  await alert.first().waitFor({ timeout: 10_000 });
  return (await alert.first().textContent()) ?? '';
}

/** Invites a teammate from Settings → Teammates, as the signed-in page's teammate; returns the invite link shown. */
export async function inviteTeammate(page: Page, email: string, role: 'agent' | 'admin' | 'owner' = 'agent'): Promise<string> {
  await openNav(page, 'Teammates');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Send invite' }).click();
  return (await page.getByTestId('invite-url').textContent())?.trim() ?? '';
}
