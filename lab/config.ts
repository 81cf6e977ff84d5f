import path from 'node:path';

// The lab's fixed topology: a bridge in the root namespace and one network
// namespace per node, all inside 198.18.0.0/24 (RFC 2544 benchmarking space,
// never routed). Nothing here is configurable from the command line except
// the options below, so no input reaches a command unvalidated.
export const SUBNET_PREFIX = '198.18.0.';
export const BRIDGE = 'tandem-br0';
export const BRIDGE_ADDRESS = '198.18.0.1';
export const VIP = '198.18.0.100';
export const VRID = 51;
export const MYSQL_PORT = 3306;
export const CLUSTER_NAME = 'lab';
// The nftables table (family inet) a node's service.sh isolate creates in
// the node's own namespace; `labctl fault isolate` uses a bridge table instead.
export const DRILL_NFT_TABLE = 'tandem_drill';

// The default lab is the recommended setup: both nodes BACKUP with
// nopreempt, a health check that sends a failing node to FAULT (weight 0),
// the passive node read_only (keepalived's notify script sets read_only to
// match every transition) and a track file Tandem can write to move the VIP
// on purpose. `seed` is the seed guide's arrangement instead: node1 MASTER
// with preempt, a weighted check (-5), both nodes writable, no read_only
// handling, no track file. `fastFailover` keeps preempt (node1 MASTER) with
// the FAULT check; `nopreempt` matters for the seed lab (the default has it).
export type TLabOptions = { nodes: 2 | 3; gtid: boolean; nopreempt: boolean; fastFailover: boolean; seed: boolean };
export const DEFAULT_OPTIONS: TLabOptions = { nodes: 2, gtid: false, nopreempt: false, fastFailover: false, seed: false };

export const isPreempt = (o: TLabOptions): boolean => (o.seed ? !o.nopreempt : o.fastFailover && !o.nopreempt);

export type TNodeName = 'node1' | 'node2' | 'node3';
export const NODE_NAMES: readonly TNodeName[] = ['node1', 'node2', 'node3'];
export const isNodeName = (s: string): s is TNodeName => (NODE_NAMES as readonly string[]).includes(s);

export const nodeIndex = (name: TNodeName): number => NODE_NAMES.indexOf(name) + 1;
export const nodeAddress = (name: TNodeName): string => `${SUBNET_PREFIX}${10 + nodeIndex(name)}`;
export const netnsName = (name: TNodeName): string => `tandem-${name}`;
export const vethHost = (name: TNodeName): string => `tnd${nodeIndex(name)}-host`;
export const vethNode = (name: TNodeName): string => `tnd${nodeIndex(name)}-node`;

export const labNodes = (options: TLabOptions): TNodeName[] => NODE_NAMES.slice(0, options.nodes);

// node3, when present, is a plain replica of node1 and never holds the VIP.
export const isMasterNode = (name: TNodeName): boolean => name !== 'node3';
export const peerOf = (name: TNodeName): TNodeName => (name === 'node1' ? 'node2' : 'node1');

export const LAB_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname));
export const STATE_DIR = path.join(LAB_DIR, '.state');
export const RUN_DIR = '/run/tandem-lab';

export type TNodePaths = {
  dir: string;
  myCnf: string;
  datadir: string;
  socket: string;
  mysqldPid: string;
  mysqldLog: string;
  tmpdir: string;
  sshdConfig: string;
  sshdPid: string;
  sshdLog: string;
  hostKey: string;
  authorizedKeys: string;
  keepalivedConf: string;
  keepalivedPid: string;
  vrrpPid: string;
  checkersPid: string;
  keepalivedLog: string;
  notifyLog: string;
  checkScript: string;
  notifyScript: string;
  maintFile: string;
  uts: string;
};

export const nodePaths = (name: TNodeName): TNodePaths => {
  const dir = path.join(STATE_DIR, name);
  return {
    dir,
    myCnf: path.join(dir, 'my.cnf'),
    datadir: path.join(dir, 'mysql'),
    socket: path.join(dir, 'mysqld.sock'),
    mysqldPid: path.join(dir, 'mysqld.pid'),
    mysqldLog: path.join(dir, 'mysqld.err'),
    tmpdir: path.join(dir, 'tmp'),
    sshdConfig: path.join(dir, 'sshd_config'),
    sshdPid: path.join(dir, 'sshd.pid'),
    sshdLog: path.join(dir, 'sshd.log'),
    hostKey: path.join(dir, 'ssh_host_ed25519_key'),
    authorizedKeys: path.join(dir, 'authorized_keys'),
    keepalivedConf: path.join(dir, 'keepalived.conf'),
    keepalivedPid: path.join(dir, 'keepalived.pid'),
    vrrpPid: path.join(dir, 'vrrp.pid'),
    checkersPid: path.join(dir, 'checkers.pid'),
    keepalivedLog: path.join(dir, 'keepalived.log'),
    notifyLog: path.join(dir, 'notify.log'),
    checkScript: path.join(dir, 'chk_mysql.sh'),
    notifyScript: path.join(dir, 'notify.sh'),
    // keepalived's track_file: a non-zero number puts the instance in FAULT.
    maintFile: path.join(dir, 'tandem-maint'),
    uts: path.join(RUN_DIR, `uts-${name}`),
  };
};

export const labPaths = {
  state: path.join(STATE_DIR, 'lab.json'),
  inventory: path.join(STATE_DIR, 'inventory.json'),
  clientKey: path.join(STATE_DIR, 'id_ed25519'),
};
