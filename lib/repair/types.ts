// The repair wizard's vocabulary, shared by the diagnosis (what is wrong and
// what may fix it) and the repair action (which runs one strategy).

export const REPAIR_STRATEGIES = ['restart', 'reconnect', 'relay-reset', 'gtid-reposition', 'skip-one', 'reseed', 'flush-reposition'] as const;
export type TRepairStrategy = (typeof REPAIR_STRATEGIES)[number];
export const isRepairStrategy = (s: string): s is TRepairStrategy => (REPAIR_STRATEGIES as readonly string[]).includes(s);

// What broke replication on one node. The 1236 family differs only in its
// message text; the others in their error number.
export const CAUSE_CODES = [
  'binlog-purged',
  'gtid-purged',
  'gtid-diverged',
  'gtid-hole',
  'position-past-end',
  'event-too-large',
  'binlog-not-open',
  'source-error-1236',
  'duplicate-key',
  'row-not-found',
  'table-missing',
  'relay-log-corrupt',
  'access-denied',
  'cannot-connect',
  'out-of-order-gtid',
  'stopped-by-hand',
  'sql-error',
  'io-error',
] as const;
export type TCauseCode = (typeof CAUSE_CODES)[number];

export type TRisk = 'none' | 'low' | 'drift' | 'data-loss';

export type TRepairOption = {
  strategy: TRepairStrategy;
  risk: TRisk;
  explanation: string;
  recommended: boolean;
  // The risk must be acknowledged before it runs (skip-one drops a whole
  // transaction; flush-reposition skips every event in the gap).
  needsAcknowledgement: boolean;
  // Why it cannot run now (empty when it can).
  blockedBy: string[];
};

// A row as both nodes hold it now, for 1062/1032 (null: the node has no such row).
export type TRowEvidence = {
  schema: string;
  table: string;
  key: Record<string, string>;
  // The failing event decoded (mariadb-binlog -vv), when it could be read.
  event: string | null;
  rows: { node: string; row: Record<string, string | null> | null }[];
};

export type TNodeDiagnosis = {
  node: string;
  source: string | null;
  thread: 'io' | 'sql';
  errno: number | null;
  error: string | null;
  cause: { code: TCauseCode; explanation: string };
  options: TRepairOption[];
  evidence: TRowEvidence | null;
};

// GET /api/clusters/:name/diagnosis and `tandem diagnose`: the nodes whose
// replication is not running cleanly (none when all is well), and the nodes
// that could not be read at all (their replication is unknown, not fine).
export type TClusterDiagnosis = {
  cluster: string;
  checkedAt: string;
  nodes: TNodeDiagnosis[];
  unreadable: { node: string; error: string }[];
};
