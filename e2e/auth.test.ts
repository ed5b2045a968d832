
import { describe, expect, test } from 'vitest';
import { browserTests, chromiumAvailable, e2eRequired } from './support/chromium.ts';
import {
  alertText,
  enrollTwoFactor,
  expectAppShell,
  expectLoginPage,
  inviteTeammate,
  logOut,
  newAccount,
  openNav,
  screenshot,
  signUp,
  submitLogin,
} from './support/flows.ts';
import { freshTotpCode } from './support/totp.ts';

describe.skipIf(!chromiumAvailable && !e2eRequired)('signing in to the Inbox', () => {
  const e2e = browserTests();
  const { newPage } = e2e;

  test('a new owner turns on two-factor and then logs in with password and an authenticator code', async () => {
    const page = await newPage();
    const owner = newAccount('Owner');
    const used = new Set<string>();
    await page.goto(`${e2e.server.url}/`);
    await expectLoginPage(page);
    await screenshot(page, 'login');

    await signUp(page, e2e.server.url, owner, 'signup');
    // A new workspace lands on its empty Unassigned inbox.
    await page.getByRole('heading', { name: 'Unassigned', level: 1 }).waitFor();
    const { secret } = await enrollTwoFactor(page, (s) => freshTotpCode(s, used), 'account-two-factor');
    expect(await page.getByText('Two-factor authentication is on.').isVisible()).toBe(true);
    await logOut(page);

    await submitLogin(page, e2e.server.url, owner);
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await code.fill(await freshTotpCode(secret, used));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectAppShell(page, owner);
  }, 120_000);

  test('a recovery code logs in once and is refused the second time', async () => {
    const page = await newPage();
    const owner = newAccount('Recovery');
    await signUp(page, e2e.server.url, owner);
    const { recoveryCodes } = await enrollTwoFactor(page, (s) => freshTotpCode(s, new Set()));
    const [recoveryCode] = recoveryCodes;
    if (!recoveryCode) throw new Error('no recovery codes were shown');
    await logOut(page);

    const loginWithRecoveryCode = async () => {
      await submitLogin(page, e2e.server.url, owner);
      await page.getByRole('button', { name: 'Use a recovery code' }).click();
      await page.getByLabel('Recovery code').fill(recoveryCode);
      await page.getByRole('button', { name: 'Verify' }).click();
    };
    await loginWithRecoveryCode();
    await expectAppShell(page, owner);
    await logOut(page);

    await loginWithRecoveryCode();
    expect(await alertText(page)).not.toBe('');
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
  }, 60_000);

  test('an invited teammate joins the workspace, and a password change ends their other sessions', async () => {
    const ownerPage = await newPage();
    const owner = newAccount('Inviter');
    const invitee = newAccount('Invitee');
    await signUp(ownerPage, e2e.server.url, owner);

    const inviteUrl = await inviteTeammate(ownerPage, invitee.email);
    expect(inviteUrl).toMatch(/\/invite\/[^/]+$/);
    await ownerPage.getByRole('cell', { name: invitee.email, exact: true }).waitFor();
    await screenshot(ownerPage, 'teammates');

    // A fresh browser with no session, as the invitee opening the link from their email.
    const inviteePage = await newPage();
    await inviteePage.goto(`${e2e.server.url}${new URL(inviteUrl, e2e.server.url).pathname}`);
    await inviteePage.getByRole('heading', { name: `Join ${owner.workspace} on Frontdesk` }).waitFor();
    expect(await inviteePage.getByText(invitee.email).isVisible()).toBe(true);
    await inviteePage.getByLabel('Your name').fill(invitee.name);
    await inviteePage.getByLabel('Password', { exact: true }).fill(invitee.password);
    await inviteePage.getByRole('button', { name: 'Accept invite' }).click();
    await expectAppShell(inviteePage, invitee);
    expect(await inviteePage.locator('.sidebar').textContent()).toContain(owner.workspace);

    await ownerPage.reload();
    await ownerPage.getByRole('cell', { name: invitee.email, exact: true }).waitFor();

    // The invitee is also signed in elsewhere; changing the password ends that other session only.
    const otherPage = await newPage();
    await submitLogin(otherPage, e2e.server.url, invitee);
    await expectAppShell(otherPage, invitee);

    await openNav(inviteePage, 'Account');
    await inviteePage.getByLabel('Current password').fill(invitee.password);
    await inviteePage.getByLabel('New password').fill(`${invitee.password} v2`);
    await inviteePage.getByRole('button', { name: 'Change password' }).click();
    await inviteePage.getByText('other sessions were signed out').waitFor();

    await otherPage.reload();
    await expectLoginPage(otherPage);
    await inviteePage.reload();
    await inviteePage.getByRole('button', { name: 'Log out' }).waitFor();

    await submitLogin(otherPage, e2e.server.url, { email: invitee.email, password: `${invitee.password} v2` });
    await expectAppShell(otherPage, invitee);
  }, 60_000);

  test('an API token created in the settings works with the REST API until it is revoked', async () => {
    const page = await newPage();
    const owner = newAccount('Developer');
    await signUp(page, e2e.server.url, owner);

    await openNav(page, 'API tokens');
    await page.getByLabel('Token name').fill('CRM sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-api-token').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    await screenshot(page, 'api-tokens');

    const me = () => fetch(`${e2e.server.url}/api/me`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    expect((await me()).status).toBe(200);

    await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    await page.getByRole('button', { name: 'Confirm revoke' }).click();
    await page.getByText('No API tokens').waitFor();
    expect((await me()).status).toBe(401);
  }, 60_000);
});
