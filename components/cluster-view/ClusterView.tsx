'use client';
import type { TLogLine } from '@/lib/collector/log-tail';
import type { TClusterEvent, TClusterSnapshot } from '@/lib/collector/snapshot';
import type { TLagHistory, TRunPush } from '@/lib/realtime/payloads';
import { isSplitBrain } from '@/lib/cluster-state/split-brain';
import { ClusterActions } from '@/components/actions/ClusterActions';
import { DriftHistory } from '@/components/actions/DriftHistory';
import { DrillHistory } from '@/components/actions/DrillHistory';
import { RunHistory } from '@/components/actions/RunHistory';
import { DRIFT_HISTORY_LIMIT, DRILL_HISTORY_LIMIT, RUN_HISTORY_LIMIT } from '@/components/actions/run-format';
import { useActionRuns } from '@/components/realtime/use-action-runs';
import { useClusterState } from '@/components/realtime/use-cluster-state';
import { LocalTime } from '@/components/ui/LocalTime';
import { FindingsList } from './FindingsList';
import { Freshness } from './Freshness';
import { KeepalivedTimeline } from './KeepalivedTimeline';
import { LagChart } from './LagChart';
import { LogTail } from './LogTail';
import { NodePanel } from './NodePanel';
import { Topology } from './Topology';

export type TClusterViewInitial = { state: TClusterSnapshot | null; lag: TLagHistory; transitions: TClusterEvent[]; log: TLogLine[]; runs: TRunPush[]; drills: TRunPush[]; driftChecks: TRunPush[] };

// The cluster page's live part: everything here follows Socket.IO pushes.
// canAct only hides the action buttons; the API decides who may act.
export const ClusterView = ({ name, initial, canAct, canForce = false }: { name: string; initial: TClusterViewInitial; canAct: boolean; canForce?: boolean }) => {
  const state = useClusterState(name, initial.state);
  const { runs, track } = useActionRuns(name, initial.runs, RUN_HISTORY_LIMIT);
  const { runs: drills } = useActionRuns(name, initial.drills, DRILL_HISTORY_LIMIT, 'drill');
  const { runs: driftChecks } = useActionRuns(name, initial.driftChecks, DRIFT_HISTORY_LIMIT, 'checksum');
  if (!state) {
    return (
      <div className="space-y-2">
        <Freshness observedAt={null} />
        <p className="text-sm text-slate-700 dark:text-slate-300">Waiting for the first observation of this cluster… (is the collector on? <code>TANDEM_COLLECTOR</code>)</p>
      </div>
    );
  }
  const holders = state.vip.holders;
  const split = isSplitBrain(state);
  return (
    <div className="space-y-4">
      <div className={`flex flex-wrap items-center gap-3 rounded-lg border p-3 ${split ? 'border-red-500 bg-red-50 dark:bg-red-950' : 'border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900'}`}>
        <p className="text-lg">
          VIP <span className="font-mono">{state.vip.address}</span> held by{' '}
          <output aria-label="VIP holder" className="font-semibold">{holders.length === 0 ? 'nobody' : holders.join(' and ')}</output>
          {split && <strong role="alert" className="ml-2 text-red-700 dark:text-red-300">SPLIT BRAIN</strong>}
        </p>
        <span className="ml-auto flex items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
          <span>observed <LocalTime iso={state.observedAt} /></span>
          <Freshness observedAt={state.observedAt} />
        </span>
      </div>
      <ClusterActions state={state} runs={runs} canAct={canAct} canForce={canForce} track={track} />
      <Topology state={state} />
      <FindingsList cluster={name} findings={state.findings} />
      <div className="grid gap-4 md:grid-cols-2">{state.nodes.map((n) => <NodePanel key={n.name} n={n} />)}</div>
      <LagChart cluster={name} initial={initial.lag} />
      <div className="grid gap-4 lg:grid-cols-2">
        <KeepalivedTimeline cluster={name} nodes={state.nodes} initial={initial.transitions} />
        <LogTail cluster={name} initial={initial.log} />
      </div>
      <RunHistory runs={runs} />
      <DrillHistory drills={drills} />
      <DriftHistory checks={driftChecks} />
    </div>
  );
};
