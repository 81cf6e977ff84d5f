import type { TRunPush, TStepPush } from '@/lib/realtime/payloads';
import { driftProgress } from './drift-format';
import { copyProgress } from './repair-format';

// Where a running drift check is, read from its step's live output: the
// table it reads and the tables found not equal so far. The step list
// below keeps the raw lines.
export const DriftProgress = ({ step }: { step: TStepPush }) => {
  const p = driftProgress(step.output);
  const position = p.index !== null && p.total !== null ? `table ${p.index} of ${p.total}` : null;
  return (
    <div role="status" aria-label="Drift check progress" className="space-y-1 text-sm">
      <p>
        {step.status === 'running' ? 'Comparing' : 'Compared'}
        {position ? ` ${position}` : ''}
        {p.current ? <>: <span className="font-mono">{p.current}</span></> : ''}
        {p.done > 0 && <span className="text-slate-600 dark:text-slate-400"> · {p.done} finished</span>}
      </p>
      {p.flagged.length > 0 && (
        <p className="font-medium text-red-700 dark:text-red-300">
          Not equal so far: <span className="font-mono">{p.flagged.join(', ')}</span>
        </p>
      )}
      {step.status === 'running' && p.last && <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-400">{p.last}</p>}
    </div>
  );
};

// A reseed's copy as it streams: bytes and tables so far, the current table.
export const CopyProgress = ({ step }: { step: TStepPush }) => {
  const p = copyProgress(step.output);
  return (
    <p role="status" aria-label="Copy progress" className="text-sm">
      {p ? (
        <>
          Copied <span className="font-mono">{p.mib.toFixed(1)} MiB</span>, {p.tables} table{p.tables === 1 ? '' : 's'}
          {p.current && <>; now <span className="font-mono">{p.current}</span></>}
        </>
      ) : (
        'Starting the copy…'
      )}
    </p>
  );
};

// The live part of a run's page or panel, for the kinds that have one: the
// step that compares or copies, while it runs.
export const LiveProgress = ({ run }: { run: TRunPush }) => {
  const step = run.status === 'running' ? run.steps.find((s) => s.status === 'running') : undefined;
  if (!step) return null;
  if ((run.kind === 'checksum' && step.key === 'compare') || (run.kind === 'repair' && step.key === 'drift-check')) return <DriftProgress step={step} />;
  if (run.kind === 'repair' && step.key === 'copy') return <CopyProgress step={step} />;
  return null;
};
