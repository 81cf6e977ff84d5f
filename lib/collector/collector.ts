import { loadProbeCredential, loadTargets, pinHostKey, readPinnedHostKey } from '@/agents/load-targets';
import { sharedSshPool, type TSshPool } from '@/agents/ssh-pool';
import type { TDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { forgetClusterMetrics } from '@/lib/metrics/forget-cluster-metrics';
import { inventoryStamp } from './inventory-stamp';
import { createClusterMonitor, type TClusterMonitor } from './cluster-monitor';
import { forgetFleetCluster } from '@/lib/realtime/fleet-stream';
import { createHistoryWriter, type THistoryWriter } from './history-writer';
import { pruneHistory } from './persist';
import type { TLogLine } from './log-tail';
import type { TClusterEvent, TClusterSnapshot, TLagPoint } from './snapshot';

export type TCollectorSinks = {
  onSnapshot: (cluster: string, s: TClusterSnapshot) => void;
  onEvent: (cluster: string, e: TClusterEvent) => void;
  onLog?: (cluster: string, lines: TLogLine[]) => void;
  onLag?: (cluster: string, point: TLagPoint) => void;
};

type TRunning = { id: string; name: string; signature: string; monitor: TClusterMonitor };
// With several servers, a cluster is watched only while this server holds
// its lease (lib/servers/lease-keeper.ts); without, every cluster is.
type TLeases = { isHeld: (clusterId: string) => boolean };
type TCollector = { db: TDb; pool: TSshPool; history: THistoryWriter; sinks: TCollectorSinks; leases: TLeases | null; monitors: Map<string, TRunning>; stopping: Set<Promise<void>>; timer: NodeJS.Timeout; syncing: Promise<void>; stamp: string; fullAt: number };

// One collector per process (kept on globalThis: the custom server starts it,
// Next's route bundles ask it for snapshots). It follows the inventory: a new,
// changed or removed cluster starts, restarts or stops its monitor.
const store = globalThis as typeof globalThis & { __tandemCollector?: TCollector };

const SYNC_EVERY_MS = 5000;
// The full look at the inventory (every cluster and node, ciphertexts
// included) held the event loop 30–90 ms at 500 clusters on an idle 2-core
// VM, every 5 s. The timer now first asks whether anything changed
// (inventory-stamp.ts) and looks in full only then, or once a minute
// whatever the stamp says (two writes in the same millisecond, a clock
// stepped back). An API write or a lease gained asks for a full look at once.
const FULL_SYNC_EVERY_MS = 60_000;

// What, when changed, needs a new monitor. The pinned host key is left out:
// pinning it is the monitor's own doing.
const loadInventory = (db: TDb) =>
  db.cluster.findMany({
    // The probe password's ciphertext too, only to notice a change.
    omit: { probePasswordEnc: false },
    include: {
      nodes: {
        orderBy: { name: 'asc' },
        // Ciphertexts only, compared to notice a changed credential; never decrypted here.
        select: { name: true, host: true, sshPort: true, sshUser: true, sshPrivateKeyEnc: true, sshPassphraseEnc: true, mysqlPort: true, mysqlUser: true, mysqlPasswordEnc: true },
      },
    },
  });

const signatureOf = (c: Awaited<ReturnType<typeof loadInventory>>[number]): string =>
  JSON.stringify([c.name, c.vip, c.virtualRouterId, c.lagThresholdSeconds, c.heartbeat, c.probeUser, c.probePasswordEnc, c.nodes.map((n) => [n.name, n.host, n.sshPort, n.sshUser, n.sshPrivateKeyEnc, n.sshPassphraseEnc, n.mysqlPort, n.mysqlUser, n.mysqlPasswordEnc])]);

const isWatched = (c: TCollector, clusterId: string): boolean => c.leases?.isHeld(clusterId) ?? true;

// The monitor stops observing synchronously (a poll still in flight, up to
// the SSH connect timeout for a dead node, has its result discarded); the
// promise is its clean-up.
// What it still had queued for the database is dropped: another server may
// be watching the cluster by the time it would be written.
const stopMonitor = (c: TCollector, running: TRunning): Promise<void> => {
  const done = running.monitor.stop();
  c.history.forget(running.id);
  forgetFleetCluster(running.name);
  logger.info('collector stopped watching cluster', { cluster: running.name });
  return done.then(() => forgetClusterMetrics(running.name));
};

const sync = async (c: TCollector, ifChanged: boolean): Promise<void> => {
  // Read before the full look: a change made between the two is in the look,
  // and makes the next stamp differ (one more full look, nothing missed).
  const stamp = await inventoryStamp(c.db);
  if (ifChanged && stamp === c.stamp && Date.now() - c.fullAt < FULL_SYNC_EVERY_MS) return;
  c.stamp = stamp;
  c.fullAt = Date.now();
  const clusters = await loadInventory(c.db);
  const seen = new Set<string>();
  for (const cluster of clusters) {
    if (!isWatched(c, cluster.id)) continue;
    seen.add(cluster.id);
    const signature = signatureOf(cluster);
    const running = c.monitors.get(cluster.id);
    if (running?.signature === signature) continue;
    if (running) {
      c.monitors.delete(cluster.id);
      await stopMonitor(c, running);
    }
    const targets = await loadTargets({ db: c.db, cluster: cluster.name });
    const probe = await loadProbeCredential({ db: c.db, cluster: cluster.name });
    // The lease may have gone while the targets were read.
    if (!isWatched(c, cluster.id)) continue;
    const monitor = createClusterMonitor({
      db: c.db,
      pool: c.pool,
      history: c.history,
      clusterId: cluster.id,
      settings: { name: cluster.name, vip: cluster.vip, virtualRouterId: cluster.virtualRouterId, lagThresholdSeconds: cluster.lagThresholdSeconds },
      heartbeat: cluster.heartbeat,
      probe,
      targets,
      pollIntervalMs: getEnv().TANDEM_POLL_INTERVAL_MS,
      logStream: getEnv().TANDEM_LOG_STREAM === 'on',
      sinks: {
        onSnapshot: (s) => c.sinks.onSnapshot(cluster.name, s),
        onEvent: (e) => c.sinks.onEvent(cluster.name, e),
        onLog: (lines) => c.sinks.onLog?.(cluster.name, lines),
        onLag: (point) => c.sinks.onLag?.(cluster.name, point),
      },
    });
    c.monitors.set(cluster.id, { id: cluster.id, name: cluster.name, signature, monitor });
    logger.info('collector watching cluster', { cluster: cluster.name, nodes: targets.length });
  }
  for (const [id, running] of c.monitors) {
    if (seen.has(id)) continue;
    c.monitors.delete(id);
    await stopMonitor(c, running);
  }
};

// Stops observing these clusters now, without waiting for a sync in progress
// (that one re-checks the lease before it starts a monitor) nor for the
// monitors' clean-up: called when a lease is handed back or about to expire.
export const stopWatching = (clusterIds: string[]): void => {
  const c = store.__tandemCollector;
  if (!c) return;
  for (const id of clusterIds) {
    const running = c.monitors.get(id);
    if (!running) continue;
    c.monitors.delete(id);
    const done = stopMonitor(c, running).finally(() => c.stopping.delete(done));
    c.stopping.add(done);
  }
};

export const startCollector = (options: { db: TDb; sinks: TCollectorSinks; leases?: TLeases }): void => {
  if (store.__tandemCollector) return;
  const pool = sharedSshPool({ onPinned: (target, fingerprint) => pinHostKey({ db: options.db, nodeId: target.id, fingerprint }), currentPin: (target) => readPinnedHostKey({ db: options.db, nodeId: target.id }) });
  const c: TCollector = { db: options.db, pool, history: createHistoryWriter(options.db), sinks: options.sinks, leases: options.leases ?? null, monitors: new Map(), stopping: new Set(), syncing: Promise.resolve(), timer: setInterval(() => void refreshCollector({ ifChanged: true }), SYNC_EVERY_MS), stamp: '', fullAt: 0 };
  c.timer.unref();
  store.__tandemCollector = c;
  const env = getEnv();
  const prune = setInterval(() => void pruneHistory(options.db, { lagRetentionDays: env.TANDEM_LAG_RETENTION_DAYS, eventRetentionDays: env.TANDEM_EVENT_RETENTION_DAYS }).catch(() => undefined), 600_000);
  prune.unref();
  void refreshCollector();
};

// Called after inventory writes (and every few seconds, ifChanged, for the
// CLI's and other servers').
export const refreshCollector = (o: { ifChanged?: boolean } = {}): Promise<void> => {
  const c = store.__tandemCollector;
  if (!c) return Promise.resolve();
  c.syncing = c.syncing.then(() => sync(c, o.ifChanged ?? false)).catch((e: unknown) => logger.error('collector sync failed', { error: e instanceof Error ? e.message : String(e) }));
  return c.syncing;
};

const monitorOf = (cluster: string): TClusterMonitor | undefined => {
  const c = store.__tandemCollector;
  if (!c) return undefined;
  for (const r of c.monitors.values()) if (r.name === cluster) return r.monitor;
  return undefined;
};

export const pollClusterNow = (cluster: string): void => monitorOf(cluster)?.pollNow();

// Every watched cluster's live snapshot (the /metrics gauges).
export const liveSnapshots = (): TClusterSnapshot[] =>
  [...(store.__tandemCollector?.monitors.values() ?? [])].flatMap(({ monitor }) => {
    const s = monitor.snapshot();
    return s ? [s] : [];
  });

// The clusters this process watches now (a monitor running, whether or not
// it has observed anything yet).
export const watchedClusters = (): string[] => [...(store.__tandemCollector?.monitors.values() ?? [])].map((r) => r.name);

export const liveSnapshot = (cluster: string): TClusterSnapshot | undefined => monitorOf(cluster)?.snapshot();

// The recent keepalived log lines of a watched cluster (empty when this
// process does not watch it: the log is only followed live, never stored).
export const liveLogTail = (cluster: string): TLogLine[] => monitorOf(cluster)?.logTail() ?? [];

export const stopCollector = async (): Promise<void> => {
  const c = store.__tandemCollector;
  if (!c) return;
  store.__tandemCollector = undefined;
  clearInterval(c.timer);
  await c.syncing;
  await Promise.all([...[...c.monitors.values()].map((r) => stopMonitor(c, r)), ...c.stopping]);
  await c.history.flush();
  c.pool.disposeAll();
};
