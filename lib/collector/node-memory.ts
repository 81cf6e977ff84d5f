import { NO_HINTS, type TAgentHints } from '@/agents/collect';
import type { TIpAddr, TKeepalivedConf, TKeepalivedEvent, TNodePoll } from './observation';

// What the collector remembers about a node between polls: the last poll, the
// keepalived state and check result seen in its log (the log only says when
// something changes), and its own-transaction counter for errant writes.
export type TNodeMemory = {
  name: string;
  host: string;
  poll: TNodePoll | undefined;
  // The node's addresses and when they were read: full polls and VIP probes
  // both report them, and only a newer reading replaces an older one (a poll
  // that started before a VIP move must not undo the probe that saw it).
  addresses: { ipAddr: TIpAddr | null; observedAt: number } | null;
  logCursor: string;
  // What the last poll found that the next need not look up again.
  hints: TAgentHints;
  // Whether the keepalived log stream is following this node's log, and when
  // it last delivered anything: while it does, it alone moves the keepalived
  // state (a poll's copy of the log is older by the time it arrives).
  streamFollowing: boolean;
  streamActivityAt: number;
  keepalivedState: string | null;
  keepalivedStateAt: string | null;
  keepalivedPriority: number | null;
  // The last keepalived config seen: a stopped keepalived's config path is
  // no longer discoverable, but the node is still meant to run it.
  keepalivedConf: TKeepalivedConf | null;
  lastCheck: { script: string; result: 'succeeded' | 'failed' } | null;
  ownTransactions: number | null;
  passiveWrites: number;
  passiveWritesAt: number | null;
  lastSampleAt: number;
};

export const newNodeMemory = (name: string, host: string): TNodeMemory => ({
  name,
  host,
  poll: undefined,
  addresses: null,
  logCursor: 'none',
  hints: NO_HINTS,
  streamFollowing: false,
  streamActivityAt: 0,
  keepalivedState: null,
  keepalivedStateAt: null,
  keepalivedPriority: null,
  keepalivedConf: null,
  lastCheck: null,
  ownTransactions: null,
  passiveWrites: 0,
  passiveWritesAt: null,
  lastSampleAt: 0,
});

// Keeps the newer of two readings of the node's addresses; true if taken.
export const offerAddresses = (m: TNodeMemory, ipAddr: TIpAddr | null, observedAt: number): boolean => {
  if (m.addresses && m.addresses.observedAt > observedAt) return false;
  m.addresses = { ipAddr, observedAt };
  return true;
};

// Whether the node holds the address by its newest reading (an unreachable
// node holds nothing we can see).
export const holdsAddress = (m: TNodeMemory, address: string): boolean =>
  m.poll?.reachable === true && (m.addresses?.ipAddr?.interfaces ?? []).some((i) => i.addresses.some((a) => a.address === address));

// Whether the node's addresses say what its keepalived state says: a MASTER
// holds the VIP, a BACKUP, FAULT or stopped instance does not. A node whose
// state or addresses are unknown has nothing to disagree with.
export const vipAgreesWithKeepalived = (m: TNodeMemory, address: string): boolean => {
  if (m.poll?.reachable !== true || m.addresses === null) return true;
  switch (m.keepalivedState) {
    case 'MASTER':
      return holdsAddress(m, address);
    case 'BACKUP':
    case 'FAULT':
    case 'STOP':
      return !holdsAddress(m, address);
    default:
      return true;
  }
};

export const applyKeepalivedEvents = (m: TNodeMemory, events: TKeepalivedEvent[]): boolean => {
  let changed = false;
  for (const e of events) {
    switch (e.kind) {
      case 'state':
        if (m.keepalivedState !== e.state) changed = true;
        m.keepalivedState = e.state;
        m.keepalivedStateAt = e.at;
        break;
      case 'script':
        m.lastCheck = { script: e.script, result: e.result };
        break;
      case 'priority':
        m.keepalivedPriority = e.to;
        break;
    }
  }
  return changed;
};

// The number of transactions this server originated, from its own server_id's
// entry in MariaDB's gtid_binlog_state ("0-1-100,0-2-6") or its server_uuid's
// intervals in MySQL's gtid_executed ("uuid:1-5:7-9").
export const ownTransactionCount = (variables: Record<string, string>): number | null => {
  const serverId = variables.server_id;
  const mariadb = variables.gtid_binlog_state ?? variables.gtid_binlog_pos;
  if (mariadb !== undefined && serverId !== undefined) {
    return mariadb.split(',').map((g) => g.trim().split('-')).filter((p) => p[1] === serverId).reduce((sum, p) => sum + Number(p[2] ?? 0), 0);
  }
  const uuid = variables.server_uuid;
  const executed = variables.gtid_executed;
  if (uuid && executed !== undefined) {
    const set = executed.replace(/\s+/g, '').split(',').find((s) => s.toLowerCase().startsWith(uuid.toLowerCase()));
    if (!set) return 0;
    return set.split(':').slice(1).reduce((sum, range) => {
      const [a, b] = range.split('-').map(Number);
      return sum + ((b ?? a ?? 0) - (a ?? 0) + 1);
    }, 0);
  }
  return null;
};
