import type { TDrillFailure } from '@/lib/actions/drill/service-commands';
import { ZDrillReportSchema, type TDrillReportPush, type TRunPush } from '@/lib/realtime/payloads';

// How a drill reads on the page. The figures and the verdict are the
// engine's (lib/actions/drill/report.ts); this only words and colours them.

// Keyed by the engine's union: a failure kind added there does not compile
// here until the dialog can say what it does.
export const DRILL_FAILURES: Record<TDrillFailure, { label: string; effect: string }> = {
  'stop-mysqld': { label: 'stop-mysqld: stop MariaDB cleanly', effect: 'MariaDB shuts down as for maintenance; keepalived\'s check notices and the peer takes the VIP.' },
  'kill-mysqld': { label: 'kill-mysqld: kill MariaDB (SIGKILL)', effect: 'MariaDB dies as in a crash and runs crash recovery when it is started again.' },
  'stop-keepalived': { label: 'stop-keepalived: stop keepalived', effect: 'keepalived stops and gives up the VIP; MariaDB keeps running, writable.' },
  isolate: { label: 'isolate: cut the node off its peer and clients', effect: 'The node\'s traffic to its peer and to the VIP\'s clients is dropped while Tandem\'s SSH still reaches it.' },
};

export const DRILL_FAILURE_KINDS = Object.keys(DRILL_FAILURES).filter((k): k is TDrillFailure => k in DRILL_FAILURES);

export const DEFAULT_HOLD_SECONDS = 10;
export const MAX_HOLD_SECONDS = 600;

// The hold as typed: a whole number of seconds the engine accepts, or null.
export const parseHoldSeconds = (text: string): number | null => {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= MAX_HOLD_SECONDS ? n : null;
};

// The dry run says whether isolation is configured for the node: its
// service-commands check. null: configured; a string: why not.
export const serviceCommandsProblem = (preflight: { check: string; ok: boolean; detail: string }[]): string | null => {
  const c = preflight.find((p) => p.check === 'service-commands');
  return !c || c.ok ? null : c.detail;
};

export const drillReportOf = (run: TRunPush): TDrillReportPush | null => {
  if (run.kind !== 'drill' || run.result === null) return null;
  const parsed = ZDrillReportSchema.safeParse(run.result);
  return parsed.success ? parsed.data : null;
};

// The node a drill breaks: from the report once there is one, else from
// the request or the step that breaks it (the node defaults to the VIP
// holder, so the request may not name it).
export const drillNode = (run: TRunPush, report: TDrillReportPush | null = drillReportOf(run)): string =>
  report?.node ?? (typeof run.params.node === 'string' ? run.params.node : null) ?? run.steps.find((s) => s.key === 'inject')?.node ?? '?';

// "stop-mysqld on node1".
export const drillSubject = (run: TRunPush, report: TDrillReportPush | null = drillReportOf(run)): string => {
  const failure = report?.failure ?? (typeof run.params.failure === 'string' ? run.params.failure : '?');
  return `${failure} on ${drillNode(run, report)}`;
};

// "Restore now" makes sense while the failure is held, and only once.
export const isHolding = (run: TRunPush): boolean => run.kind === 'drill' && run.status === 'running' && run.steps.some((s) => s.key === 'hold' && s.status === 'running');

export type TVerdictKey = 'passed' | 'failed' | 'none';

export const DRILL_VERDICT: Record<TVerdictKey, { label: string; className: string }> = {
  passed: { label: 'passed', className: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100' },
  failed: { label: 'failed', className: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100' },
  none: { label: 'no verdict', className: 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100' },
};

export const verdictKey = (report: TDrillReportPush | null): TVerdictKey => report?.verdict ?? 'none';

// A figure in ms, exact below a second and to 10 ms above (a drill's
// timings differ by tens of ms between setups: rounding to 0.1 s hides that).
export const formatDrillMs = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '—';
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
};

// A moment after the injection: "+2.35 s".
export const formatSince = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '—' : `${ms < 0 ? '−' : '+'}${formatDrillMs(Math.abs(ms))}`);

export const formatCount = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(n));
