import { NO_HINTS, type TAgentHints } from '@/agents/collect';
import type { TVrrpState } from '@/lib/parsers/keepalived-log';
import type { TIpAddr, TKeepalivedConf, TKeepalivedEvent, TNodePoll } from './observation';

// What the collector remembers about a node between polls: the last poll, the
// keepalived state and check result seen in its log (the log only says when
// something changes), and its own-transaction counter for errant writes.
export type TNodeMemory = {
  name: string;
  host: string;
  poll: TNodePoll | undefined;
  // Whether the node holds the VIP, and when that was seen: full polls and
  // VIP probes read the addresses, keepalived's log says when it added or
  // removed them; only a newer reading replaces an older one (a poll that
  // started before a VIP move must not undo the probe that saw it).
  vip: TVipReading | null;
  logCursor: string;
  // What the last poll found that the next need not look up again.
  hints: TAgentHints;
  // Whether the keepalived log stream is following this node's log, and when
  // it last delivered anything: while it does, it alone moves the keepalived
  // state (a poll's copy of the log is older by the time it arrives).
  streamFollowing: boolean;
  streamActivityAt: number;
  keepalivedState: TVrrpState | null;
  keepalivedStateAt: string | null;
  keepalivedPriority: number | null;
  // The last keepalived config seen: a stopped keepalived's config path is
  // no longer discoverable, but the node is still meant to run it.
  keepalivedConf: TKeepalivedConf | null;
  lastCheck: { script: string; result: 'succeeded' | 'failed' } | null;
  ownTransactions: number | null;
  // Whether ownTransactions was read while the node was passive: a count read
  // while it held the VIP says nothing about writes after it lost it.
  ownTransactionsPassive: boolean;
  passiveWrites: number;
  passiveWritesAt: number | null;
  lastSampleAt: number;
};

export const newNodeMemory = (name: string, host: string): TNodeMemory => ({
  name,
  host,
  poll: undefined,
  vip: null,
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
  ownTransactionsPassive: false,
  passiveWrites: 0,
  passiveWritesAt: null,
  lastSampleAt: 0,
});

export type TVipReading = { held: boolean; at: number; source: 'poll' | 'probe' | 'log' };

export const ipAddrHolds = (ipAddr: TIpAddr | null, address: string): boolean => (ipAddr?.interfaces ?? []).some((i) => i.addresses.some((a) => a.address === address));

// Keeps the newer of two readings; true if it changed whether the node holds the VIP.
export const offerVipReading = (m: TNodeMemory, reading: TVipReading): boolean => {
  if (m.vip && m.vip.at > reading.at) return false;
  const changed = m.vip?.held !== reading.held;
  m.vip = reading;
  return changed;
};

// Whether the node holds the VIP by its newest reading (an unreachable node
// holds nothing we can see).
export const holdsVip = (m: TNodeMemory): boolean => m.poll?.reachable === true && m.vip?.held === true;

// Whether the node's VIP reading says what its keepalived state says: a
// MASTER holds the VIP, a BACKUP, FAULT or stopped instance does not. Only a
// reading taken on the node (not keepalived's own word) confirms it; a node
// whose state or addresses are unknown has nothing to disagree with.
export const vipAgreesWithKeepalived = (m: TNodeMemory): boolean => {
  if (m.poll?.reachable !== true || m.vip === null || m.keepalivedState === null || m.keepalivedState === 'INIT') return true;
  return m.vip.source !== 'log' && holdsVip(m) === (m.keepalivedState === 'MASTER');
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
      case 'higher-priority-advert':
      case 'vip':
        // Adverts feed no state here; addresses go through applyVipEvents.
        break;
    }
  }
  return changed;
};

const bare = (address: string): string => address.replace(/\/\d+$/, '').toLowerCase();

// keepalived's own word on the VIP, from its log as it arrives: `setting` /
// `removing VIPs` of the instance that carries the VIP, or an announcement
// (gratuitous ARP / NA) for the VIP itself. Taken as a reading at `now`; the
// probe burst that follows confirms it on the node. True if it changed
// whether the node holds the VIP.
export const applyVipEvents = (m: TNodeMemory, events: TKeepalivedEvent[], vip: string, now: number): boolean => {
  let changed = false;
  for (const e of events) {
    if (e.kind !== 'vip') continue;
    const aboutVip = e.address !== null
      ? bare(e.address) === bare(vip)
      : (m.keepalivedConf?.instances.some((i) => i.name === e.instance && i.virtualIpAddresses.some((a) => bare(a) === bare(vip))) ?? false);
    if (aboutVip) changed = offerVipReading(m, { held: e.held, at: now, source: 'log' }) || changed;
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
