import type { TFinding } from '@/lib/health/types';
import type { TSlaveStatus } from './observation';

// The cluster state served by GET /api/clusters/:name/state, pushed as
// `cluster:state` and printed by `tandem status`. Never carries a secret.
export type TSnapshotNode = {
  name: string;
  host: string;
  reachable: boolean;
  error: string | null;
  hostname: string | null;
  version: string | null;
  serverId: number | null;
  readOnly: boolean | null;
  binlog: { file: string; position: number } | null;
  gtidPosition: string | null;
  replication: TSlaveStatus | null;
  keepalived: { running: boolean | null; state: string | null; since: string | null; priority: number | null };
  holdsVip: boolean;
  lagSeconds: number | null;
  heartbeatLagSeconds: number | null;
  parseErrors: { section: string; message: string }[];
  pollMs: number | null;
  observedAt: string | null;
};

export type TClusterSnapshot = {
  cluster: string;
  vip: { address: string; holders: string[] };
  nodes: TSnapshotNode[];
  findings: TFinding[];
  observedAt: string;
};

export const EVENT_KINDS = ['vip-moved', 'replication-broken', 'replication-recovered', 'finding-raised', 'finding-cleared', 'keepalived-transition', 'node-unreachable', 'node-reachable'] as const;
export type TClusterEventKind = (typeof EVENT_KINDS)[number];
export const isEventKind = (s: string): s is TClusterEventKind => (EVENT_KINDS as readonly string[]).includes(s);

// One lag sample of one node, as stored and as pushed (`cluster:lag`).
export type TLagPoint = { node: string; at: string; secondsBehind: number | null; heartbeatLagSeconds: number | null };

export type TClusterEvent = { at: string; kind: TClusterEventKind; node: string | null; severity: string | null; message: string; data?: Record<string, unknown> };


// The part of a snapshot whose change is worth pushing (timings excluded).
export const snapshotFingerprint = (s: TClusterSnapshot): string =>
  JSON.stringify({ ...s, observedAt: null, nodes: s.nodes.map((n) => ({ ...n, pollMs: null, observedAt: null })) });

// Counters that move with every replicated write. A change in them alone is
// pushed to browsers but saved only with the periodic save: writing the whole
// snapshot on each poll was a third of the collector's CPU.
const MOVING_REPLICATION_FIELDS = ['slaveIoState', 'sqlRunningState', 'secondsBehindSource', 'readSourceLogPos', 'execSourceLogPos', 'sourceLogFile', 'relaySourceLogFile', 'relayLogFile', 'relayLogPos', 'gtidIoPos', 'retrievedGtidSet', 'executedGtidSet', 'sqlRemainingDelay'] as const;

// The part of a snapshot whose change is worth saving at once: who holds the
// VIP, findings, reachability, read_only, keepalived and thread states, errors.
export const savedStateFingerprint = (s: TClusterSnapshot): string =>
  JSON.stringify({
    ...s,
    observedAt: null,
    nodes: s.nodes.map((n) => ({
      ...n,
      pollMs: null,
      observedAt: null,
      binlog: null,
      gtidPosition: null,
      lagSeconds: null,
      heartbeatLagSeconds: null,
      replication: n.replication && { ...n.replication, ...Object.fromEntries(MOVING_REPLICATION_FIELDS.map((k) => [k, null])) },
    })),
  });
