import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, openSync, readFileSync, writeSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';

export type TSecretKey = { key: Buffer; id: string };

const KEY_FILE = 'secret.key';

// Accepts 32 bytes as 64 hex digits or base64; anything else is refused rather
// than stretched, so a typo cannot silently become a weak key.
export const parseSecretKey = (text: string): Buffer => {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const b64 = Buffer.from(trimmed, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/=_-]+$/.test(trimmed)) return b64;
  throw new AppError('SECRET_KEY', 'TANDEM_SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
};

export const keyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

const loadOrCreateKeyFile = (dataDir: string): Buffer => {
  const file = path.join(dataDir, KEY_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const fd = openSync(file, 'wx', 0o600);
    const key = randomBytes(32);
    writeSync(fd, `${key.toString('hex')}\n`);
    closeSync(fd);
    chmodSync(file, 0o600);
    return key;
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
  }
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) chmodSync(file, 0o600);
  return parseSecretKey(readFileSync(file, 'utf8'));
};

let cached: TSecretKey | undefined;

export const getSecretKey = (): TSecretKey => {
  if (cached) return cached;
  const env = getEnv();
  const key = env.TANDEM_SECRET_KEY ? parseSecretKey(env.TANDEM_SECRET_KEY) : loadOrCreateKeyFile(env.dataDir);
  cached = { key, id: keyId(key) };
  return cached;
};

export const resetSecretKeyCache = (): void => {
  cached = undefined;
};
