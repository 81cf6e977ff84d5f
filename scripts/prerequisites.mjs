// What a fresh machine needs before Tandem can run or be tested, shared by
// `npm run demo` and `npm test`: Debian packages, node_modules, the generated
// Prisma clients and a production build that is not older than the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const DEBIAN_PACKAGES = {
  chromium: '/usr/bin/chromium',
  'mariadb-server': '/usr/sbin/mariadbd',
  'mariadb-client': '/usr/bin/mariadb',
  keepalived: '/usr/sbin/keepalived',
  'openssh-server': '/usr/sbin/sshd',
  iproute2: '/usr/sbin/ip',
  nftables: '/usr/sbin/nft',
  'iputils-ping': '/usr/bin/ping',
};

// The tests also use promtool (Prometheus's checks of /metrics and the alert
// rules; measured here: 21 s to install, 96 MB, its dependencies small
// JavaScript libraries) and redis-server (the multi-server tests start their
// own on ports 6390–6399). The demo needs neither.
export const TEST_DEBIAN_PACKAGES = { ...DEBIAN_PACKAGES, prometheus: '/usr/bin/promtool', 'redis-server': '/usr/bin/redis-server' };

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
};

export const ensureDebianPackages = (packages = DEBIAN_PACKAGES) => {
  const missing = Object.entries(packages).filter(([, bin]) => !existsSync(bin)).map(([pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages: ${missing.join(' ')} (run as root, or: sudo apt-get install ${missing.join(' ')})`);
  console.error(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};

export const ensureNodeModules = () => {
  if (existsSync('node_modules/.package-lock.json') && existsSync('lib/db/generated/sqlite/client.ts')) return;
  console.error('installing npm packages');
  run('npm', ['install', '--no-audit', '--no-fund']);
};

const SOURCES = ['app', 'components', 'lib', 'next.config.js', 'package.json', 'postcss.config.mjs', 'tsconfig.json'];
const newestMtime = (p) => {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p).reduce((m, f) => (f === 'generated' ? m : Math.max(m, newestMtime(path.join(p, f)))), st.mtimeMs);
};

export const ensureBuild = () => {
  const built = existsSync('.next/BUILD_ID') ? statSync('.next/BUILD_ID').mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestMtime))) return;
  console.error('building Tandem (next build)');
  run('npx', ['--no-install', 'next', 'build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
};
