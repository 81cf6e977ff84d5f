import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { getSecretKey, parseSecretKey, resetSecretKeyCache } from '@/lib/secrets/secret-key';

let dir = '';
const saved = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tandem-key-'));
  process.env.TANDEM_DATA_DIR = path.join(dir, 'data');
  delete process.env.TANDEM_SECRET_KEY;
  resetEnvCache();
  resetSecretKeyCache();
});

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
  resetSecretKeyCache();
  rmSync(dir, { recursive: true, force: true });
});

describe('the secret key', () => {
  it('is generated on first run into data/ with mode 0600, and reused after', () => {
    const first = getSecretKey();
    const file = path.join(dir, 'data', 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'data')).mode & 0o077).toBe(0);
    expect(first.key).toHaveLength(32);
    resetSecretKeyCache();
    expect(getSecretKey().key.equals(first.key)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.key.toString('hex'));
  });

  it('comes from TANDEM_SECRET_KEY when set, and then no key file is written', () => {
    process.env.TANDEM_SECRET_KEY = 'ab'.repeat(32);
    resetEnvCache();
    expect(getSecretKey().key.toString('hex')).toBe('ab'.repeat(32));
    expect(existsSync(path.join(dir, 'data', 'secret.key'))).toBe(false);
  });

  it('accepts base64 and refuses a key of the wrong length instead of stretching it', () => {
    expect(parseSecretKey(Buffer.alloc(32, 7).toString('base64'))).toEqual(Buffer.alloc(32, 7));
    expect(() => parseSecretKey('short-password')).toThrow(/32 bytes/);
    expect(() => parseSecretKey('ab'.repeat(31))).toThrow(/32 bytes/);
  });
});
