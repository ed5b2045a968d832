import type { TwoFactorSetup } from '@frontdesk/api-types';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { hashToken, randomCode } from '../../platform/crypto/tokens.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform, RequestMeta } from '../../platform/platform.ts';
import { appendAccountEvent } from './account-events.ts';
import * as data from './data.ts';
import { verifyPassword } from './passwords.ts';

const secretContext = (teammateId: number) => `teammate:${teammateId}:totp`;
const normalizeRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/[^a-z0-9]/g, '');

async function teammateOf(platform: Platform, actor: Actor) {
  const teammate = await data.findTeammate(platform.database.orm, actor.teammateId);
  if (!teammate) throw notFound('Teammate');
  return teammate;
}

/** Starts enrolment: a fresh secret, stored sealed, inactive until a code from it is confirmed. */
export async function setupTwoFactor(platform: Platform, actor: Actor): Promise<TwoFactorSetup> {
  const teammate = await teammateOf(platform, actor);
  if (teammate.twoFactorEnabledAt) throw conflict('Two-factor authentication is already on; turn it off first to set it up again');
  const secret = generateSecret();
  await data.updateTeammate(platform.database.orm, teammate.id, { totpSecret: platform.keyring.encrypt(secret, secretContext(teammate.id)) });
  const uri = generateURI({ issuer: 'Frontdesk', label: teammate.email, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1 });
  return { secret, otpauth_uri: uri, qr_code: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** Checks a TOTP code against the stored secret and remembers its time step so it cannot be replayed. */
async function checkCode(platform: Platform, teammate: data.TeammateRow, code: string): Promise<boolean> {
  if (!teammate.totpSecret || !/^\d{6}$/.test(code.trim())) return false;
  const secret = platform.keyring.decrypt(teammate.totpSecret, secretContext(teammate.id));
  const result = await verify({ secret, token: code.trim(), epochTolerance: 30 });
  if (!result.valid) return false;
  const timeStep = Math.floor(Date.now() / 30_000) + result.delta;
  if (teammate.totpLastTimeStep !== null && timeStep <= teammate.totpLastTimeStep) return false;
  await data.updateTeammate(platform.database.orm, teammate.id, { totpLastTimeStep: timeStep });
  return true;
}

export async function enableTwoFactor(platform: Platform, actor: Actor, code: string, meta: RequestMeta): Promise<string[]> {
  const teammate = await teammateOf(platform, actor);
  if (teammate.twoFactorEnabledAt) throw conflict('Two-factor authentication is already on');
  if (!teammate.totpSecret) throw invalid('Start the set-up first: no two-factor secret is pending');
  if (!(await checkCode(platform, teammate, code))) throw invalid('That authentication code is not valid; check the time on your device', 'code');
  const codes = Array.from({ length: 10 }, () => `${randomCode(5)}-${randomCode(5)}`);
  await platform.database.transaction(async (tx) => {
    await data.updateTeammate(tx, teammate.id, { twoFactorEnabledAt: new Date() });
    await data.replaceRecoveryCodes(tx, teammate.id, codes.map((recovery) => hashToken(normalizeRecoveryCode(recovery))));
    await appendAccountEvent(tx, teammate.id, 'teammate.two_factor_enabled', { actor_id: teammate.id, ip: meta.ip });
  });
  return codes;
}

export async function disableTwoFactor(platform: Platform, actor: Actor, password: string, meta: RequestMeta): Promise<void> {
  const teammate = await teammateOf(platform, actor);
  if (!(await verifyPassword(teammate.passwordHash, password))) {
    throw new AppError(400, 'parameter_invalid', 'Password is incorrect', { field: 'password' });
  }
  if (!teammate.twoFactorEnabledAt) throw invalid('Two-factor authentication is not on');
  await platform.database.transaction(async (tx) => {
    await data.updateTeammate(tx, teammate.id, { totpSecret: null, twoFactorEnabledAt: null, totpLastTimeStep: null });
    await data.replaceRecoveryCodes(tx, teammate.id, []);
    await appendAccountEvent(tx, teammate.id, 'teammate.two_factor_disabled', { actor_id: teammate.id, ip: meta.ip });
  });
}

/** The second step of a sign-in: a TOTP code or an unused recovery code. Returns the method, or null. */
export async function verifySecondFactor(
  platform: Platform,
  teammate: data.TeammateRow,
  input: { code?: string; recoveryCode?: string },
): Promise<'totp' | 'recovery_code' | null> {
  if (input.code) return (await checkCode(platform, teammate, input.code)) ? 'totp' : null;
  if (input.recoveryCode) {
    const used = await data.useRecoveryCode(platform.database.orm, teammate.id, hashToken(normalizeRecoveryCode(input.recoveryCode)));
    return used ? 'recovery_code' : null;
  }
  return null;
}
