import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { attachLoopDelayMetrics } from './loop-delay';

export type TPollOutcome = 'ok' | 'unreachable';
export type TDeliveryOutcome = 'delivered' | 'failed' | 'retrying';

export type TMetrics = {
  registry: Registry;
  pollDuration: Histogram<'cluster' | 'node' | 'outcome'>;
  sshReconnects: Counter<'cluster' | 'node'>;
  notificationDeliveries: Counter<'channel_type' | 'outcome'>;
  dbWrites: Counter<'model' | 'operation'>;
  // The series each cluster's nodes have in the hook-fed families, so a
  // cluster that leaves the inventory can be dropped from them.
  seriesNodes: Map<string, Set<string>>;
  // Whether the scrape-time families (cluster gauges, action runs) are attached.
  scrapeSourcesAttached: boolean;
};

// Polls take milliseconds in the lab and up to the 5 s timeout on a dead or
// loaded node; the buckets cover both ends.
const POLL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// The families that code paths feed as things happen, on a registry of their
// own (not prom-client's global one, which any dependency may write to).
export const createMetrics = (): TMetrics => {
  const registry = new Registry();
  // prom-client's own delay histogram is left with a timer that never fires
  // (it cannot be turned off); loop-delay.ts replaces its figures.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 2 ** 31 - 1 });
  attachLoopDelayMetrics(registry);
  return {
    registry,
    pollDuration: new Histogram({ name: 'tandem_poll_duration_seconds', help: 'Duration of one collector poll of a node (one SSH round trip), by outcome', labelNames: ['cluster', 'node', 'outcome'], buckets: POLL_BUCKETS, registers: [registry] }),
    sshReconnects: new Counter({ name: 'tandem_ssh_reconnects_total', help: 'SSH connections opened to a node after the first one (the previous one dropped or was discarded)', labelNames: ['cluster', 'node'], registers: [registry] }),
    notificationDeliveries: new Counter({ name: 'tandem_notification_deliveries_total', help: 'Notification delivery attempts by channel type and outcome', labelNames: ['channel_type', 'outcome'], registers: [registry] }),
    dbWrites: new Counter({ name: 'tandem_db_writes_total', help: 'Write statements on the inventory database that succeeded, by Prisma model and operation', labelNames: ['model', 'operation'], registers: [registry] }),
    seriesNodes: new Map(),
    scrapeSourcesAttached: false,
  };
};

// One registry per process, on globalThis: the custom server's collector and
// SSH pool record into it, and the /metrics route, which Next's bundle loads
// as a separate copy of these modules, serves the same one.
const store = globalThis as typeof globalThis & { __tandemMetrics?: TMetrics };

export const metrics = (): TMetrics => {
  store.__tandemMetrics ??= createMetrics();
  return store.__tandemMetrics;
};

// Notes that a node of a cluster has series in the hook-fed families.
export const noteSeriesNode = (m: TMetrics, cluster: string, node: string): void => {
  const nodes = m.seriesNodes.get(cluster) ?? new Set<string>();
  nodes.add(node);
  m.seriesNodes.set(cluster, nodes);
};
