export type TDialect = 'sqlite' | 'mysql';

// The server and a CLI (a switchover run, every step stored) write the same
// file at once. libsql's default busy timeout is 0: the second writer got
// SQLITE_BUSY at once, mid-run (seen in the lab: a switchover's step could
// not be stored while the server's collector saved a snapshot; in CI: one of
// three CLI commands started together failed in its start-up migration
// check). Every connection waits instead.
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export const dialectOf = (url: string): TDialect => (url.startsWith('file:') ? 'sqlite' : 'mysql');

// The mariadb driver behind Prisma's adapter only knows mariadb:// URLs.
export const toMariadbUrl = (url: string): string => url.replace(/^mysql:\/\//, 'mariadb://');
