import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient as SqliteClient } from '@/lib/db/generated/sqlite/client.ts';
import { PrismaClient as MysqlClient } from '@/lib/db/generated/mysql/client.ts';
import { dialectOf, SQLITE_BUSY_TIMEOUT_MS, toMariadbUrl, type TDialect } from '@/lib/db/dialect';
import { migrateDatabase } from '@/lib/db/migrate';
import { warnIfShared } from '@/lib/db/private-files';
import { getEnv } from '@/lib/env';
import { libsqlAdapterRaw, prismaRaw, type TLibSqlAdapter, type TRawSql } from '@/lib/db/raw-sql';
import { countDbWrite, WRITE_OPERATIONS } from '@/lib/metrics/count-db-write';

// Encrypted columns are unreachable by default; only agents/ opts back in.
const OMIT_SECRETS = {
  cluster: { probePasswordEnc: true },
  node: { sshPrivateKeyEnc: true, sshPassphraseEnc: true, mysqlPasswordEnc: true },
  user: { passwordHash: true },
  apiToken: { tokenHash: true },
  notificationChannel: { secret: true },
} as const;


// Every write is counted (tandem_db_writes_total): at fleet scale the
// collector's saves are the database's load, and /metrics should show it.
// A query extension changes no result type; it also sees writes inside
// interactive transactions. Only write operations are wrapped: reads pay
// nothing for it.
const countWrite = async <R>({ model, operation, args, query }: { model: string; operation: string; args: unknown; query: (args: unknown) => Promise<R> }): Promise<R> => {
  const result = await query(args);
  countDbWrite({ model, operation });
  return result;
};
const COUNT_WRITES = {
  query: {
    $allModels: Object.fromEntries(WRITE_OPERATIONS.map((operation) => [operation, countWrite])),
  },
};

// Keeps the adapter Prisma's client connects through (at its first query,
// again after a $disconnect), so lib/db/raw-sql.ts can use it too.
class LibSqlKeepingAdapter extends PrismaLibSql {
  adapter: TLibSqlAdapter | undefined;
  override async connect(): Promise<TLibSqlAdapter> {
    const adapter = await super.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (this.adapter === adapter) this.adapter = undefined;
      return dispose();
    };
    this.adapter = adapter;
    return adapter;
  }
}

const sqliteAdapter = (url: string) => new LibSqlKeepingAdapter({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
const createSqlite = (url: string, adapter = sqliteAdapter(url)) => new SqliteClient({ adapter, omit: OMIT_SECRETS }).$extends(COUNT_WRITES);

// Both clients are generated from one schema (scripts/db-generate.mjs), so they
// share the model API. TDb is the part the domain uses, spelled in SQLite's
// types minus what only one provider has (isolation levels; *AndReturn bulk ops).
type TSqliteDb = ReturnType<typeof createSqlite>;
type TPortable<T> = Omit<T, 'createManyAndReturn' | 'updateManyAndReturn'>;
export type TTx = {
  cluster: TPortable<TSqliteDb['cluster']>;
  node: TPortable<TSqliteDb['node']>;
  clusterSnapshot: TPortable<TSqliteDb['clusterSnapshot']>;
  lagSample: TPortable<TSqliteDb['lagSample']>;
  clusterEvent: TPortable<TSqliteDb['clusterEvent']>;
  user: TPortable<TSqliteDb['user']>;
  session: TPortable<TSqliteDb['session']>;
  apiToken: TPortable<TSqliteDb['apiToken']>;
  auditEvent: TPortable<TSqliteDb['auditEvent']>;
  actionRun: TPortable<TSqliteDb['actionRun']>;
  actionStep: TPortable<TSqliteDb['actionStep']>;
  notificationChannel: TPortable<TSqliteDb['notificationChannel']>;
  notificationRule: TPortable<TSqliteDb['notificationRule']>;
  notificationEvent: TPortable<TSqliteDb['notificationEvent']>;
  notificationMessage: TPortable<TSqliteDb['notificationMessage']>;
  notificationAttempt: TPortable<TSqliteDb['notificationAttempt']>;
  serverMember: TPortable<TSqliteDb['serverMember']>;
  clusterLease: TPortable<TSqliteDb['clusterLease']>;
};
export type TDb = TTx & {
  $transaction: <R>(fn: (tx: TTx) => Promise<R>, options?: { maxWait?: number; timeout?: number }) => Promise<R>;
  $disconnect: () => Promise<void>;
  // Only for what the model API cannot say (the database's own clock).
  // Values travel as placeholders (`?`), never spliced into the text.
  $queryRawUnsafe: (query: string, ...values: unknown[]) => Promise<unknown>;
  // Values travel as placeholders (`?`), never spliced into the text.
  $executeRawUnsafe: (query: string, ...values: unknown[]) => Promise<number>;
};

// TypeScript cannot prove two separately generated clients alike (their
// conditional result types are distinct declarations), so the MySQL client is
// checked at runtime for the delegates the domain uses instead of cast.
const DELEGATE_METHODS = ['findMany', 'findUnique', 'findFirst', 'create', 'update', 'delete', 'deleteMany', 'count'] as const;
const isPortableDb = (client: object): client is TDb =>
  ['cluster', 'node', 'clusterSnapshot', 'lagSample', 'clusterEvent', 'user', 'session', 'apiToken', 'auditEvent', 'actionRun', 'actionStep', 'notificationChannel', 'notificationRule', 'notificationEvent', 'notificationMessage', 'notificationAttempt', 'serverMember', 'clusterLease'].every((model) => {
    const delegate: unknown = Reflect.get(client, model);
    return typeof delegate === 'object' && delegate !== null && DELEGATE_METHODS.every((m) => typeof Reflect.get(delegate, m) === 'function');
  }) && typeof Reflect.get(client, '$transaction') === 'function' && typeof Reflect.get(client, '$queryRawUnsafe') === 'function' && typeof Reflect.get(client, '$executeRawUnsafe') === 'function';

const createMysql = (url: string): TDb => {
  const client = new MysqlClient({ adapter: new PrismaMariaDb(toMariadbUrl(url)), omit: OMIT_SECRETS }).$extends(COUNT_WRITES);
  if (!isPortableDb(client)) throw new Error('generated MySQL client lacks the inventory models; run npm run db:generate');
  return client;
};

export type TDatabase = { db: TDb; dialect: TDialect; url: string };

// The custom server and Next's bundles load this module separately; keep one
// client per process on globalThis.
const store = globalThis as typeof globalThis & { __tandemDb?: Promise<TDatabase>; __tandemRawSql?: WeakMap<TDb, TRawSql> };

// The cheap path for the server's steady statements (lib/db/raw-sql.ts), and
// which SQL a handle speaks (a multi-row upsert Prisma cannot express
// portably). Handles not opened here (a test's wrapper) have none, and their
// callers fall back to Prisma's own operations. On globalThis like the
// client: the handle may come from another bundle's copy of this module.
const raws = (store.__tandemRawSql ??= new WeakMap<TDb, TRawSql>());
export const rawSqlOf = (db: TDb): TRawSql | undefined => raws.get(db);

export const openDatabase = async (url: string): Promise<TDatabase> => {
  await migrateDatabase({ url });
  const dialect = dialectOf(url);
  let db: TDb;
  if (dialect === 'sqlite') {
    const adapter = sqliteAdapter(url);
    db = createSqlite(url, adapter);
    raws.set(db, libsqlAdapterRaw(() => adapter.adapter, prismaRaw(db, dialect)));
  } else {
    db = createMysql(url);
    raws.set(db, prismaRaw(db, dialect));
  }
  return { db, dialect, url };
};

export const getDatabase = (): Promise<TDatabase> => {
  if (!store.__tandemDb) {
    const env = getEnv();
    store.__tandemDb = openDatabase(env.databaseUrl)
      .then((database) => {
        warnIfShared(env.dataDir);
        return database;
      })
      .catch((e: unknown) => {
        store.__tandemDb = undefined;
        throw e;
      });
  }
  return store.__tandemDb;
};

export const getDb = async (): Promise<TDb> => (await getDatabase()).db;

export const closeDatabase = async (): Promise<void> => {
  const current = store.__tandemDb;
  store.__tandemDb = undefined;
  if (current) await (await current).db.$disconnect();
};
