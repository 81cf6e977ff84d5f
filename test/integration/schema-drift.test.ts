import { readFileSync } from 'node:fs';
import { createClient } from '@libsql/client';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/lib/db/client';
import { readMigrations } from '@/lib/db/migrate';
import { testDatabase } from '../support/use-test-database';

// Migrations are hand-written SQL (Prisma's migrate engine cannot run here);
// this proves the migrated database has exactly the tables and columns the
// Prisma schema describes, with the same nullability.
type TColumns = Record<string, Record<string, { nullable: boolean }>>;

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);

const schemaColumns = (): TColumns => {
  const text = readFileSync('prisma/schema.prisma', 'utf8');
  const tables: TColumns = {};
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const body = m[2] ?? '';
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? m[1] ?? '';
    const columns: TColumns[string] = {};
    for (const line of body.split('\n')) {
      const f = /^\s*(\w+)\s+(\w+)(\?|\[\])?/.exec(line);
      if (!f?.[1] || !f[2] || !SCALARS.has(f[2]) || f[3] === '[]') continue;
      columns[f[1]] = { nullable: f[3] === '?' };
    }
    tables[table] = columns;
  }
  return tables;
};

const databaseColumns = async (): Promise<TColumns> => {
  const t = testDatabase();
  const tables: TColumns = {};
  if (t.dialect === 'sqlite') {
    const client = createClient({ url: t.url });
    const names = (await client.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_tandem_migrations'")).rows.map((r) => String(r.name));
    for (const name of names) {
      const cols = (await client.execute(`PRAGMA table_info("${name}")`)).rows;
      tables[name] = Object.fromEntries(cols.map((c) => [String(c.name), { nullable: Number(c.notnull) === 0 && Number(c.pk) === 0 }]));
    }
    client.close();
    return tables;
  }
  const conn = await mysql.createConnection({ uri: t.url });
  const [rows] = await conn.query<mysql.RowDataPacket[]>(
    "SELECT TABLE_NAME AS t, COLUMN_NAME AS c, IS_NULLABLE AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '_tandem_migrations'",
  );
  await conn.end();
  for (const r of rows) (tables[String(r.t)] ??= {})[String(r.c)] = { nullable: r.n === 'YES' };
  return tables;
};

describe('migrations', () => {
  it('produce the tables and columns of prisma/schema.prisma', async () => {
    await getDatabase();
    const expected = schemaColumns();
    expect(Object.keys(expected).sort()).toEqual(['action_runs', 'action_steps', 'api_tokens', 'audit_events', 'cluster_events', 'cluster_leases', 'cluster_snapshots', 'clusters', 'lag_samples', 'nodes', 'notification_attempts', 'notification_channels', 'notification_events', 'notification_messages', 'notification_rules', 'server_members', 'sessions', 'users']);
    expect(await databaseColumns()).toEqual(expected);
  });

  it('exist for both dialects with the same file names', () => {
    expect(readMigrations('sqlite').map((m) => m.name)).toEqual(readMigrations('mysql').map((m) => m.name));
  });

  it('compare names exactly: no trailing-space or case aliasing in any dialect', async () => {
    const { db } = await getDatabase();
    await db.user.create({ data: { id: 'drift-user', name: 'drift', passwordHash: 'x', role: 'viewer' } });
    for (const alias of ['drift ', 'DRIFT', 'drift\t']) expect(await db.user.findUnique({ where: { name: alias } }), JSON.stringify(alias)).toBeNull();
    await db.user.delete({ where: { id: 'drift-user' } });
    const t = testDatabase();
    if (t.dialect !== 'mysql') return;
    const conn = await mysql.createConnection({ uri: t.url });
    const [rows] = await conn.query<mysql.RowDataPacket[]>(
      "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS col, COLLATION_NAME AS coll FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND ((TABLE_NAME IN ('clusters', 'users', 'api_tokens', 'nodes') AND COLUMN_NAME = 'name') OR (TABLE_NAME = 'nodes' AND COLUMN_NAME = 'host'))",
    );
    await conn.end();
    expect(rows.map((r) => String(r.col)).sort()).toEqual(['api_tokens.name', 'clusters.name', 'nodes.host', 'nodes.name', 'users.name']);
    for (const r of rows) expect(['utf8mb4_nopad_bin', 'utf8mb4_0900_bin'], String(r.col)).toContain(String(r.coll));
  });

  it('are applied once: reopening the database applies nothing', async () => {
    const { migrateDatabase } = await import('@/lib/db/migrate');
    expect(await migrateDatabase({ url: testDatabase().url })).toEqual({ applied: [] });
  });
});
