import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from '@libsql/client';
import mysql from 'mysql2/promise';
import { dialectOf, SQLITE_BUSY_TIMEOUT_MS, type TDialect } from '@/lib/db/dialect';
import { prepareSqliteFile } from '@/lib/db/private-files';

// Prisma's migrate engine cannot run on this machine kind (it downloads a
// native binary), so migrations are plain SQL per dialect, applied in file
// order and recorded in _tandem_migrations. A test checks the result matches
// prisma/schema.prisma.
const MIGRATIONS_TABLE = '_tandem_migrations';

export type TMigrationFile = { name: string; sql: string };

export const migrationsDir = (dialect: TDialect): string => path.join(process.cwd(), 'prisma', 'migrations', dialect);

export const readMigrations = (dialect: TDialect): TMigrationFile[] =>
  readdirSync(migrationsDir(dialect))
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(migrationsDir(dialect), name), 'utf8') }));

const sqliteFilePath = (url: string): string | undefined => {
  const p = url.replace(/^file:/, '').split('?')[0];
  return p && p !== ':memory:' ? p : undefined;
};

const migrateSqlite = async (url: string, files: TMigrationFile[]): Promise<string[]> => {
  const file = sqliteFilePath(url);
  if (file) prepareSqliteFile(file);
  const client = createClient({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    // Write-ahead logging (kept in the file): a commit costs one append
    // instead of a rollback journal's extra syncs (≈ 3 ms instead of ≈ 8 ms
    // here), and readers never block the writer. An action stores every
    // step while the applications' writes are blocked; the CLI and the
    // server share the file.
    if (file) await client.execute('PRAGMA journal_mode=WAL');
    await client.execute(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`);
    // BEGIN IMMEDIATE: a CLI and the server starting together migrate once.
    const tx = await client.transaction('write');
    try {
      const done = new Set((await tx.execute(`SELECT "name" FROM "${MIGRATIONS_TABLE}"`)).rows.map((r) => String(r.name)));
      const applied: string[] = [];
      for (const m of files.filter((f) => !done.has(f.name))) {
        await tx.executeMultiple(m.sql);
        await tx.execute({ sql: `INSERT INTO "${MIGRATIONS_TABLE}" ("name", "appliedAt") VALUES (?, ?)`, args: [m.name, new Date().toISOString()] });
        applied.push(m.name);
      }
      await tx.commit();
      return applied;
    } finally {
      tx.close();
    }
  } finally {
    client.close();
  }
};

// Migrations name MariaDB's NO PAD binary collation; MySQL 8 calls its own
// utf8mb4_0900_bin.
const NO_PAD_BIN = 'utf8mb4_nopad_bin';
const noPadBinaryCollation = async (conn: mysql.Connection): Promise<string> => {
  const [rows] = await conn.query<mysql.RowDataPacket[]>("SELECT COLLATION_NAME AS c FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin')");
  const names = rows.map((r) => String(r.c));
  if (names.includes(NO_PAD_BIN)) return NO_PAD_BIN;
  if (names.includes('utf8mb4_0900_bin')) return 'utf8mb4_0900_bin';
  throw new Error('the server has no NO PAD binary utf8mb4 collation (MariaDB ≥ 10.2 or MySQL ≥ 8.0 needed)');
};

const migrateMysql = async (url: string, files: TMigrationFile[]): Promise<string[]> => {
  const conn = await mysql.createConnection({ uri: url.replace(/^mariadb:\/\//, 'mysql://'), multipleStatements: true, connectTimeout: 10_000 });
  try {
    // DDL is not transactional in MySQL; a named lock keeps concurrent starters apart.
    const [lockRows] = await conn.query<mysql.RowDataPacket[]>("SELECT GET_LOCK('tandem_migrate', 30) AS got");
    if (lockRows[0]?.got !== 1) throw new Error('could not take the migration lock within 30 s');
    await conn.query(`CREATE TABLE IF NOT EXISTS \`${MIGRATIONS_TABLE}\` (\`name\` VARCHAR(191) PRIMARY KEY, \`appliedAt\` VARCHAR(32) NOT NULL)`);
    const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT \`name\` FROM \`${MIGRATIONS_TABLE}\``);
    const done = new Set(rows.map((r) => String(r.name)));
    const applied: string[] = [];
    const pending = files.filter((f) => !done.has(f.name));
    const noPadBin = pending.length > 0 ? await noPadBinaryCollation(conn) : NO_PAD_BIN;
    for (const m of pending) {
      await conn.query(m.sql.replaceAll(NO_PAD_BIN, noPadBin));
      await conn.execute(`INSERT INTO \`${MIGRATIONS_TABLE}\` (\`name\`, \`appliedAt\`) VALUES (?, ?)`, [m.name, new Date().toISOString()]);
      applied.push(m.name);
    }
    await conn.query("SELECT RELEASE_LOCK('tandem_migrate')");
    return applied;
  } finally {
    await conn.end();
  }
};

export const migrateDatabase = async ({ url }: { url: string }): Promise<{ applied: string[] }> => {
  const dialect = dialectOf(url);
  const files = readMigrations(dialect);
  const applied = dialect === 'sqlite' ? await migrateSqlite(url, files) : await migrateMysql(url, files);
  return { applied };
};
