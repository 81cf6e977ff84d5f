import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { logger } from '@/lib/log';

// The inventory holds encrypted secrets, password hashes and session tokens:
// only Tandem's user may read it. SQLite gives a -journal, -wal or -shm file
// the mode of the database file, so a database created 0600 stays private
// whatever the process umask, with no umask juggling around the open.
const SIDECARS = ['', '-journal', '-wal', '-shm'];

const isShared = (p: string): boolean => (statSync(p).mode & 0o077) !== 0;

// Creates the directory (and missing parents) 0700 and the database file 0600
// before SQLite opens it (an empty file is a valid empty database); tightens
// files left 0644 by older versions.
export const prepareSqliteFile = (file: string): void => {
  const dir = path.dirname(path.resolve(file));
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The umask may have taken more than group and other bits; ours stays usable.
  if (created) chmodSync(dir, 0o700);
  closeSync(openSync(file, 'a', 0o600));
  for (const suffix of SIDECARS) {
    const p = `${file}${suffix}`;
    if (existsSync(p) && isShared(p)) chmodSync(p, 0o600);
  }
};

// An existing data directory is the operator's: say so rather than chmod it.
export const warnIfShared = (dir: string): void => {
  if (!existsSync(dir) || !isShared(dir)) return;
  const mode = (statSync(dir).mode & 0o777).toString(8).padStart(4, '0');
  logger.warn('the data directory is open to other users; it holds the secret key and inventory', { dir, mode, fix: `chmod 700 ${dir}` });
};
