import { ZSwitchoverResultSchema, type TRunPush, type TStepPush } from '@/lib/realtime/payloads';
import { durationMs } from '@/lib/actions/run-state';
import { isActionKind } from '@/lib/actions/types';
import { repairSubject } from './repair-format';
import { checksumReportOf, driftHeadline } from './drift-format';
import { drillSubject } from './drill-format';

// How runs and steps read on the page. Marks are always paired with words,
// so a status never rests on colour or a glyph alone.

// How many runs the cluster view lists (and loads on the server, so this
// lives outside the client components).
export const RUN_HISTORY_LIMIT = 10;
// Drills are rarer and compared over time: more of them are kept on show.
export const DRILL_HISTORY_LIMIT = 20;
// Drift checks too: one that differs should not scroll away behind the next.
export const DRIFT_HISTORY_LIMIT = 20;

// "Switchover" for the kind "switchover"; only the first letter, as CSS
// capitalize would also turn node names into "Node1".
export const kindLabel = (kind: string): string => `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;

export const formatMs = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
};

export const STEP_STATUS: Record<TStepPush['status'], { mark: string; label: string; className: string }> = {
  pending: { mark: '○', label: 'pending', className: 'text-slate-600 dark:text-slate-400' },
  running: { mark: '◐', label: 'running', className: 'text-indigo-700 dark:text-indigo-300' },
  succeeded: { mark: '✓', label: 'done', className: 'text-emerald-700 dark:text-emerald-300' },
  warning: { mark: '!', label: 'warning', className: 'text-amber-700 dark:text-amber-300' },
  failed: { mark: '✗', label: 'failed', className: 'text-red-700 dark:text-red-300' },
  skipped: { mark: '–', label: 'skipped', className: 'text-slate-600 dark:text-slate-400' },
  undone: { mark: '↶', label: 'undone', className: 'text-amber-700 dark:text-amber-300' },
  'undo-failed': { mark: '✗', label: 'undo failed', className: 'text-red-700 dark:text-red-300' },
};

export const RUN_STATUS: Record<TRunPush['status'], { label: string; className: string }> = {
  running: { label: 'running', className: 'bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100' },
  succeeded: { label: 'succeeded', className: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100' },
  failed: { label: 'failed', className: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100' },
  aborted: { label: 'aborted', className: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100' },
  interrupted: { label: 'interrupted', className: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100' },
};

export const stepDuration = (s: TStepPush): string => formatMs(durationMs(s.startedAt, s.endedAt));

// "node1 → node2" from what the run stored: the result once it has one,
// else the target from the request and the node of the step that stops writes.
export const directionOf = (run: TRunPush, result: { from?: string | null; to?: string } | null): string => {
  const to = result?.to ?? (typeof run.params.to === 'string' ? run.params.to : null);
  const from = result?.from ?? run.steps.find((s) => s.key === 'source-read-only')?.node ?? null;
  return `${from ?? '?'} → ${to ?? '?'}`;
};

const checksumSubject = (run: TRunPush): string => {
  const report = checksumReportOf(run);
  return report ? `drift check: ${driftHeadline(report)}` : 'drift check';
};

// What a run did, in a few words, for any kind: "node1 → node2" for a
// switchover, "stop-mysqld on node1" for a drill, "node2 by restart" for a repair.
export const runSubject = (run: TRunPush): string => {
  if (!isActionKind(run.kind)) return '';
  switch (run.kind) {
    case 'switchover': {
      const result = ZSwitchoverResultSchema.safeParse(run.result ?? {});
      return directionOf(run, result.success ? result.data : null);
    }
    case 'drill':
      return drillSubject(run);
    case 'checksum':
      return checksumSubject(run);
    case 'repair':
      return repairSubject(run);
  }
};

// The link from a run's panel to its page, named for what the page shows.
export const runPageLabel = (kind: string): string => {
  if (!isActionKind(kind)) return 'Run details';
  switch (kind) {
    case 'switchover':
      return 'Run details';
    case 'drill':
      return 'Drill report';
    case 'checksum':
      return 'Drift report';
    case 'repair':
      return 'Repair report';
  }
};
