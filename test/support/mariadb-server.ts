import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { exitedWithin } from './child-exit';

// A real MariaDB server for the integration suite: its own datadir under /tmp,
// 127.0.0.1 on a free port, started here and stopped (by pid) afterwards.
declare module 'vitest' {
  export interface ProvidedContext {
    mariadbUrl: string;
  }
}

const BIN_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/bin'];
const findBin = (names: string[]): string => {
  for (const dir of BIN_DIRS) for (const n of names) if (existsSync(path.join(dir, n))) return path.join(dir, n);
  throw new Error(`${names[0]} not found: install mariadb-server (apt-get install mariadb-server)`);
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });


const startMariadb = async (): Promise<{ url: string; stop: () => Promise<void> }> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-mariadb-'));
  const datadir = path.join(dir, 'data');
  mkdirSync(path.join(dir, 'tmp'));
  const install = spawnSync(
    findBin(['mariadb-install-db', 'mysql_install_db']),
    ['--no-defaults', `--datadir=${datadir}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);

  const port = await freePort();
  const child = spawn(
    findBin(['mariadbd', 'mysqld']),
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${path.join(dir, 'mysqld.sock')}`,
      `--pid-file=${path.join(dir, 'mysqld.pid')}`,
      `--tmpdir=${path.join(dir, 'tmp')}`,
      `--log-error=${path.join(dir, 'error.log')}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--user=root',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=32M',
      '--performance-schema=OFF',
    ],
    { stdio: 'ignore' },
  );

  const stop = async () => {
    child.kill('SIGTERM');
    if (!(await exitedWithin(child, 30_000))) child.kill('SIGKILL');
    await exitedWithin(child, 5_000);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const password = `t${Math.random().toString(36).slice(2)}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mariadbd exited early (code ${child.exitCode}); see ${dir}/error.log`);
      try {
        const conn = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000 });
        await conn.query('CREATE USER ?@? IDENTIFIED BY ?', ['tandem_test', '127.0.0.1', password]);
        await conn.query('GRANT ALL PRIVILEGES ON *.* TO ?@? WITH GRANT OPTION', ['tandem_test', '127.0.0.1']);
        await conn.end();
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    return { url: `mysql://tandem_test:${password}@127.0.0.1:${port}`, stop };
  } catch (e) {
    await stop();
    throw e;
  }
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { url, stop } = await startMariadb();
  project.provide('mariadbUrl', url);
  return stop;
}
