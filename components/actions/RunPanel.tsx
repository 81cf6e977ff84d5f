'use client';
import { Link } from '@/components/ui/Link';
import type { TRunPush } from '@/lib/realtime/payloads';
import { secondaryButtonClass } from '@/components/ui/styles';
import { LiveProgress } from './DriftProgress';
import { AbortRunButton, RestoreNowButton } from './RunButtons';
import { RunSummary } from './RunSummary';
import { StepList } from './StepList';
import { isHolding } from './drill-format';
import { RUN_STATUS, kindLabel, runPageLabel, runSubject } from './run-format';

// The run going on now (or just ended) on the cluster view itself, not in
// the dialog: the VIP bar and the topology above change as the steps tick.
export const RunPanel = ({ run, canAct, onRun, onDismiss }: { run: TRunPush; canAct: boolean; onRun: (run: TRunPush) => void; onDismiss: () => void }) => {
  const isRunning = run.status === 'running';
  const current = run.steps.find((s) => s.status === 'running');
  const done = run.steps.filter((s) => s.endedAt !== null).length;
  return (
    <section aria-labelledby="run-panel-title" className="space-y-3 rounded-lg border border-indigo-300 bg-white p-4 dark:border-indigo-700 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="run-panel-title" className="text-base font-semibold">{kindLabel(run.kind)} {runSubject(run)}</h2>
        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${RUN_STATUS[run.status].className}`}>{RUN_STATUS[run.status].label}</span>
        <span className="text-xs text-slate-600 dark:text-slate-400">by {run.requestedBy}</span>
        <span className="ml-auto flex items-center gap-3">
          {canAct && isHolding(run) && <RestoreNowButton run={run} onRun={onRun} />}
          {isRunning && canAct && <AbortRunButton run={run} onRun={onRun} />}
          <Link href={`/actions/${run.id}`} className="text-sm text-indigo-700 underline dark:text-indigo-300">{runPageLabel(run.kind)}</Link>
          {!isRunning && <button type="button" className={secondaryButtonClass} onClick={onDismiss}>Dismiss</button>}
        </span>
      </div>
      <p aria-live="polite" className="text-sm">
        {isRunning ? `Step ${Math.min(done + 1, run.steps.length)} of ${run.steps.length}${current ? `: ${current.title}` : ''}` : `Finished: ${RUN_STATUS[run.status].label}.`}
      </p>
      <LiveProgress run={run} />
      <StepList steps={run.steps} showCommands={false} />
      {!isRunning && <RunSummary run={run} />}
    </section>
  );
};
