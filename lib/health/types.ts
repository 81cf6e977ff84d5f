import type { TExecFailure } from '@/agents/exec-error';
import type { T1236Cause } from './classify-1236';

// What the health rules look at: one normalised view per node, whatever the
// server flavour, built by the collector from its latest poll and memory.
export type TSeverity = 'critical' | 'warning' | 'info';

// Replication errors that mean the two masters' data has diverged.
export type TDivergenceErrno = 1062 | 1032;

// Every finding the rules can raise; a rule that spells a code wrong does not
// compile. Snapshots stored by an older Tandem may still carry codes that are
// gone from this list: nothing switches exhaustively on a stored code.
export type TFindingCode =
  | 'action-interrupted'
  | 'auto-increment-collide'
  | 'binlog-checksum-differs'
  | 'check-fails-on-read-only'
  | 'check-ignored-in-sync-group'
  | 'check-tests-writability'
  | 'duplicate-server-id'
  | 'equal-priorities'
  | 'flush-log-unsafe'
  | 'health-check-failing'
  | 'heartbeat-failing'
  | 'heartbeat-no-probe-credential'
  | 'io-thread-connecting'
  | 'io-thread-stopped'
  | 'keepalived-down'
  | 'lag-high'
  | 'lag-unknown'
  | 'mysql-unreachable'
  | 'node-unreachable'
  | 'nopreempt-ignored'
  | 'nopreempt-weighted-check'
  | 'passive-writable'
  | 'preempt-before-catch-up'
  | `replication-1236-${T1236Cause}`
  | `replication-divergence-${TDivergenceErrno}`
  | 'slave-skip-errors'
  | 'split-brain'
  | 'sql-thread-stopped'
  | 'ssh-host-key-mismatch'
  | 'sync-binlog-unsafe'
  | 'vip-config-differs'
  | 'vip-holder-read-only'
  | 'vip-not-in-config'
  | 'vip-unassigned'
  | 'vrid-differs'
  | 'vrid-inventory-mismatch'
  | 'writes-on-passive';

export type TFinding = { code: TFindingCode; severity: TSeverity; node?: string; message: string; advice: string };

export type TReplicationView = {
  ioRunning: string | null;
  sqlRunning: string | null;
  secondsBehindSource: number | null;
  sourceHost: string | null;
  lastIoErrno: number | null;
  lastIoError: string | null;
  lastSqlErrno: number | null;
  lastSqlError: string | null;
};

export type TVrrpInstanceView = {
  name: string;
  state: string | null;
  virtualRouterId: number | null;
  priority: number | null;
  nopreempt: boolean;
  virtualIpAddresses: string[];
  // weight: the instance's override (`chk weight N`), null for the script's.
  trackScripts: { name: string; weight: number | null }[];
};

// script: the command line as written in keepalived.conf (usually a path;
// the script's body is not collected). weight null: not set, i.e. 0.
export type TVrrpScriptView = { name: string; script: string | null; weight: number | null };

export type TVrrpSyncGroupView = { name: string; instances: string[]; hasTrackingWeight: boolean };

export type TKeepalivedView = {
  running: boolean;
  state: string | null;
  lastCheck: { script: string; result: 'succeeded' | 'failed' } | null;
  instances: TVrrpInstanceView[];
  scripts: TVrrpScriptView[];
  syncGroups: TVrrpSyncGroupView[];
};

export type TNodeView = {
  name: string;
  host: string;
  reachable: boolean;
  unreachableReason: TExecFailure | null;
  error: string | null;
  holdsVip: boolean;
  mysqlReachable: boolean;
  mysqlError: string | null;
  variables: Record<string, string>;
  replication: TReplicationView | null;
  heartbeatLagSeconds: number | null;
  keepalived: TKeepalivedView | null;
  // Polls (within the recent window) in which this node had originated new
  // transactions while it did not hold the VIP (its own GTID sequence grew).
  passiveWrites: number;
};

// Tandem's heartbeat writer: off, impossible without a probe credential,
// writing, or failing since `failingSince` (epoch ms; `failingMs` ago) with a
// server error.
export type THeartbeatView =
  | { status: 'off' | 'no-probe-credential' | 'writing' }
  | { status: 'failing'; error: string; errno: number | null; failingSince: number; failingMs: number };

export type TClusterView = { cluster?: string; vip: string; virtualRouterId: number | null; lagThresholdSeconds: number; nodes: TNodeView[]; heartbeat?: THeartbeatView };
