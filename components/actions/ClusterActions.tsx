'use client';
import { useEffect, useState } from 'react';
import { drillTarget } from '@/lib/cluster-state/drill-target';
import { switchoverTargets } from '@/lib/cluster-state/switchover-targets';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import type { TRunPush } from '@/lib/realtime/payloads';
import { DrillButton } from './DrillButton';
import { RunPanel } from './RunPanel';
import { SwitchoverButton } from './SwitchoverButton';

// The cluster view's action area: a switchover button per node that does
// not hold the VIP, the failover drill (both for operators and admins), and
// the run in progress. A run found running (started here, elsewhere, or
// before this page was opened) stays on show after it ends, until
// dismissed, so its summary is read.
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
  const onStarted = (run: TRunPush) => {
    track(run);
    setShownId(run.id);
  };
  if (targets.length === 0 && !drill && !shown) return null;
  return (
    <div className="space-y-3">
      {(targets.length > 0 || drill) && (
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
        </div>
      )}
      {shown && <RunPanel run={shown} canAct={canAct} onRun={track} onDismiss={() => setShownId(null)} />}
    </div>
  );
};
