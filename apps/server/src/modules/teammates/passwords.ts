import { hash, verify } from '@node-rs/argon2';
import { invalid } from '../../platform/http/errors.ts';
import { commonPasswords } from './common-passwords.ts';

const argon2id = { algorithm: 2 /* Algorithm.Argon2id: a const enum, unreadable under verbatimModuleSyntax */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The password policy: at least 10 characters, not a common password, not the email. */
export function checkPasswordPolicy(password: string, email: string, field = 'password'): void {
  if (password.length < 10) throw invalid('Password must be at least 10 characters long', field);
  if (password.length > 200) throw invalid('Password must be at most 200 characters long', field);
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) throw invalid('This password is too common; choose another', field);
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lowered === email.toLowerCase() || (local.length >= 4 && lowered.includes(local))) {
    throw invalid('Password must not contain your email address', field);
  }
}

export const hashPassword = (password: string) => hash(password, argon2id);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the account doesn't exist keeps response times alike. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-for-timing');
  return decoyHash;
}
