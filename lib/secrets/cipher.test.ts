import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from '@/lib/secrets/cipher';
import { keyId } from '@/lib/secrets/secret-key';

const key = (() => {
  const k = randomBytes(32);
  return { key: k, id: keyId(k) };
})();

describe('secret envelopes (AES-256-GCM)', () => {
  it('round-trips and never contains the plaintext', () => {
    const env = encryptSecret('hunter2-secret', 'mysql.password', key);
    expect(env).not.toContain('hunter2');
    expect(env.startsWith(`v1.${key.id}.`)).toBe(true);
    expect(decryptSecret(env, 'mysql.password', key)).toBe('hunter2-secret');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', 'mysql.password', key)).not.toBe(encryptSecret('same', 'mysql.password', key));
  });

  it('refuses a tampered ciphertext', () => {
    const [v, id, iv, tag, ct] = encryptSecret('hunter2', 'mysql.password', key).split('.');
    const flipped = Buffer.from(ct ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret([v, id, iv, tag, flipped.toString('base64url')].join('.'), 'mysql.password', key)).toThrow(/failed authentication/);
  });

  it('refuses an envelope moved to another column', () => {
    const env = encryptSecret('hunter2', 'mysql.password', key);
    expect(() => decryptSecret(env, 'ssh.passphrase', key)).toThrow(/failed authentication/);
  });

  it('names the key an envelope needs when the current key differs', () => {
    const other = randomBytes(32);
    const env = encryptSecret('hunter2', 'mysql.password', key);
    expect(() => decryptSecret(env, 'mysql.password', { key: other, id: keyId(other) })).toThrow(new RegExp(`encrypted with key ${key.id}`));
  });

  it('refuses something that is not an envelope', () => {
    expect(() => decryptSecret('plaintext', 'mysql.password', key)).toThrow(/not a v1 envelope/);
  });
});
