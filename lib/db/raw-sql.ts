import type { Client, InValue } from '@libsql/client';
import type { TDialect } from '@/lib/db/dialect';

export type TSqlValue = string | number | null | Date;
export type TSqlRow = Record<string, unknown>;

// The few statements a server runs every second or two whatever happens (the
// collector's history batch, the idle looks of the run watcher, the notifier
// and the inventory stamp). Through Prisma each cost ≈ 1 ms of CPU on a
// 2-core VM at that rate (its client, query interpreter and adapter, cold at
// a statement a second), against ≈ 0.15 ms straight to the libsql client
// Prisma's own adapter uses; at 2 nodes that was ≈ a third of the server's
// CPU per poll. Values always travel as placeholders.
export type TRawSql = {
  dialect: TDialect;
  query: (sql: string, args?: readonly TSqlValue[]) => Promise<TSqlRow[]>;
  execute: (sql: string, args?: readonly TSqlValue[]) => Promise<number>;
};

// Prisma's libsql adapter stores DateTime as ISO 8601 text with "+00:00";
// what is written here must read back through Prisma unchanged.
const sqliteValue = (v: TSqlValue): InValue => (v instanceof Date ? v.toISOString().replace('Z', '+00:00') : v);

export const libsqlRaw = (client: () => Client | undefined, fallback: TRawSql): TRawSql => ({
  dialect: 'sqlite',
  query: async (sql, args = []) => {
    const c = client();
    if (!c) return fallback.query(sql, args);
    const r = await c.execute({ sql, args: args.map(sqliteValue) });
    return r.rows.map((row) => Object.fromEntries(r.columns.map((name, i) => [name, row[i]])));
  },
  execute: async (sql, args = []) => {
    const c = client();
    if (!c) return fallback.execute(sql, args);
    return (await c.execute({ sql, args: args.map(sqliteValue) })).rowsAffected;
  },
});

type TPrismaRaw = {
  $queryRawUnsafe: (query: string, ...values: unknown[]) => Promise<unknown>;
  $executeRawUnsafe: (query: string, ...values: unknown[]) => Promise<number>;
};

const isRowList = (x: unknown): x is TSqlRow[] => Array.isArray(x) && x.every((r) => typeof r === 'object' && r !== null);

export const prismaRaw = (db: TPrismaRaw, dialect: TDialect): TRawSql => ({
  dialect,
  query: async (sql, args = []) => {
    const rows = await db.$queryRawUnsafe(sql, ...args);
    if (!isRowList(rows)) throw new Error('raw query returned no rows');
    return rows;
  },
  execute: (sql, args = []) => db.$executeRawUnsafe(sql, ...args),
});

// A column read back raw: a count is a number or a bigint, a DateTime is a
// Date (MySQL) or its stored text (SQLite), NULL for no row.
export const sqlNumber = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : 0);
export const sqlTime = (v: unknown): number | null => {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : null;
  }
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
  return null;
};
