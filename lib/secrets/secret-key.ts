import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';

export type TSecretKey = { key: Buffer; id: string };

const KEY_FILE = 'secret.key';
// Keys replaced by `tandem secrets rotate`, kept so anything still encrypted
// with them (or a running server that has not reloaded) keeps working.
const RETIRED_DIR = 'retired-keys';

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
const toSecretKey = (key: Buffer): TSecretKey => ({ key, id: keyId(key) });

const writeKeyFile = (file: string, key: Buffer): void => {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${key.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
};

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
let ring: Map<string, TSecretKey> | undefined;

export const getSecretKey = (): TSecretKey => {
  if (cached) return cached;
  const env = getEnv();
  cached = toSecretKey(env.TANDEM_SECRET_KEY ? parseSecretKey(env.TANDEM_SECRET_KEY) : loadOrCreateKeyFile(env.dataDir));
  return cached;
};

const loadRing = (): Map<string, TSecretKey> => {
  const keys = new Map<string, TSecretKey>();
  const current = getSecretKey();
  keys.set(current.id, current);
  const dir = path.join(getEnv().dataDir, RETIRED_DIR);
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.key'))) {
      const k = toSecretKey(parseSecretKey(readFileSync(path.join(dir, f), 'utf8')));
      keys.set(k.id, k);
    }
  }
  return keys;
};

// The key with this id: the current one or a retired one. An unknown id
// reloads from disk once (another process may have rotated).
export const keyById = (id: string): TSecretKey | undefined => {
  const current = getSecretKey();
  if (current.id === id) return current;
  ring ??= loadRing();
  const known = ring.get(id);
  if (known) return known;
  resetSecretKeyCache();
  ring = loadRing();
  return ring.get(id);
};

// Makes a new key current and retires the old one (kept for decryption).
// Only for the file-based key; with TANDEM_SECRET_KEY the operator supplies both.
export const installNewKeyFile = (key: Buffer = randomBytes(32)): { previous: TSecretKey; next: TSecretKey } => {
  const { dataDir } = getEnv();
  const previous = toSecretKey(loadOrCreateKeyFile(dataDir));
  const retired = path.join(dataDir, RETIRED_DIR);
  mkdirSync(retired, { recursive: true, mode: 0o700 });
  writeKeyFile(path.join(retired, `${previous.id}.key`), previous.key);
  const next = toSecretKey(key);
  writeKeyFile(path.join(dataDir, KEY_FILE), next.key);
  resetSecretKeyCache();
  return { previous, next };
};

export const resetSecretKeyCache = (): void => {
  cached = undefined;
  ring = undefined;
};
