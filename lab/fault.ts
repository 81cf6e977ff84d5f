import { randomBytes } from 'node:crypto';
import type { TNodeName } from './config';
import { corruptRelay } from './corrupt-relay';
import { keepalivedPid, startKeepalived } from './keepalived';
import { mysqldPid, query, startMysqld, stopMysqld } from './mariadb';
import { healNode, holdsVip, isolateNode } from './network';
import { slaveStatus } from './replication';
import { breakGrant, conflict, fixGrant, missingRow, plantDrift, sourceOf, stopReplication } from './replication-faults';
import { readState } from './state';
import { LabError, stopPid, waitFor } from './sys';

export const FAULT_KINDS = [
  'stop-mysqld',
  'kill-mysqld',
  'start-mysqld',
  'stop-keepalived',
  'start-keepalived',
  'isolate',
  'heal',
  'break-binlog',
  'errant-write',
  'lag',
  'stop-replication',
  'conflict',
  'missing-row',
  'break-grant',
  'fix-grant',
  'corrupt-relay',
  'plant-drift',
] as const;
export type TFaultKind = (typeof FAULT_KINDS)[number];
export const isFaultKind = (s: string): s is TFaultKind => (FAULT_KINDS as readonly string[]).includes(s);

// A real error 1236: while NODE's replica is stopped, its source writes, rotates
// and purges the binlog NODE still needs, so the events are gone for good.
const breakBinlog = async (node: TNodeName): Promise<string> => {
  const source = sourceOf(node);
  await query(node, 'STOP SLAVE');
  for (let i = 0; i < 3; i++) {
    await query(source, 'INSERT INTO app.filler (note, at) VALUES (?, ?)', [`lost-${randomBytes(3).toString('hex')}`, Date.now()]);
    await query(source, 'FLUSH BINARY LOGS');
  }
  const [status] = await query<{ File: string }[]>(source, 'SHOW MASTER STATUS');
  if (!status) throw new LabError(`${source} has no binary log`);
  await query(source, 'PURGE BINARY LOGS TO ?', [status.File]);
  await query(node, 'START SLAVE');
  await waitFor(`error 1236 on ${node}`, async () => Number((await slaveStatus(node))?.Last_IO_Errno) === 1236, 20_000, 200);
  const s = await slaveStatus(node);
  return `${node}: IO thread stopped with error 1236 (${String(s?.Last_IO_Error ?? '')}); binlogs on ${source} purged up to ${status.File}`;
};

const errantWrite = async (node: TNodeName): Promise<string> => {
  if (holdsVip(node)) throw new LabError(`${node} holds the VIP; an errant write goes to the node that does not`);
  const note = `errant-${randomBytes(3).toString('hex')}`;
  await query(node, 'INSERT INTO app.filler (note, at) VALUES (?, ?)', [note, Date.now()]);
  return `${node}: wrote app.filler note=${note} directly, bypassing the VIP`;
};

// MASTER_DELAY holds the SQL thread back by SECONDS, so the replica really
// falls behind while writes continue (and Seconds_Behind_Master shows it);
// `lag 0 NODE` ends it.
const lag = async (node: TNodeName, arg: string | undefined): Promise<string> => {
  const seconds = Number(arg);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600) throw new LabError('lag needs SECONDS, an integer 0–3600');
  // MariaDB changes MASTER_DELAY only with both threads stopped.
  await query(node, 'STOP SLAVE');
  try {
    await query(node, 'CHANGE MASTER TO MASTER_DELAY = ?', [seconds]);
  } finally {
    await query(node, 'START SLAVE');
  }
  return seconds === 0 ? `${node}: replication delay removed` : `${node}: SQL thread held ${seconds} s behind its source`;
};

export const runFault = async (kind: TFaultKind, node: TNodeName, arg?: string): Promise<string> => {
  const state = readState();
  if (!state) throw new LabError('the lab is not up (labctl up)');
  if (node === 'node3' && state.options.nodes < 3) throw new LabError('node3 exists only with up --nodes 3');
  switch (kind) {
    case 'stop-mysqld':
      await stopMysqld(node, 'SIGTERM');
      return `${node}: mariadbd stopped (clean shutdown)`;
    case 'kill-mysqld':
      await stopMysqld(node, 'SIGKILL');
      return `${node}: mariadbd killed (SIGKILL)`;
    case 'start-mysqld':
      await startMysqld(node);
      return `${node}: mariadbd running (pid ${mysqldPid(node)})`;
    case 'stop-keepalived': {
      const pid = keepalivedPid(node);
      if (pid !== undefined) await stopPid(pid, 10_000);
      return `${node}: keepalived stopped`;
    }
    case 'start-keepalived':
      await startKeepalived(node);
      return `${node}: keepalived running`;
    case 'isolate':
      isolateNode(node);
      return `${node}: cut off from the other nodes (replication and VRRP broken; the control plane still reaches it)`;
    case 'heal':
      healNode(node);
      return `${node}: reconnected to the other nodes`;
    case 'break-binlog':
      return breakBinlog(node);
    case 'errant-write':
      return errantWrite(node);
    case 'lag':
      return lag(node, arg);
    case 'stop-replication':
      return stopReplication(node, arg);
    case 'conflict':
      return conflict(node);
    case 'missing-row':
      return missingRow(node);
    case 'break-grant':
      return breakGrant(node);
    case 'fix-grant':
      return fixGrant(node);
    case 'corrupt-relay':
      return corruptRelay(node);
    case 'plant-drift':
      return plantDrift(node, arg);
  }
};
