import type { TRepairTarget } from '@/lib/cluster-state/repair-targets';
import { ZRepairResultSchema, type TRepairReport } from '@/lib/actions/repair/result-schema';
import { RISKY } from '@/lib/actions/repair/params';
import type { TDiagnosis, TDiagnosisEvidence, TDiagnosisOption } from '@/lib/repair/diagnosis-schema';
import type { TRepairStrategy, TRisk } from '@/lib/repair/types';
import type { TRunPush } from '@/lib/realtime/payloads';

// How the repair wizard and a repair's report read on the page. The
// diagnosis, the options and their risks are the engine's (lib/repair);
// this only orders, words and colours them.

// Keyed by the engine's union: a strategy added there does not compile
// here until the wizard can name it.
export const STRATEGY_LABEL: Record<TRepairStrategy, string> = {
  restart: 'Restart replication',
  reconnect: 'Reconnect to the source',
  'relay-reset': 'Re-fetch the relay log',
  'gtid-reposition': 'Reposition by GTID',
  'skip-one': 'Skip the failing transaction',
  reseed: 'Reseed from the healthy node',
  'flush-reposition': 'Flush and reposition (the seed guide\u2019s recipe)',
};

export const RISK: Record<TRisk, { label: string; className: string }> = {
  none: { label: 'no risk', className: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100' },
  low: { label: 'low risk', className: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100' },
  drift: { label: 'may leave the nodes different', className: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100' },
  'data-loss': { label: 'loses data', className: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100' },
};

const RISK_ORDER: Record<TRisk, number> = { none: 0, low: 1, drift: 2, 'data-loss': 3 };

// Recommended first, then what can run now, then the safer before the
// riskier; otherwise the diagnosis's own order.
export const orderOptions = (options: TDiagnosisOption[]): TDiagnosisOption[] =>
  [...options].sort((a, b) => Number(b.recommended) - Number(a.recommended) || Number(a.blockedBy.length > 0) - Number(b.blockedBy.length > 0) || RISK_ORDER[a.risk] - RISK_ORDER[b.risk]);

// Whether the risk must be acknowledged: the diagnosis says so per option;
// without its word, the engine's own list (it refuses these without
// acknowledgeRisk, lib/actions/repair/params.ts).
export const needsAcknowledgement = (option: Pick<TDiagnosisOption, 'strategy' | 'needsAcknowledgement'>): boolean => option.needsAcknowledgement ?? RISKY.has(option.strategy);

export type TRepairChoice = { node: string; strategy: TRepairStrategy; mustAcknowledge: boolean; isAcknowledged: boolean; sourcePassword: string };

// The request's params for a choice: the acknowledgement only where the
// option asks for it, the password only for reconnect and only when typed
// (the engine refuses it elsewhere, and it must not travel for nothing).
export const repairParams = (c: TRepairChoice): { node: string; strategy: TRepairStrategy; acknowledgeRisk?: true; sourcePassword?: string } => ({
  node: c.node,
  strategy: c.strategy,
  ...(c.mustAcknowledge && c.isAcknowledged && { acknowledgeRisk: true }),
  ...(c.strategy === 'reconnect' && c.sourcePassword !== '' && { sourcePassword: c.sourcePassword }),
});

// Whether the wizard offers a switchover before anything else: the broken
// node holds the VIP and the diagnosis offers a reseed, which the engine
// refuses there (it drops the node's data; preflight check not-vip-holder).
// `to` is the peer to switch over to, null when the live state names none.
export const switchoverFirst = (target: Pick<TRepairTarget, 'holdsVip' | 'source'>, options: readonly Pick<TDiagnosisOption, 'strategy'>[]): { to: string | null } | null =>
  target.holdsVip && options.some((o) => o.strategy === 'reseed') ? { to: target.source } : null;

export type TEvidenceColumn = { column: string; values: (string | null | undefined)[]; isDifferent: boolean };
export type TEvidenceTable = { nodes: string[]; missingOn: string[]; columns: TEvidenceColumn[] };

// The row on each node side by side, one line per column: a column differs
// when the nodes that have the row hold different values in it (undefined:
// the node has no such row). A column only one node has differs too.
export const evidenceTable = (evidence: TDiagnosisEvidence): TEvidenceTable => {
  const names = [...new Set(evidence.rows.flatMap((r) => (r.row ? Object.keys(r.row) : [])))];
  const present = evidence.rows.filter((r) => r.row !== null);
  return {
    nodes: evidence.rows.map((r) => r.node),
    missingOn: evidence.rows.filter((r) => r.row === null).map((r) => r.node),
    columns: names.map((column) => {
      const values = evidence.rows.map((r) => (r.row === null ? undefined : r.row[column]));
      const held = present.map((r) => (r.row && column in r.row ? r.row[column] : undefined));
      return { column, values, isDifferent: present.length > 1 && held.some((v) => v !== held[0]) };
    }),
  };
};

export type TNodeVerdict = { kind: 'broken'; diagnosis: TDiagnosis['nodes'][number] } | { kind: 'unreadable'; error: string } | { kind: 'fine' };

// What the diagnosis says of one node: what is wrong, that it could not be
// read (unknown, not fine), or nothing (it replicates cleanly now).
export const diagnosisOf = (d: TDiagnosis, node: string): TNodeVerdict => {
  const diagnosis = d.nodes.find((n) => n.node === node);
  if (diagnosis) return { kind: 'broken', diagnosis };
  const unreadable = d.unreadable.find((u) => u.node === node);
  return unreadable ? { kind: 'unreadable', error: unreadable.error } : { kind: 'fine' };
};

export const repairReportOf = (run: TRunPush): TRepairReport | null => {
  if (run.kind !== 'repair' || run.result === null) return null;
  const parsed = ZRepairResultSchema.safeParse(run.result);
  return parsed.success ? parsed.data : null;
};

const strategyOf = (run: TRunPush): string => (typeof run.params.strategy === 'string' ? run.params.strategy : '?');

// "node2: restart".
export const repairSubject = (run: TRunPush): string => `${typeof run.params.node === 'string' ? run.params.node : '?'}: ${strategyOf(run)}`;

export const formatMiB = (bytes: number | null | undefined): string => (bytes === null || bytes === undefined ? '—' : `${(bytes / 1048576).toFixed(1)} MiB`);

export type TCopyProgress = { mib: number; tables: number; current: string | null };

const COPY_LINE = /^(\d+(?:\.\d+)?) MiB, (\d+) table\(s\)(?:, now (.+))?$/;

// A reseed's copy as it goes, from its step's live output ("12.3 MiB,
// 4 table(s), now big"): the newest such line.
export const copyProgress = (output: string): TCopyProgress | null => {
  const lines = output.split('\n').map((l) => l.trim());
  for (const line of lines.reverse()) {
    const m = COPY_LINE.exec(line);
    if (m) return { mib: Number(m[1]), tables: Number(m[2]), current: m[3] ?? null };
  }
  return null;
};
