import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDatabase } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { resetSecretKeyCache } from '@/lib/secrets/secret-key';

// Each integration test file gets its own empty inventory database (a fresh
// SQLite file, or a fresh schema on the suite's MariaDB server) and data dir.
export type TTestDatabase = { dialect: 'sqlite' | 'mysql'; url: string; dataDir: string; sqliteFile?: string };

const store = globalThis as typeof globalThis & { __testDatabase?: TTestDatabase };

export const testDatabase = (): TTestDatabase => {
  if (!store.__testDatabase) throw new Error('test database not set up');
  return store.__testDatabase;
};

let dir = '';
let schema = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tandem-test-'));
  const dataDir = path.join(dir, 'data');
  const dialect = process.env.TANDEM_TEST_DIALECT === 'mysql' ? 'mysql' : 'sqlite';
  if (dialect === 'sqlite') {
    const sqliteFile = path.join(dir, 'tandem.db');
    store.__testDatabase = { dialect, url: `file:${sqliteFile}`, dataDir, sqliteFile };
  } else {
    const base = inject('mariadbUrl');
    schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const conn = await mysql.createConnection({ uri: base });
    await conn.query(`CREATE DATABASE \`${schema}\``);
    await conn.end();
    store.__testDatabase = { dialect, url: `${base}/${schema}`, dataDir };
  }
  process.env.DATABASE_URL = store.__testDatabase.url;
  process.env.TANDEM_DATA_DIR = dataDir;
  delete process.env.TANDEM_SECRET_KEY;
  resetEnvCache();
  resetSecretKeyCache();
  await closeDatabase();
});

afterAll(async () => {
  await closeDatabase();
  if (schema) {
    const conn = await mysql.createConnection({ uri: inject('mariadbUrl') });
    await conn.query(`DROP DATABASE IF EXISTS \`${schema}\``);
    await conn.end();
  }
  rmSync(dir, { recursive: true, force: true });
});
