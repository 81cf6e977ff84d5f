import { existsSync, rmSync } from 'node:fs';
import { NODE_NAMES, nodePaths, RUN_DIR, STATE_DIR, type TNodeName } from './config';
import { keepalivedPid } from './keepalived';
import { mysqldPid } from './mariadb';
import { destroyBridge, destroyIsolation, destroyNodeNetwork, nodePids } from './network';
import { sshdPid } from './sshd';
import { isAlive, log, sleep, stopPid } from './sys';

// Stops a node's daemons by their pid files, then anything else still
// running inside its namespace (only the lab starts processes there, e.g. an
// sshd session), and removes the namespace.
const downNode = async (name: TNodeName): Promise<void> => {
  const keepalived = keepalivedPid(name);
  if (keepalived !== undefined) await stopPid(keepalived, 10_000);
  const daemons = [sshdPid(name), mysqldPid(name)].filter((p): p is number => p !== undefined);
  await Promise.all(daemons.map((p) => stopPid(p, 20_000)));
  await Promise.all(nodePids(name).map((p) => stopPid(p, 5_000)));
  // Nothing of the node may outlive `down`: anything still alive in its
  // namespace (a check script keepalived had just started) is waited for,
  // then killed; exited processes are given a moment to be reaped.
  const deadline = Date.now() + 10_000;
  while (nodePids(name).some(isAlive) && Date.now() < deadline) await sleep(50);
  for (const pid of nodePids(name).filter(isAlive)) await stopPid(pid, 1000);
  const reaped = Date.now() + 3000;
  while (nodePids(name).length > 0 && Date.now() < reaped) await sleep(50);
  destroyNodeNetwork(name);
};

export const labDown = async ({ quiet = false }: { quiet?: boolean } = {}): Promise<void> => {
  if (!quiet) log('taking the lab down');
  await Promise.all(NODE_NAMES.map(downNode));
  destroyBridge();
  destroyIsolation();
  for (const name of NODE_NAMES) rmSync(nodePaths(name).uts, { force: true });
  if (existsSync(RUN_DIR)) rmSync(RUN_DIR, { recursive: true, force: true });
  if (existsSync(STATE_DIR)) rmSync(STATE_DIR, { recursive: true, force: true });
  if (!quiet) log('lab is down');
};
