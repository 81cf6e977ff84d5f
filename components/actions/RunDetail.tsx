'use client';
import { Link } from '@/components/ui/Link';
import { needsAcknowledgement } from '@/lib/actions/run-state';
import type { TRunPush } from '@/lib/realtime/payloads';
import { useActionRun } from '@/components/realtime/use-action-runs';
import { useClusterSubscription } from '@/components/realtime/use-cluster-subscription';
import { LocalTime } from '@/components/ui/LocalTime';
import { DriftCheckReport } from './DriftCheckReport';
import { DrillReport } from './DrillReport';
import { RepairReport } from './RepairReport';
import { AbortRunButton, AcknowledgeRunButton, RestoreNowButton } from './RunButtons';
import { RunSummary } from './RunSummary';
import { StepList } from './StepList';
import { isHolding } from './drill-format';
import { RUN_STATUS } from './run-format';

// Everything stored about one run, followed live while it runs.
export const RunDetail = ({ initial, canAct }: { initial: TRunPush; canAct: boolean }) => {
  useClusterSubscription(initial.cluster);
  const { run, track } = useActionRun(initial);
  const isRunning = run.status === 'running';
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">Cluster</dt><dd><Link href={`/clusters/${encodeURIComponent(run.cluster)}`} className="text-indigo-700 underline dark:text-indigo-300">{run.cluster}</Link></dd>
        <dt className="font-medium">Status</dt><dd><span className={`rounded px-2 py-0.5 text-xs font-semibold ${RUN_STATUS[run.status].className}`}>{RUN_STATUS[run.status].label}</span>{run.abortRequested && ' (abort requested)'}</dd>
        <dt className="font-medium">Requested by</dt><dd>{run.requestedBy}</dd>
        <dt className="font-medium">Parameters</dt><dd className="font-mono text-xs">{JSON.stringify(run.params)}</dd>
        {run.force && <><dt className="font-medium">Forced</dt><dd>yes: {run.reason ?? 'no reason given'}</dd></>}
        <dt className="font-medium">Started</dt><dd><LocalTime iso={run.startedAt} /> <span className="font-mono text-xs">({run.startedAt})</span></dd>
        <dt className="font-medium">Ended</dt><dd>{run.endedAt ? <><LocalTime iso={run.endedAt} /> <span className="font-mono text-xs">({run.endedAt})</span></> : 'still running'}</dd>
        <dt className="font-medium">Acknowledged</dt><dd>{run.acknowledgedAt ? <LocalTime iso={run.acknowledgedAt} /> : needsAcknowledgement(run) ? 'not yet: it needs an operator' : 'not needed'}</dd>
        <dt className="font-medium">Run id</dt><dd className="font-mono text-xs">{run.id}</dd>
      </dl>
      {canAct && (isRunning || needsAcknowledgement(run)) && (
        <div className="flex gap-3">
          {isHolding(run) && <RestoreNowButton run={run} onRun={track} />}
          {isRunning && <AbortRunButton run={run} onRun={track} />}
          {needsAcknowledgement(run) && <AcknowledgeRunButton run={run} onRun={track} />}
        </div>
      )}
      {run.kind === 'drill' && <DrillReport run={run} />}
      {run.kind === 'checksum' && <DriftCheckReport run={run} />}
      {run.kind === 'repair' && <RepairReport run={run} />}
      {!isRunning && <RunSummary run={run} hasFigures={run.kind === 'switchover'} />}
      <section aria-labelledby="steps-title">
        <h2 id="steps-title" className="mb-2 text-base font-semibold">Steps</h2>
        <StepList steps={run.steps} showCommands />
      </section>
    </div>
  );
};
