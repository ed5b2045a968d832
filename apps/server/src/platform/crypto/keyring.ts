import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.ts';

/**
 * AES-256-GCM encryption for secrets at rest. Ciphertexts name the key that sealed them
 * (`v1.<keyId>.<iv>.<tag>.<data>`), so a rotated master key keeps old values readable
 * while new writes use the current key.
 */
export interface Keyring {
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
  /** A MAC of `message` (`<keyId>.<hmac>`), for stateless tokens; `context` separates their uses. */
  sign(message: string, context: string): string;
  /** Whether `signature` is `sign(message, context)` under the current or a previous key. */
  verify(message: string, signature: string, context: string): boolean;
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export function createKeyring(current: Buffer, previous: Buffer[] = []): Keyring {
  const keys = new Map([current, ...previous].map((key) => [keyId(key), key]));
  const currentId = keyId(current);
  const mac = (key: Buffer, message: string, context: string) => createHmac('sha256', key).update(context).update('\u0000').update(message).digest();
  return {
    sign(message, context) {
      return `${currentId}.${mac(current, message, context).toString('base64url')}`;
    },
    verify(message, signature, context) {
      const [id, value] = signature.split('.');
      const key = id ? keys.get(id) : undefined;
      if (!key || !value) return false;
      const expected = mac(key, message, context);
      const given = Buffer.from(value, 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(context));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', currentId, iv, cipher.getAuthTag(), data]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt(sealed, context) {
      const [version, id, iv, tag, data] = sealed.split('.');
      const key = id ? keys.get(id) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || data === undefined) {
        throw new Error('Encrypted value was sealed with an unknown key or format');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** The configured master key, or one generated into DATA_DIR/master.key on first start. */
export function loadMasterKey(configured: Buffer | undefined, dataDir: string): { key: Buffer; generated: boolean } {
  if (configured) return { key: configured, generated: false };
  const file = path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new ConfigError('DATA_DIR', `${file} does not hold a 32-byte base64 key; restore it or set MASTER_KEY`);
    return { key, generated: false };
  }
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  return { key, generated: true };
}
