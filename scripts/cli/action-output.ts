import type { TRunView, TStepView } from '@/lib/actions/run-view';
import { isActionKind, type TPlan, type TPreflightCheck, type TStepStatus } from '@/lib/actions/types';
import { escapeControlCharacters } from '@/lib/text/control-characters';
import { formatChecksumReport, formatRepairReport } from './checksum-output';
import { drillReportOfRun, drillSubjectOf, formatDrillReport } from './drill-output';
import { formatTable } from './output';

// Everything here prints text that came from the nodes (step output, MySQL
// errors) or from other people (reasons, requesters): each line is escaped,
// so a node's output cannot move the cursor or forge a line of the summary.
const safe = (s: string): string => escapeControlCharacters(s);
const indented = (text: string, prefix: string): string[] => (text === '' ? [] : text.split('\n').map((l) => `${prefix}${safe(l)}`));

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const msOf = (v: unknown): string => (typeof v === 'number' ? seconds(v) : '-');

const mark = (c: TPreflightCheck): string => (c.ok ? '✓' : c.severity === 'warn' ? '!' : '✗');

export const formatPreflight = (checks: TPreflightCheck[]): string =>
  ['Preflight:', ...checks.flatMap((c) => {
    const [first = '', ...rest] = c.detail.split('\n');
    return [`  ${mark(c)} ${safe(c.check)}: ${safe(first)}`, ...rest.map((l) => `      ${safe(l)}`)];
  })].join('\n');

export const formatPlan = (plan: TPlan): string =>
  ['Plan:', ...plan.steps.flatMap((s, i) => [
    `  ${i + 1}. ${safe(s.title)}${s.node ? ` [${safe(s.node)}]` : ''} (up to ${seconds(s.timeoutMs)})`,
    ...s.commands.flatMap((c) => indented(c, '       $ ')),
    ...(s.undo && s.undo.length > 0 ? [`       undo: ${s.undo.map(safe).join('; ')}`] : []),
  ])].join('\n');

const durationOf = (s: TStepView): number | null => (s.startedAt && s.endedAt ? Date.parse(s.endedAt) - Date.parse(s.startedAt) : null);

const ENDED: ReadonlySet<TStepStatus> = new Set(['succeeded', 'warning', 'failed', 'undone', 'undo-failed']);

// Follows a run's pushes and says what changed since the last one: a line
// per step transition (with the step's duration once it ended) and, for an
// ended step, its output indented. Skipped steps are said once, at the end.
export const createStepTracker = () => {
  const seen = new Map<number, TStepStatus>();
  return (run: TRunView): string[] => {
    const lines: string[] = [];
    for (const s of run.steps) {
      if (seen.get(s.position) === s.status) continue;
      seen.set(s.position, s.status);
      if (s.status === 'pending') continue;
      const d = durationOf(s);
      const head = `[${s.position + 1}/${run.steps.length}] ${s.status.padEnd(9)} ${safe(s.title)}${s.node ? ` [${safe(s.node)}]` : ''}`;
      lines.push(ENDED.has(s.status) && d !== null ? `${head} (${seconds(d)})` : head);
      if (ENDED.has(s.status)) lines.push(...indented(s.output, '      '));
    }
    return lines;
  };
};

const str = (v: unknown): string => (typeof v === 'string' ? safe(v) : '?');

// The kind's own lines: what it did and its figures.
const kindLines = (run: TRunView, duration: string): string[] => {
  const r = run.result ?? {};
  const by = `requested by ${safe(run.requestedBy)}${run.force ? `, forced: ${safe(run.reason ?? '')}` : ''}`;
  if (!isActionKind(run.kind)) return [`  ${safe(run.kind)}, ${by}`, `  duration ${duration}`];
  switch (run.kind) {
    case 'switchover':
      return [`  switchover ${str(r.from)} → ${str(r.to ?? run.params.to)}, ${by}`, `  write block ${msOf(r.writeBlockMs)}, VIP move ${msOf(r.vipMoveMs)}, duration ${duration}`];
    case 'drill':
      return [`  drill ${drillSubjectOf(run)}, ${by}, duration ${duration}`, ...formatDrillReport(run).split('\n').map((l) => `  ${l}`)];
    case 'checksum':
      return [`  drift check, ${by}, duration ${duration}`, ...formatChecksumReport(run).split('\n').map((l) => `  ${l}`)];
    case 'repair':
      return [`  repair ${str(run.params.node)} by ${str(run.params.strategy)}, ${by}, duration ${duration}`, ...formatRepairReport(run).split('\n').map((l) => `  ${l}`)];
  }
};

export const formatSummary = (run: TRunView): string => {
  const r = run.result ?? {};
  const duration = run.endedAt ? Date.parse(run.endedAt) - Date.parse(run.startedAt) : null;
  const warnings = Array.isArray(r.warnings) ? r.warnings.filter((w): w is string => typeof w === 'string') : [];
  const lines = [
    `Run ${run.id}: ${run.status.toUpperCase()}${run.abortRequested && run.status !== 'aborted' ? ' (abort was requested)' : ''}${run.restoreRequested ? ' (restore now was requested)' : ''}`,
    ...kindLines(run, duration === null ? '-' : seconds(duration)),
    ...warnings.map((w) => `  warning: ${safe(w)}`),
    ...(r.undoFailed === true ? ['  UNDO FAILED: check the nodes by hand (tandem status), then acknowledge the run'] : []),
    ...(run.error ? [`  error: ${safe(run.error)}`] : []),
  ];
  const f = run.finalState;
  if (f) {
    lines.push(`  final state: VIP held by ${f.vipHolders.map(safe).join(' and ') || 'NOBODY'}; writable: ${f.writable.map(safe).join(' and ') || 'none'}`);
    for (const n of f.nodes) {
      lines.push(`    ${safe(n.node)}: ${n.reachable ? `read_only ${n.readOnly === null ? '?' : n.readOnly ? 'ON' : 'OFF'}, IO ${n.ioRunning ?? '-'}, SQL ${n.sqlRunning ?? '-'}` : 'unreachable'}${n.lastError ? `; ${safe(n.lastError)}` : ''}`);
    }
  } else if (run.status !== 'running') lines.push('  final state: could not be read; check with tandem status');
  return lines.join('\n');
};

// tandem actions show: the steps as they ended, then the summary.
export const formatRun = (run: TRunView): string => [...createStepTracker()(run), '', formatSummary(run)].join('\n');

// One cell: a switchover's direction, a drill's failure, node and verdict.
const detailOf = (r: TRunView): string => {
  if (r.kind === 'drill') return `${drillSubjectOf(r)}: ${drillReportOfRun(r)?.verdict ?? 'no verdict'}`;
  const from = typeof r.result?.from === 'string' ? r.result.from : '?';
  const to = typeof r.params.to === 'string' ? r.params.to : '?';
  return `${from}→${to}`;
};

export const formatRunTable = (runs: TRunView[]): string =>
  formatTable(
    ['ID', 'KIND', 'STATUS', 'STARTED', 'DURATION', 'DETAIL', 'BY', 'ACK'],
    runs.map((r) => {
      const d = r.endedAt ? Date.parse(r.endedAt) - Date.parse(r.startedAt) : null;
      return [r.id, r.kind, r.status, r.startedAt, d === null ? '-' : seconds(d), detailOf(r), r.requestedBy, r.acknowledgedAt ? 'yes' : '-'];
    }),
  );
