import { metrics } from './registry';

const OUTCOMES = ['ok', 'unreachable'] as const;

// Drops a cluster's series from the hook-fed families when its monitor stops
// (the cluster left the inventory or was changed): otherwise a removed cluster
// or renamed node would be exported until the process restarts. Prometheus
// reads the restart of a changed cluster's counters as a counter reset.
export const forgetClusterMetrics = (cluster: string): void => {
  const m = metrics();
  for (const node of m.seriesNodes.get(cluster) ?? []) {
    for (const outcome of OUTCOMES) m.pollDuration.remove({ cluster, node, outcome });
    m.sshReconnects.remove({ cluster, node });
  }
  m.seriesNodes.delete(cluster);
};
