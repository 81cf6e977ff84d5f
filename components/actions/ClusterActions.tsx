'use client';
import { useEffect, useState } from 'react';
import { driftCheckUnavailable } from '@/lib/cluster-state/drift-check-target';
import { drillTarget } from '@/lib/cluster-state/drill-target';
import { repairTargets } from '@/lib/cluster-state/repair-targets';
import { switchoverTargets } from '@/lib/cluster-state/switchover-targets';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import type { TRunPush } from '@/lib/realtime/payloads';
import { DriftCheckButton } from './DriftCheckButton';
import { DrillButton } from './DrillButton';
import { RepairButton } from './RepairButton';
import { RunPanel } from './RunPanel';
import { SwitchoverButton } from './SwitchoverButton';

// The cluster view's action area: a switchover button per node that does
// not hold the VIP, the failover drill, the drift check and, for a node
// whose replication is broken, the repair wizard (all for operators and
// admins), and the run in progress. A run found running (started here,
// elsewhere, or before this page was opened) stays on show after it ends,
// until dismissed, so its summary is read.
export const ClusterActions = ({ state, runs, canAct, canForce = false, track }: { state: TClusterSnapshot; runs: TRunPush[]; canAct: boolean; canForce?: boolean; track: (run: TRunPush) => void }) => {
  const running = runs.find((r) => r.status === 'running') ?? null;
  const [shownId, setShownId] = useState<string | null>(running?.id ?? null);
  const runningId = running?.id ?? null;
  useEffect(() => {
    if (runningId) setShownId(runningId);
  }, [runningId]);
  const shown = runs.find((r) => r.id === shownId) ?? null;
  const targets = canAct ? switchoverTargets(state, running) : [];
  const drill = canAct ? drillTarget(state, running) : null;
  const repairs = canAct ? repairTargets(state, running) : [];
  const onStarted = (run: TRunPush) => {
    track(run);
    setShownId(run.id);
  };
  if (!canAct && !shown) return null;
  return (
    <div className="space-y-3">
      {repairs.length > 0 && (
        <div role="group" aria-label="Replication repair" className="flex flex-wrap items-start gap-4 rounded-lg border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950">
          {repairs.map((t) => <RepairButton key={t.node} cluster={state.cluster} target={t} canForce={canForce} onStarted={onStarted} />)}
        </div>
      )}
      {canAct && (
        <div className="flex flex-wrap items-start gap-4">
          {targets.map((t) => (
            <SwitchoverButton
              key={t.node}
              cluster={state.cluster}
              target={t.node}
              unavailable={t.unavailable}
              canForce={canForce}
              onStarted={onStarted}
            />
          ))}
          {drill && <DrillButton cluster={state.cluster} vip={state.vip.address} nodes={drill.nodes} defaultNode={drill.defaultNode} unavailable={drill.unavailable} onStarted={onStarted} />}
          <DriftCheckButton cluster={state.cluster} unavailable={driftCheckUnavailable(state, running)} onStarted={onStarted} />
        </div>
      )}
      {shown && <RunPanel run={shown} canAct={canAct} onRun={track} onDismiss={() => setShownId(null)} />}
    </div>
  );
};
