import type { PrismaLibSql } from '@prisma/adapter-libsql';
import type { TDialect } from '@/lib/db/dialect';

export type TSqlValue = string | number | null | Date;
export type TSqlRow = Record<string, unknown>;

// The few statements a server runs every second or two whatever happens (the
// collector's history batch, the idle looks of the run watcher, the notifier
// and the inventory stamp). Through Prisma's client each cost ≈ 1 ms of CPU
// on a 2-core VM at that rate (its request handling and query interpreter,
// cold at a statement a second), against ≈ 0.45 ms given straight to the
// libsql adapter underneath it; at 2 nodes that was a good part of the
// server's CPU per poll. Values always travel as placeholders.
export type TRawSql = {
  dialect: TDialect;
  query: (sql: string, args?: readonly TSqlValue[]) => Promise<TSqlRow[]>;
  execute: (sql: string, args?: readonly TSqlValue[]) => Promise<number>;
};

// The adapter Prisma's client runs on, not the libsql client inside it: the
// adapter holds a lock for each statement and for the whole of a
// transaction, so a statement here waits for an open transaction exactly as
// Prisma's own do (on the bare client it would run on a second connection
// and meet the transaction's write lock: SQLITE_BUSY, the event loop held
// for the busy timeout). It also writes a Date as Prisma stores it.
export type TLibSqlAdapter = Awaited<ReturnType<PrismaLibSql['connect']>>;
type TSqlQuery = Parameters<TLibSqlAdapter['queryRaw']>[0];

const argTypeOf = (v: TSqlValue): TSqlQuery['argTypes'][number] => ({
  scalarType: v instanceof Date ? 'datetime' : typeof v === 'number' ? 'float' : v === null ? 'unknown' : 'string',
  arity: 'scalar',
});
const sqlQuery = (sql: string, args: readonly TSqlValue[]): TSqlQuery => ({ sql, args: [...args], argTypes: args.map(argTypeOf) });

export const libsqlAdapterRaw = (adapter: () => TLibSqlAdapter | undefined, fallback: TRawSql): TRawSql => ({
  dialect: 'sqlite',
  query: async (sql, args = []) => {
    const a = adapter();
    if (!a) return fallback.query(sql, args);
    const r = await a.queryRaw(sqlQuery(sql, args));
    return r.rows.map((row) => Object.fromEntries(r.columnNames.map((name, i) => [name, row[i]])));
  },
  execute: async (sql, args = []) => {
    const a = adapter();
    if (!a) return fallback.execute(sql, args);
    return a.executeRaw(sqlQuery(sql, args));
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
