import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { BRIDGE, BRIDGE_ADDRESS, DRILL_NFT_TABLE, nodeAddress, netnsName, nodePaths, RUN_DIR, SUBNET_PREFIX, VIP, vethHost, vethNode, type TNodeName } from './config';
import { LabError, run } from './sys';

type TAddrInfo = { ifname: string; addr_info?: { local?: string; prefixlen?: number }[] }[];

const addresses = (netns?: string): { ifname: string; local: string }[] => {
  const args = [...(netns ? ['-n', netns] : []), '-j', 'addr', 'show'];
  const r = run('ip', args, { allowFail: true });
  if (r.code !== 0) return [];
  const parsed: TAddrInfo = JSON.parse(r.stdout || '[]');
  return parsed.flatMap((i) => (i.addr_info ?? []).map((a) => ({ ifname: i.ifname, local: a.local ?? '' })));
};

export const linkExists = (name: string): boolean => run('ip', ['link', 'show', name], { allowFail: true }).code === 0;
export const netnsExists = (name: string): boolean => run('ip', ['netns', 'list'], { allowFail: true }).stdout.split('\n').some((l) => l.split(' ')[0] === name);

// Refuse to build on top of someone else's use of 198.18.0.0/24.
export const assertRangeFree = (): void => {
  const clash = addresses().find((a) => a.local.startsWith(SUBNET_PREFIX) && a.ifname !== BRIDGE);
  if (clash) throw new LabError(`198.18.0.0/24 is already in use on ${clash.ifname} (${clash.local}); the lab needs that range to itself`);
};

export const createBridge = (): void => {
  if (!linkExists(BRIDGE)) run('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  if (!addresses().some((a) => a.ifname === BRIDGE && a.local === BRIDGE_ADDRESS)) run('ip', ['addr', 'add', `${BRIDGE_ADDRESS}/24`, 'dev', BRIDGE]);
  run('ip', ['link', 'set', BRIDGE, 'up']);
};

// A persistent UTS namespace per node gives it its own hostname; daemons
// enter it together with the network namespace (ip netns exec does not).
const createUts = (name: TNodeName): void => {
  const { uts } = nodePaths(name);
  mkdirSync(RUN_DIR, { recursive: true, mode: 0o700 });
  if (!existsSync(uts)) writeFileSync(uts, '');
  if (run('findmnt', ['-n', uts], { allowFail: true }).code !== 0) run('unshare', [`--uts=${uts}`, 'hostname', name]);
};

export const createNodeNetwork = (name: TNodeName): void => {
  const ns = netnsName(name);
  if (!netnsExists(ns)) run('ip', ['netns', 'add', ns]);
  if (!linkExists(vethHost(name))) {
    run('ip', ['link', 'add', vethHost(name), 'type', 'veth', 'peer', 'name', vethNode(name)]);
    run('ip', ['link', 'set', vethNode(name), 'netns', ns]);
    run('ip', ['-n', ns, 'link', 'set', vethNode(name), 'name', 'eth0']);
  }
  run('ip', ['link', 'set', vethHost(name), 'master', BRIDGE]);
  run('ip', ['link', 'set', vethHost(name), 'up']);
  if (!addresses(ns).some((a) => a.local === nodeAddress(name))) run('ip', ['-n', ns, 'addr', 'add', `${nodeAddress(name)}/24`, 'dev', 'eth0']);
  run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  run('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
  createUts(name);
};

// The command prefix that runs a program inside a node (network + hostname).
export const inNode = (name: TNodeName, cmd: string, args: string[]): [string, string[]] => [
  'nsenter',
  [`--net=/run/netns/${netnsName(name)}`, `--uts=${nodePaths(name).uts}`, '--', cmd, ...args],
];

export const holdsVip = (name: TNodeName): boolean => addresses(netnsName(name)).some((a) => a.local === VIP);

export const nodePids = (name: TNodeName): number[] =>
  run('ip', ['netns', 'pids', netnsName(name)], { allowFail: true })
    .stdout.split('\n')
    .map(Number)
    .filter((p) => Number.isInteger(p) && p > 1);

// isolate: drop every frame the bridge would forward to or from the node's
// port. Node-to-node traffic (replication, VRRP adverts) stops, so both nodes
// claim the VIP; traffic to the bridge's own address is delivered locally, not
// forwarded, so the control plane on 198.18.0.1 still reaches every node, as a
// monitoring host outside a real partition would.
const NFT_TABLE = 'tandem_lab';

const ensureNftTable = (): void => {
  run('nft', ['add', 'table', 'bridge', NFT_TABLE]);
  run('nft', ['add', 'chain', 'bridge', NFT_TABLE, 'forward', '{ type filter hook forward priority 0 ; policy accept ; }']);
};

const ruleHandles = (name: TNodeName): number[] => {
  const r = run('nft', ['-a', 'list', 'chain', 'bridge', NFT_TABLE, 'forward'], { allowFail: true });
  if (r.code !== 0) return [];
  return r.stdout
    .split('\n')
    .filter((l) => l.includes(`"${vethHost(name)}"`))
    .map((l) => Number(/# handle (\d+)/.exec(l)?.[1]))
    .filter((h) => Number.isInteger(h));
};

export const isolateNode = (name: TNodeName): void => {
  ensureNftTable();
  if (ruleHandles(name).length > 0) return;
  run('nft', ['add', 'rule', 'bridge', NFT_TABLE, 'forward', 'iifname', vethHost(name), 'drop']);
  run('nft', ['add', 'rule', 'bridge', NFT_TABLE, 'forward', 'oifname', vethHost(name), 'drop']);
};

export const healNode = (name: TNodeName): void => {
  for (const handle of ruleHandles(name)) run('nft', ['delete', 'rule', 'bridge', NFT_TABLE, 'forward', 'handle', String(handle)]);
};

// Cut off at the bridge (labctl fault isolate) or in its own namespace (a
// drill's service.sh isolate).
export const isIsolated = (name: TNodeName): boolean =>
  ruleHandles(name).length > 0 || run(...inNode(name, 'nft', ['list', 'table', 'inet', DRILL_NFT_TABLE]), { allowFail: true }).code === 0;

export const destroyIsolation = (): void => {
  run('nft', ['delete', 'table', 'bridge', NFT_TABLE], { allowFail: true });
};

export const destroyNodeNetwork = (name: TNodeName): void => {
  const { uts } = nodePaths(name);
  if (existsSync(uts)) {
    run('umount', [uts], { allowFail: true });
    rmSync(uts, { force: true });
  }
  if (netnsExists(netnsName(name))) run('ip', ['netns', 'del', netnsName(name)], { allowFail: true });
  if (linkExists(vethHost(name))) run('ip', ['link', 'del', vethHost(name)], { allowFail: true });
};

export const destroyBridge = (): void => {
  if (linkExists(BRIDGE)) run('ip', ['link', 'del', BRIDGE], { allowFail: true });
};
