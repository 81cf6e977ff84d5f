import { DRIFT_HISTORY_LIMIT, DRILL_HISTORY_LIMIT, RUN_HISTORY_LIMIT } from '@/components/actions/run-format';
import type { TClusterViewInitial } from '@/components/cluster-view/ClusterView';
import { listActions } from '@/lib/actions/list-actions';
import { TIMELINE_MINUTES } from '@/components/cluster-view/timeline-segments';
import { liveLogTail } from '@/lib/collector/collector';
import { getClusterState } from '@/lib/collector/get-cluster-state';
import { listEvents } from '@/lib/collector/list-events';
import { readLag } from '@/lib/collector/read-lag';
import type { TDb } from '@/lib/db/client';

// Everything the cluster view renders on the server, so the first paint is
// the current state; the page then follows Socket.IO from there.
export const loadClusterView = async ({ db, name }: { db: TDb; name: string }): Promise<TClusterViewInitial> => {
  const to = new Date();
  const from = new Date(to.getTime() - 15 * 60_000);
  const [state, series, transitions, runs, drills, driftChecks] = await Promise.all([
    getClusterState({ db, name }),
    readLag({ db, name, from, to }),
    listEvents({ db, name, since: new Date(to.getTime() - TIMELINE_MINUTES * 60_000), kinds: ['keepalived-transition'] }),
    listActions({ db, cluster: name, limit: RUN_HISTORY_LIMIT }),
    listActions({ db, cluster: name, limit: DRILL_HISTORY_LIMIT, kind: 'drill' }),
    listActions({ db, cluster: name, limit: DRIFT_HISTORY_LIMIT, kind: 'checksum' }),
  ]);
  return { state, lag: { from: from.toISOString(), to: to.toISOString(), series }, transitions, log: liveLogTail(name), runs, drills, driftChecks };
};
