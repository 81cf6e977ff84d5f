#!/usr/bin/env node
// `npm run demo`: Tandem on the embedded default (SQLite in data/) at
// http://127.0.0.1:3000. As root it first builds the lab (a real MariaDB
// dual-master + keepalived pair in network namespaces) and imports it as the
// cluster "lab"; Ctrl-C stops Tandem and takes the lab down again.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import serverNodeFlags from './server-node-flags.json' with { type: 'json' };
import { DEBIAN_PACKAGES, ensureBuild, ensureDebianPackages, ensureNodeModules } from './prerequisites.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const say = (msg) => console.error(`demo: ${msg}`);
const isRoot = process.getuid?.() === 0;
const LAB_PACKAGES = { keepalived: '/usr/sbin/keepalived', 'openssh-server': '/usr/sbin/sshd', iproute2: '/usr/sbin/ip', nftables: '/usr/sbin/nft', 'iputils-ping': '/usr/bin/ping', 'mariadb-server': DEBIAN_PACKAGES['mariadb-server'], 'mariadb-client': DEBIAN_PACKAGES['mariadb-client'] };

ensureNodeModules();
ensureBuild();

let labIsUp = false;
if (!isRoot) {
  say('not running as root, so no lab: starting Tandem alone (run `sudo npm run demo` for the lab pair)');
} else {
  try {
    ensureDebianPackages(LAB_PACKAGES);
    const up = spawnSync('lab/labctl', ['up'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
    if (up.status !== 0) throw new Error(`labctl up exited ${up.status}`);
    labIsUp = true;
    const imported = spawnSync(process.execPath, ['scripts/tandem.mjs', 'import', 'lab/.state/inventory.json'], { stdio: 'inherit' });
    if (imported.status !== 0) throw new Error('importing the lab inventory failed');
  } catch (e) {
    say(`the lab could not be started (${e.message}); starting Tandem alone`);
  }
}

// First run: an admin with a generated password, printed once.
const users = spawnSync(process.execPath, ['scripts/tandem.mjs', 'users', 'list', '--json'], { encoding: 'utf8' });
if (users.status === 0 && users.stdout.trim() === '[]') {
  const password = randomBytes(12).toString('base64url');
  const made = spawnSync(process.execPath, ['scripts/tandem.mjs', 'users', 'add', 'admin', '--role', 'admin', '--password-stdin'], { input: password, encoding: 'utf8' });
  if (made.status === 0) {
    console.error(`\ndemo: sign in at http://127.0.0.1:${process.env.PORT ?? '3000'} as "admin" with password ${password}`);
    console.error('demo: (shown once; add users with `npx tandem users add NAME --role viewer|operator|admin`)\n');
  } else {
    say(`could not create the first admin: ${made.stderr.trim()}`);
  }
}

const takeLabDown = () => {
  if (!labIsUp) return;
  labIsUp = false;
  spawnSync('lab/labctl', ['down'], { stdio: 'inherit', timeout: 120_000 });
};

const server = spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', 'server.ts'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', HOST: process.env.HOST ?? '127.0.0.1', PORT: process.env.PORT ?? '3000' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => {
  takeLabDown();
  process.exit(code ?? (signal ? 0 : 1));
});
