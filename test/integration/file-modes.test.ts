import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { createUser } from '@/lib/users/create-user';

// The default layout (no DATABASE_URL: data/tandem.db) through the path the
// server and the CLI take, under the common umask 022 that once left the
// directory 0755 and the database 0644.
const modeOf = (p: string) => statSync(p).mode & 0o777;
const saved = { url: process.env.DATABASE_URL, dataDir: process.env.TANDEM_DATA_DIR };
let root = '';
let umask = 0;

const useDataDir = async (dataDir: string) => {
  await closeDatabase();
  delete process.env.DATABASE_URL;
  process.env.TANDEM_DATA_DIR = dataDir;
  resetEnvCache();
  return getDatabase();
};

// SQLite only by nature: the MySQL project does not include this file (vitest.config.ts).
describe('data directory and database file modes', () => {
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'tandem-modes-'));
    umask = process.umask(0o022);
  });

  afterEach(() => vi.restoreAllMocks());

  afterAll(async () => {
    process.umask(umask);
    await closeDatabase();
    process.env.DATABASE_URL = saved.url;
    process.env.TANDEM_DATA_DIR = saved.dataDir;
    resetEnvCache();
    rmSync(root, { recursive: true, force: true });
  });

  it('creates a fresh data directory 0700 and the database and its WAL files 0600', async () => {
    const dataDir = path.join(root, 'fresh', 'data');
    const { db, url } = await useDataDir(dataDir);
    const file = path.join(dataDir, 'tandem.db');
    expect(url).toBe(`file:${file}`);
    await createUser({ db, name: 'alice', role: 'admin', password: 'correct horse battery' });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);

    // A second connection in WAL mode: the -wal and -shm files SQLite creates
    // later take the database file's mode.
    const other = createClient({ url });
    await other.execute('PRAGMA journal_mode=WAL');
    await other.execute("UPDATE users SET role = 'viewer' WHERE name = 'alice'");
    for (const suffix of ['-wal', '-shm']) {
      expect(existsSync(`${file}${suffix}`), suffix).toBe(true);
      expect(modeOf(`${file}${suffix}`), suffix).toBe(0o600);
    }
    other.close();
  });

  it('tightens a database left 0644 by an older version, and warns about a shared data directory', async () => {
    const dataDir = path.join(root, 'old');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const file = path.join(dataDir, 'tandem.db');
    writeFileSync(file, '', { mode: 0o644 });
    writeFileSync(`${file}-journal`, '', { mode: 0o644 });
    chmodSync(file, 0o644);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await useDataDir(dataDir);
    expect(modeOf(file)).toBe(0o600);
    const warned = stderr.mock.calls.map(([line]) => String(line)).find((l) => l.includes('data directory is open to other users'));
    expect(warned).toBeDefined();
    expect(JSON.parse(warned ?? '{}')).toMatchObject({ level: 'warn', dir: dataDir, mode: '0755', fix: `chmod 700 ${dataDir}` });
    // The directory is the operator's to change; the files are Tandem's.
    expect(modeOf(dataDir)).toBe(0o755);
  });
});
