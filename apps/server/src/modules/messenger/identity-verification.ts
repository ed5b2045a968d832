import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Identity verification, as Intercom does it: the site proves a visitor is its user with
 * `user_hash` = hex HMAC-SHA256(secret, user_id — else email), or with `intercom_user_jwt`, an HS256
 * JWT signed with the same secret whose claims carry `user_id` (required), `email` and `exp`.
 */

export interface ClaimedIdentity {
  userId?: string;
  email?: string;
  userHash?: string;
  jwt?: string;
}

/** The identity once checked: who the visitor is, and whether the site proved it. */
export interface CheckedIdentity {
  userId?: string;
  email?: string;
  verified: boolean;
}

export const verificationFailed = (reason: string) => new AppError(401, 'identity_verification_failed', `Identity verification failed: ${reason}`);

const equalBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

export function userHashOf(secret: string, identity: string): string {
  return createHmac('sha256', secret).update(identity).digest('hex');
}

function hashMatches(secret: string, identity: string, given: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(given)) return false;
  return equalBytes(Buffer.from(userHashOf(secret, identity), 'hex'), Buffer.from(given, 'hex'));
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The JWT's claims when it is an HS256 token signed with `secret` and in its validity period; else why not. */
export function verifyUserJwt(secret: string, token: string, now = Date.now()): { userId: string; email?: string } | string {
  if (token.length > 8192) return 'the JWT is too long';
  const parts = token.split('.');
  if (parts.length !== 3) return 'intercom_user_jwt is not a JWT';
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeSegment(headerPart);
  if (header?.alg !== 'HS256') return 'the JWT must be signed with HS256';
  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
  if (!/^[A-Za-z0-9_-]*$/.test(signaturePart) || !equalBytes(Buffer.from(signaturePart, 'base64url'), expected)) return 'the JWT signature is wrong';
  const claims = decodeSegment(payloadPart);
  if (!claims) return 'the JWT payload is not a JSON object';
  const seconds = now / 1000;
  if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp <= seconds)) return 'the JWT has expired';
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > seconds + 60)) return 'the JWT is not valid yet';
  const userId = typeof claims.user_id === 'number' ? String(claims.user_id) : claims.user_id;
  if (typeof userId !== 'string' || !userId) return 'the JWT needs a user_id claim';
  if (claims.email !== undefined && typeof claims.email !== 'string') return 'the JWT email claim must be a string';
  return { userId, ...(typeof claims.email === 'string' && claims.email ? { email: claims.email } : {}) };
}

/**
 * Who an identified visitor is. With verification enforced, a missing or wrong hash or JWT is a 401
 * (checked before anything is stored). Not enforced, a wrong proof only leaves the identity unverified.
 */
export function checkIdentity(claimed: ClaimedIdentity, workspace: { enforced: boolean; secret: string | null }): CheckedIdentity {
  const refuse = (reason: string): CheckedIdentity => {
    if (workspace.enforced) throw verificationFailed(reason);
    return { userId: claimed.userId, email: claimed.email, verified: false };
  };
  const { secret } = workspace;
  if (claimed.jwt !== undefined) {
    if (!secret) return refuse('this workspace has no identity verification secret');
    const checked = verifyUserJwt(secret, claimed.jwt);
    if (typeof checked === 'string') return refuse(checked);
    if (claimed.userId !== undefined && claimed.userId !== checked.userId) return refuse('user_id differs from the JWT user_id claim');
    return { userId: checked.userId, email: checked.email ?? claimed.email, verified: true };
  }
  const identity = claimed.userId ?? claimed.email;
  if (identity === undefined) return { verified: false };
  if (claimed.userHash === undefined) return refuse(`user_hash is missing (HMAC-SHA256 of the ${claimed.userId !== undefined ? 'user_id' : 'email'})`);
  if (!secret) return refuse('this workspace has no identity verification secret');
  if (!hashMatches(secret, identity, claimed.userHash)) return refuse(`user_hash does not match the ${claimed.userId !== undefined ? 'user_id' : 'email'}`);
  return { userId: claimed.userId, email: claimed.email, verified: true };
}
