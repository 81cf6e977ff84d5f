import { existsSync, mkdirSync } from 'node:fs';
import { BRIDGE, isMasterNode, labNodes, STATE_DIR, type TLabOptions } from './config';
import { labDown } from './down';
import { writeInventory } from './inventory';
import { configureKeepalived, startKeepalived } from './keepalived';
import { installDatadir, readOnly, startMysqld } from './mariadb';
import { assertRangeFree, createBridge, createNodeNetwork, holdsVip, linkExists } from './network';
import { assertPackages, assertRoot, assertStatePath } from './preflight';
import { configureReplication, createAppSchema, createUsers, newSecrets, waitCaughtUp, waitReplicationRunning } from './replication';
import { writeServiceScript } from './service';
import { configureSshd, ensureClientKey, startSshd } from './sshd';
import { readState, writeState } from './state';
import { labStatus } from './status';
import { log, waitFor } from './sys';

const sameOptions = (a: TLabOptions, b: TLabOptions) => a.nodes === b.nodes && a.gtid === b.gtid && a.nopreempt === b.nopreempt && a.fastFailover === b.fastFailover && a.seed === b.seed;

// Healthy = every daemon alive, replication running, VIP on exactly one node.
const isHealthy = async (options: TLabOptions): Promise<boolean> => {
  const s = await labStatus();
  return (
    s.up &&
    s.vipHolders.length === 1 &&
    s.nodes.every((n) => n.mysqld && n.sshd && (n.keepalived || !isMasterNode(n.name)) && n.ioRunning === 'Yes' && n.sqlRunning === 'Yes' && !n.isolated) &&
    s.nodes.length === options.nodes
  );
};

// Brings the lab up and returns the inventory document. Idempotent: a healthy
// lab with the same options is left as it is; anything else (a crash, a
// half-finished run, other options) is taken down first and rebuilt.
export const labUp = async (options: TLabOptions): Promise<string> => {
  assertRoot();
  assertPackages();
  assertStatePath();
  const previous = readState();
  if (previous && sameOptions(previous.options, options) && (await isHealthy(options))) {
    log('lab is already up and healthy');
    labNodes(options).forEach(writeServiceScript);
    return writeInventory(options, previous.secrets);
  }
  if (previous || existsSync(STATE_DIR) || linkExists(BRIDGE)) {
    log('cleaning up an earlier lab first');
    await labDown({ quiet: true });
  }
  assertRangeFree();

  const started = Date.now();
  const nodes = labNodes(options);
  const secrets = newSecrets();
  mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
  writeState({ options, secrets, createdAt: new Date().toISOString() });
  try {
    log(`network: bridge ${BRIDGE}, ${nodes.length} namespaces`);
    createBridge();
    nodes.forEach(createNodeNetwork);
    ensureClientKey();

    log('mariadb: datadirs and servers');
    for (const n of nodes) mkdirSync(`${STATE_DIR}/${n}`, { recursive: true, mode: 0o700 });
    await Promise.all(nodes.map((n) => installDatadir(n, options)));
    await Promise.all(nodes.map(startMysqld));
    await Promise.all(nodes.map((n) => createUsers(n, secrets)));

    log(`replication: ${options.gtid ? 'GTID' : 'binlog file/position'}`);
    await configureReplication(nodes, options, secrets);
    await waitReplicationRunning(nodes);
    await createAppSchema();
    await waitCaughtUp(nodes);

    log('sshd and keepalived');
    nodes.forEach(configureSshd);
    await Promise.all(nodes.map(startSshd));
    const masters = nodes.filter(isMasterNode);
    masters.forEach((n) => configureKeepalived(n, options));
    nodes.forEach(writeServiceScript);
    // node1 first, until it holds the VIP: with both nodes BACKUP
    // (nopreempt) whoever starts first would win, and the lab promises node1.
    const [first, ...rest] = masters;
    if (first) {
      await startKeepalived(first);
      await waitFor(`${first} to take the VIP`, () => holdsVip(first), 30_000, 50);
    }
    await Promise.all(rest.map(startKeepalived));
    await waitFor('the VIP to be held by exactly one node', () => masters.filter(holdsVip).length === 1, 30_000, 100);
    if (!options.seed) await waitFor('read_only to follow the VIP', async () => (await Promise.all(masters.map(async (n) => (await readOnly(n)) === !holdsVip(n)))).every(Boolean), 30_000, 100);
  } catch (e) {
    log(`up failed; the partial lab is left for inspection in ${STATE_DIR} — run labctl down to remove it`);
    throw e;
  }
  log(`lab is up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return writeInventory(options, secrets);
};
