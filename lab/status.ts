import { existsSync } from 'node:fs';
import { BRIDGE, DEFAULT_OPTIONS, labNodes, netnsName, nodeAddress, STATE_DIR, VIP, type TLabOptions, type TNodeName } from './config';
import { keepalivedPid, keepalivedState } from './keepalived';
import { mysqldPid, readOnly } from './mariadb';
import { holdsVip, isIsolated, linkExists, netnsExists } from './network';
import { slaveStatus } from './replication';
import { sshdPid } from './sshd';
import { readState } from './state';

export type TNodeStatus = {
  name: TNodeName;
  address: string;
  netns: boolean;
  isolated: boolean;
  holdsVip: boolean;
  mysqld: boolean;
  sshd: boolean;
  keepalived: boolean;
  keepalivedState: string | null;
  readOnly: boolean | null;
  ioRunning: string | null;
  sqlRunning: string | null;
  secondsBehindMaster: number | null;
  lastIoErrno: number | null;
  lastSqlErrno: number | null;
};

export type TLabStatus = { up: boolean; bridge: boolean; vip: string; vipHolders: TNodeName[]; options: TLabOptions; nodes: TNodeStatus[] };

const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

const nodeStatus = async (name: TNodeName): Promise<TNodeStatus> => {
  const mysqld = mysqldPid(name) !== undefined;
  const ro = mysqld ? await readOnly(name) : null;
  let slave: Awaited<ReturnType<typeof slaveStatus>> | null = null;
  if (mysqld) {
    try {
      slave = (await slaveStatus(name)) ?? null;
    } catch {
      /* reported as unknown */
    }
  }
  const ns = netnsExists(netnsName(name));
  return {
    name,
    address: nodeAddress(name),
    netns: ns,
    isolated: ns && isIsolated(name),
    holdsVip: ns && holdsVip(name),
    mysqld,
    sshd: sshdPid(name) !== undefined,
    keepalived: keepalivedPid(name) !== undefined,
    keepalivedState: keepalivedState(name),
    readOnly: ro,
    ioRunning: slave ? String(slave.Slave_IO_Running) : null,
    sqlRunning: slave ? String(slave.Slave_SQL_Running) : null,
    secondsBehindMaster: slave ? num(slave.Seconds_Behind_Master) : null,
    lastIoErrno: slave ? num(slave.Last_IO_Errno) : null,
    lastSqlErrno: slave ? num(slave.Last_SQL_Errno) : null,
  };
};

export const labStatus = async (): Promise<TLabStatus> => {
  const state = readState();
  const options = state?.options ?? DEFAULT_OPTIONS;
  const nodes = existsSync(STATE_DIR) ? await Promise.all(labNodes(options).map(nodeStatus)) : [];
  return {
    up: state !== undefined && nodes.length > 0 && nodes.every((n) => n.netns),
    bridge: linkExists(BRIDGE),
    vip: VIP,
    vipHolders: nodes.filter((n) => n.holdsVip).map((n) => n.name),
    options,
    nodes,
  };
};

const yes = (b: boolean) => (b ? 'up' : 'DOWN');

export const formatStatus = (s: TLabStatus): string => {
  if (!s.up) return `lab is down${s.bridge ? ' (a bridge is left over: run labctl down)' : ''}`;
  const holders = s.vipHolders.length === 0 ? 'NOBODY' : s.vipHolders.join(' AND ');
  const lines = [`VIP ${s.vip} held by: ${holders}${s.vipHolders.length > 1 ? '  <-- SPLIT BRAIN' : ''}`];
  lines.push('NODE   ADDRESS       MYSQLD SSHD KEEPALIVED  VRRP     IO          SQL  LAG   RO   ERRNO(IO/SQL)');
  for (const n of s.nodes) {
    lines.push(
      [
        n.name.padEnd(6),
        n.address.padEnd(13),
        yes(n.mysqld).padEnd(6),
        yes(n.sshd).padEnd(4),
        yes(n.keepalived).padEnd(11),
        (n.keepalivedState ?? '-').padEnd(8),
        (n.ioRunning ?? '-').padEnd(11),
        (n.sqlRunning ?? '-').padEnd(4),
        String(n.secondsBehindMaster ?? '-').padEnd(5),
        (n.readOnly === null ? '-' : n.readOnly ? 'ON' : 'OFF').padEnd(4),
        `${n.lastIoErrno ?? '-'}/${n.lastSqlErrno ?? '-'}${n.isolated ? '  ISOLATED' : ''}`,
      ].join(' '),
    );
  }
  return lines.join('\n');
};
