import { createHash, randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';

/** A random secret with a readable prefix, e.g. `fd_at_3kq...` for API access tokens. */
export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Tokens are high-entropy, so a plain SHA-256 is the right hash: fast lookups, nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Short random public identifiers (lowercase letters and digits), e.g. a workspace's id_code. */
export function randomCode(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let code = '';
  for (const byte of bytes) code += alphabet[byte % alphabet.length];
  return code;
}

/**
 * Random bytes for identifiers (not secrets), taken from a pool refilled 4 KiB at a time: a call to
 * the system generator per id cost several percent of a reply's CPU.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
export function randomIdBytes(size: number): Buffer {
  if (size > pool.length) return randomBytes(size);
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + size));
  poolOffset += size;
  return bytes;
}

/** Opaque public ids shaped like Intercom's: 24 hex characters (contacts, companies, segments...). */
export const hexId = () => randomIdBytes(12).toString('hex');

/** Numeric-looking opaque ids (conversations, parts), as Intercom's are: 15 random digits. */
export function numericId(): string {
  const digits = randomIdBytes(8).readBigUInt64BE() % 900_000_000_000_000n;
  return String(digits + 100_000_000_000_000n);
}
