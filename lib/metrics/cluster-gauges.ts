import { Gauge, type Registry } from 'prom-client';
import type { TClusterSnapshot, TSnapshotNode } from '@/lib/collector/snapshot';
import type { TSeverity } from '@/lib/health/types';

type TLabels = Record<string, string>;
type TSample = [TLabels, number];
type TGaugeSpec = { name: string; help: string; labelNames: string[]; samples: (s: TClusterSnapshot, now: number) => TSample[] };

const SEVERITIES: readonly TSeverity[] = ['critical', 'warning', 'info'];
// keepalived's VRRP states, STOPPED (no keepalived process) as the snapshot
// says it, and UNKNOWN (node not reachable, state not seen yet, or anything
// else): a closed set, so the label cannot grow.
export const KEEPALIVED_STATES = ['MASTER', 'BACKUP', 'FAULT', 'INIT', 'STOP', 'STOPPED', 'UNKNOWN'] as const;

const flag = (b: boolean): number => (b ? 1 : 0);

const keepalivedState = (n: TSnapshotNode): string => {
  // running is null when the node could not be polled: its last known state is history, not state.
  if (n.keepalived.running === null) return 'UNKNOWN';
  const s = n.keepalived.state ?? 'UNKNOWN';
  return (KEEPALIVED_STATES as readonly string[]).includes(s) ? s : 'UNKNOWN';
};

// One sample per node where the snapshot has a value; no sample where it has
// none (NULL lag, replication not configured, node not reachable), as
// Prometheus exporters do, so alerts compare only what was observed.
const perNode = (value: (n: TSnapshotNode) => number | null) => (s: TClusterSnapshot): TSample[] =>
  s.nodes.flatMap((n): TSample[] => {
    const v = value(n);
    return v === null ? [] : [[{ cluster: s.cluster, node: n.name }, v]];
  });

const CLUSTER_NODE = ['cluster', 'node'];

// Everything here is read from the collector's live snapshots, the same ones
// the pages and `tandem status` show: what a VIP holder or a split brain is
// was decided there, once.
export const CLUSTER_GAUGES: readonly TGaugeSpec[] = [
  { name: 'tandem_vip_held', help: 'Whether the node holds the cluster\'s VIP (1) or not (0)', labelNames: CLUSTER_NODE, samples: perNode((n) => flag(n.holdsVip)) },
  { name: 'tandem_vip_holders', help: 'Number of nodes holding the cluster\'s VIP (1 healthy, 0 no holder, >1 split brain)', labelNames: ['cluster'], samples: (s) => [[{ cluster: s.cluster }, s.vip.holders.length]] },
  { name: 'tandem_node_reachable', help: 'Whether the collector reaches the node over SSH (1) or not (0)', labelNames: CLUSTER_NODE, samples: perNode((n) => flag(n.reachable)) },
  // A reachable node's error is its MySQL client's; an unreachable node's MySQL is unknown.
  { name: 'tandem_mysql_up', help: 'Whether MySQL on the node answers the collector (1) or not (0); absent while the node is unreachable', labelNames: CLUSTER_NODE, samples: perNode((n) => (n.reachable ? flag(n.error === null) : null)) },
  { name: 'tandem_replication_io_running', help: 'Whether the replication IO thread runs (Slave_IO_Running = Yes: 1; No or Connecting: 0); absent without replication', labelNames: CLUSTER_NODE, samples: perNode((n) => (n.replication ? flag(n.replication.ioRunning === 'Yes') : null)) },
  { name: 'tandem_replication_sql_running', help: 'Whether the replication SQL thread runs (Slave_SQL_Running = Yes: 1, else 0); absent without replication', labelNames: CLUSTER_NODE, samples: perNode((n) => (n.replication ? flag(n.replication.sqlRunning === 'Yes') : null)) },
  { name: 'tandem_replication_lag_seconds', help: 'Seconds_Behind_Master of the node\'s replication; absent while it is NULL', labelNames: CLUSTER_NODE, samples: perNode((n) => n.lagSeconds) },
  { name: 'tandem_heartbeat_lag_seconds', help: 'Age of the heartbeat row on the node: the true replication delay; absent without a heartbeat', labelNames: CLUSTER_NODE, samples: perNode((n) => n.heartbeatLagSeconds) },
  { name: 'tandem_read_only', help: 'The node\'s read_only (1 ON, 0 OFF); absent while MySQL does not answer', labelNames: CLUSTER_NODE, samples: perNode((n) => (n.readOnly === null ? null : flag(n.readOnly))) },
  {
    name: 'tandem_keepalived_state',
    help: 'keepalived\'s state on the node: 1 for the current state, 0 for the others',
    labelNames: ['cluster', 'node', 'state'],
    samples: (s) => s.nodes.flatMap((n) => {
      const current = keepalivedState(n);
      return KEEPALIVED_STATES.map((state): TSample => [{ cluster: s.cluster, node: n.name, state }, flag(state === current)]);
    }),
  },
  {
    name: 'tandem_findings',
    help: 'Number of current findings on the cluster by severity',
    labelNames: ['cluster', 'severity'],
    samples: (s) => SEVERITIES.map((severity): TSample => [{ cluster: s.cluster, severity }, s.findings.filter((f) => f.severity === severity).length]),
  },
  {
    name: 'tandem_snapshot_age_seconds',
    help: 'Seconds since the cluster\'s live snapshot was computed (it is recomputed at least every 5 s)',
    labelNames: ['cluster'],
    samples: (s, now) => [[{ cluster: s.cluster }, Math.max(0, (now - Date.parse(s.observedAt)) / 1000)]],
  },
];

// Gauges computed when scraped (collect), so they are always the current
// snapshot and a cluster that is no longer watched has no series. The
// registry calls every collect in one synchronous pass, so all families of
// one scrape see the same snapshots.
export const registerClusterGauges = (registry: Registry, snapshots: () => TClusterSnapshot[]): void => {
  for (const spec of CLUSTER_GAUGES) {
    new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames,
      registers: [registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const s of snapshots()) for (const [labels, value] of spec.samples(s, now)) this.set(labels, value);
      },
    });
  }
};

// With several servers each cluster has this series on exactly one of them:
// the one holding its lease (docs/deployment.md).
export const registerWatchedGauge = (registry: Registry, watched: () => string[]): void => {
  new Gauge({
    name: 'tandem_cluster_watched',
    help: 'Whether this Tandem server watches the cluster now (1); no series for clusters it does not watch',
    labelNames: ['cluster'],
    registers: [registry],
    collect() {
      this.reset();
      for (const cluster of watched()) this.set({ cluster }, 1);
    },
  });
};
