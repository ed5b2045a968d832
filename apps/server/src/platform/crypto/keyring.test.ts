import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyring, loadMasterKey } from './keyring.ts';

const key = () => randomBytes(32);

/** Changes one base64url character of part `index` of a sealed value, keeping it decodable. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const part = parts[index] ?? '';
  const position = Math.floor(part.length / 2);
  const replacement = part[position] === 'A' ? 'B' : 'A';
  parts[index] = `${part.slice(0, position)}${replacement}${part.slice(position + 1)}`;
  return parts.join('.');
}

describe('keyring', () => {
  it('round-trips text, including unicode and the empty string', () => {
    const keyring = createKeyring(key());
    for (const plaintext of ['JBSWY3DPEHPK3PXP', 'héllo wörld ✓ 你好', '', 'x'.repeat(10_000)]) {
      const sealed = keyring.encrypt(plaintext, 'teammate:1:totp');
      if (plaintext) expect(sealed).not.toContain(plaintext);
      expect(keyring.decrypt(sealed, 'teammate:1:totp')).toBe(plaintext);
    }
  });

  it('seals the same text differently each time (random IV)', () => {
    const keyring = createKeyring(key());
    const a = keyring.encrypt('secret', 'ctx');
    const b = keyring.encrypt('secret', 'ctx');
    expect(a).not.toBe(b);
    expect(keyring.decrypt(a, 'ctx')).toBe('secret');
    expect(keyring.decrypt(b, 'ctx')).toBe('secret');
  });

  it('refuses to open a value under a different context', () => {
    const keyring = createKeyring(key());
    const sealed = keyring.encrypt('secret', 'teammate:1:totp');
    expect(() => keyring.decrypt(sealed, 'teammate:2:totp')).toThrow();
    expect(() => keyring.decrypt(sealed, '')).toThrow();
  });

  it('refuses tampered ciphertext, tag or IV', () => {
    const keyring = createKeyring(key());
    const sealed = keyring.encrypt('a secret worth protecting', 'ctx');
    expect(sealed.split('.')).toHaveLength(5);
    for (const part of [2, 3, 4]) {
      const tampered = tamper(sealed, part);
      expect(tampered).not.toBe(sealed);
      expect(() => keyring.decrypt(tampered, 'ctx')).toThrow();
    }
    const parts = sealed.split('.');
    expect(() => keyring.decrypt(parts.slice(0, 4).join('.'), 'ctx')).toThrow();
    expect(() => keyring.decrypt(`v2.${parts.slice(1).join('.')}`, 'ctx')).toThrow();
    expect(() => keyring.decrypt('not sealed at all', 'ctx')).toThrow();
  });

  it('refuses a value sealed by an unknown key', () => {
    const sealed = createKeyring(key()).encrypt('secret', 'ctx');
    expect(() => createKeyring(key()).decrypt(sealed, 'ctx')).toThrow(/unknown key/);
  });

  it('rotates: old values open with the retired key as previous, new values use the current key', () => {
    const oldKey = key();
    const newKey = key();
    const before = createKeyring(oldKey).encrypt('sealed long ago', 'ctx');

    const rotated = createKeyring(newKey, [oldKey]);
    expect(rotated.decrypt(before, 'ctx')).toBe('sealed long ago');
    const after = rotated.encrypt('sealed today', 'ctx');
    expect(after.split('.')[1]).not.toBe(before.split('.')[1]);

    // The new value needs only the new key: once rotation is over the old key can be dropped.
    expect(createKeyring(newKey).decrypt(after, 'ctx')).toBe('sealed today');
    expect(() => createKeyring(oldKey).decrypt(after, 'ctx')).toThrow();
    // Without the previous key, old values are unreadable.
    expect(() => createKeyring(newKey).decrypt(before, 'ctx')).toThrow();
  });
});

describe('loadMasterKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-keyring-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates a 0600 key file once and reads the same key back afterwards', () => {
    const dir = tempDir();
    const first = loadMasterKey(undefined, dir);
    expect(first.generated).toBe(true);
    expect(first.key).toHaveLength(32);
    const file = path.join(dir, 'master.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const contents = fs.readFileSync(file, 'utf8');

    const second = loadMasterKey(undefined, dir);
    expect(second.generated).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(contents);

    // A value sealed under the generated key opens after a "restart".
    const sealed = createKeyring(first.key).encrypt('totp secret', 'ctx');
    expect(createKeyring(second.key).decrypt(sealed, 'ctx')).toBe('totp secret');
  });

  it('uses a configured key and writes no file', () => {
    const dir = tempDir();
    const configured = key();
    const loaded = loadMasterKey(configured, dir);
    expect(loaded).toEqual({ key: configured, generated: false });
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
  });

  // A damaged key file (empty after a crash or a full disk, hand-edited) must stop start-up, not let the
  // server run until the first encrypt/decrypt fails with "Invalid key length".
  it('refuses a master.key file that does not hold a 32-byte key', () => {
    const dir = tempDir();
    const file = path.join(dir, 'master.key');
    fs.writeFileSync(file, `${randomBytes(16).toString('base64')}\n`, { mode: 0o600 });
    expect(() => loadMasterKey(undefined, dir)).toThrow(/master\.key/);
    fs.writeFileSync(file, '');
    expect(() => loadMasterKey(undefined, dir)).toThrow(/master\.key/);
    // A configured MASTER_KEY takes precedence over the damaged file.
    const configured = key();
    expect(loadMasterKey(configured, dir).key).toBe(configured);
  });

  it('signs messages so that only the same message, context and keyring verify, across a rotation', () => {
    const old = key();
    const keyring = createKeyring(old);
    const signature = keyring.sign('w1.v2', 'visitor');
    expect(keyring.verify('w1.v2', signature, 'visitor')).toBe(true);
    expect(keyring.verify('w1.v3', signature, 'visitor')).toBe(false);
    expect(keyring.verify('w1.v2', signature, 'session')).toBe(false);
    expect(keyring.verify('w1.v2', tamper(signature, 1), 'visitor')).toBe(false);
    expect(keyring.verify('w1.v2', 'garbage', 'visitor')).toBe(false);
    expect(createKeyring(key(), [old]).verify('w1.v2', signature, 'visitor')).toBe(true);
    expect(createKeyring(key()).verify('w1.v2', signature, 'visitor')).toBe(false);
  });
});
