import type { TKeepalivedConf, TKeepalivedEvent, TNodePoll } from './observation';

// What the collector remembers about a node between polls: the last poll, the
// keepalived state and check result seen in its log (the log only says when
// something changes), and its own-transaction counter for errant writes.
export type TNodeMemory = {
  name: string;
  host: string;
  poll: TNodePoll | undefined;
  logCursor: string;
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
  logCursor: 'none',
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
