// Tandem's process: one HTTP server carrying Next.js and Socket.IO.
import { createServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { readFileSync } from 'node:fs';
import next from 'next';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { startAuditRetention } from '@/lib/audit/audit-retention';
import { flushRefusalBursts } from '@/lib/audit/record-refusal';
import { getEnv } from '@/lib/env';
import { hardenServer } from '@/lib/http/harden-server';
import { stampClientAddress } from '@/lib/http/stamp-client-address';
import { logger } from '@/lib/log';
import { setActionSinks } from '@/lib/actions/action-hub';
import { recoverInterruptedRuns } from '@/lib/actions/recover-interrupted-runs';
import { watchForeignRuns } from '@/lib/actions/watch-runs';
import { pollClusterNow, refreshCollector, startCollector, stopCollector, stopWatching } from '@/lib/collector/collector';
import { processOwner } from '@/lib/actions/start-action';
import { startLeaseKeeper } from '@/lib/servers/lease-keeper';
import { notifyClusterEvent } from '@/lib/notifications/notify-cluster-event';
import { startNotifier } from '@/lib/notifications/notifier';
import { recordNotificationDelivery } from '@/lib/metrics/record-notification-delivery';
import { answerForwardedActions } from '@/lib/actions/forward-action';
import { answerLiveViews } from '@/lib/realtime/live-view';
import { closeRedis, getRedis, redisReady } from '@/lib/redis/redis-clients';
import { attachRealtime, publishAction, publishActionLocally, publishEvent, publishLag, publishLog, publishSnapshot } from '@/lib/realtime/attach-realtime';

// The collector's garbage is mostly short-lived (a poll's output, parsed,
// compared, pushed): V8's default lets the old space grow to ≈ 3.4× what is
// live before it collects, 1.25 GB at 1,000 nodes for ≈ 300 MB live. 1.75×
// what is live, and a larger young generation (--max-semi-space-size in
// scripts/server-node-flags.json, which only the command line can set) so
// that a poll's objects die young instead of being promoted. Measured in
// bench/fleet.ts: see the README's fleet table.
setFlagsFromString('--heap-growing-percent=75');

const env = getEnv();
const version = String(JSON.parse(readFileSync('package.json', 'utf8')).version);
const app = next({ dev: env.NODE_ENV !== 'production', hostname: env.HOST, port: env.PORT });

const main = async (): Promise<void> => {
  // Migrate before the first request, so a bad DATABASE_URL fails the start, not a page.
  const { dialect, db } = await getDatabase();
  await app.prepare();
  const handler = app.getRequestHandler();
  const server = createServer((req, res) => {
    stampClientAddress(req);
    void handler(req, res);
  });
  if (!(await redisReady(15_000))) logger.error('redis did not answer within 15 s; starting without it for now');
  const io = attachRealtime(server, version);
  if (getRedis()) {
    answerLiveViews(io);
    answerForwardedActions(io, db);
  }
  hardenServer(server);

  server.on('error', (e) => {
    logger.error('server error', { error: e.message });
    process.exit(1);
  });
  server.listen(env.PORT, env.HOST, () => {
    logger.info('Tandem listening', { url: `http://${env.HOST}:${env.PORT}`, db: dialect, mode: env.NODE_ENV });
  });
  if ((await db.user.count()) === 0) {
    logger.warn('no users yet: create the first admin with `npx tandem users add NAME --role admin`, then sign in');
  }
  startAuditRetention(db);
  // Runs cut short by the last stop are marked interrupted, never resumed.
  const interrupted = await recoverInterruptedRuns(db);
  if (interrupted > 0) logger.warn('action runs were interrupted by the last stop; see the cluster findings', { count: interrupted });
  setActionSinks({ push: publishAction, pushLocal: publishActionLocally, pollNow: pollClusterNow });
  watchForeignRuns(db);
  // Queued notifications (also those of a previous run of the server) go out
  // from here; events are queued where they happen.
  const notifier = env.TANDEM_NOTIFICATIONS === 'on' ? startNotifier({ db, baseUrl: env.publicUrl, retentionDays: env.TANDEM_EVENT_RETENTION_DAYS, onDelivery: recordNotificationDelivery }) : undefined;
  const onEvent = (cluster: string, e: Parameters<typeof publishEvent>[1]) => {
    publishEvent(cluster, e);
    void notifyClusterEvent(db, cluster, e);
  };
  // On MySQL/MariaDB several servers may share the inventory: each watches
  // only the clusters whose lease it holds. One server on SQLite watches all.
  const isShared = dialect === 'mysql' && env.TANDEM_COLLECTOR === 'on';
  const leases = isShared
    ? await startLeaseKeeper({ db, dialect, serverId: env.serverId, process: processOwner(), url: env.publicUrl, ttlMs: env.TANDEM_LEASE_TTL_MS, renewMs: env.TANDEM_LEASE_RENEW_MS, onLost: stopWatching, onGained: () => void refreshCollector() })
    : undefined;
  if (leases) logger.info('cluster leases', { server: leases.serverId, held: leases.held().length });
  if (env.TANDEM_COLLECTOR === 'on') startCollector({ db, leases, sinks: { onSnapshot: publishSnapshot, onEvent, onLog: publishLog, onLag: publishLag } });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void io.close();
    server.close(() => {
      void stopCollector()
        .then(() => leases?.stop())
        .then(() => notifier?.stop())
        .then(() => flushRefusalBursts())
        .then(() => closeDatabase())
        .then(() => closeRedis())
        .finally(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
};

main().catch((e: unknown) => {
  logger.error('Tandem failed to start', { error: e instanceof Error ? e.message : String(e) });
  process.exit(1);
});
