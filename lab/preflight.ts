import { existsSync } from 'node:fs';
import { STATE_DIR } from './config';
import { LabError } from './sys';

// Binaries the lab runs, with the Debian package that provides each.
const REQUIRED: [string, string][] = [
  ['/usr/sbin/ip', 'iproute2'],
  ['/usr/bin/nsenter', 'util-linux'],
  ['/usr/bin/unshare', 'util-linux'],
  ['/usr/bin/setsid', 'util-linux'],
  ['/usr/sbin/mariadbd', 'mariadb-server'],
  ['/usr/bin/mariadb-install-db', 'mariadb-server'],
  ['/usr/bin/mariadb', 'mariadb-client'],
  ['/usr/sbin/keepalived', 'keepalived'],
  ['/usr/sbin/sshd', 'openssh-server'],
  ['/usr/bin/ssh-keygen', 'openssh-client'],
  ['/usr/sbin/nft', 'nftables'],
  // keepalived's uplink check (the recommended setup).
  ['/usr/bin/ping', 'iputils-ping'],
];

export const LAB_PACKAGES = [...new Set(REQUIRED.map(([, pkg]) => pkg))];

export const assertRoot = (): void => {
  if (process.getuid?.() !== 0) throw new LabError('the lab needs root (network namespaces, a bridge, daemons); run it with sudo');
};

export const assertPackages = (): void => {
  const missing = [...new Set(REQUIRED.filter(([bin]) => !existsSync(bin)).map(([, pkg]) => pkg))];
  if (missing.length > 0) throw new LabError(`missing Debian packages: ${missing.join(' ')} (apt-get install ${missing.join(' ')})`);
};

// keepalived splits script lines on spaces, so the state path must have none.
export const assertStatePath = (): void => {
  if (/\s/.test(STATE_DIR)) throw new LabError(`the lab state directory ${STATE_DIR} contains whitespace; move the checkout to a path without spaces`);
};
