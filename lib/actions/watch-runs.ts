import { rawSqlOf, type TDb } from '@/lib/db/client';
import { sqlNumber } from '@/lib/db/raw-sql';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { actionHub } from './action-hub';
import { refreshAttention } from './attention';
import { processOwner } from './start-action';
import { recoverInterruptedRuns } from './recover-interrupted-runs';
import { RUN_INCLUDE, toRunView } from './run-view';

const WATCH_EVERY_MS = 2000;

const runningCount = async (db: TDb): Promise<number> => {
  const raw = rawSqlOf(db);
  if (!raw) return db.actionRun.count({ where: { status: 'running' } });
  const [row] = await raw.query('SELECT COUNT(*) AS n FROM action_runs WHERE status = ?', ['running']);
  return sqlNumber(row?.n);
};

// Runs started by another process (the CLI) are in the database only: the
// server follows them so that their progress is pushed to the pages like
// its own, their findings are shown as expected, and a CLI killed mid-run is
// marked interrupted within seconds rather than at the next server start.
export const watchForeignRuns = (db: TDb): (() => void) => {
  const me = processOwner();
  const last = new Map<string, string>();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const hub = actionHub();
      // Nothing running, nothing followed, no interrupted run to clear: one
      // light statement every 2 s instead of five (the run views with their
      // steps, the server members) on a server that is only watching.
      if (last.size === 0 && hub.interrupted.size === 0 && (await runningCount(db)) === 0) return;
      await recoverInterruptedRuns(db, { ownRuns: 'skip' });
      const runs = await db.actionRun.findMany({ where: { OR: [{ status: 'running' }, { id: { in: [...last.keys()] } }] }, include: RUN_INCLUDE });
      // Another Tandem server's runs reach the pages through its own pushes
      // (the Redis adapter); only a CLI's runs are followed here.
      const servers = new Set((await db.serverMember.findMany({ where: { heartbeatAt: { gt: new Date(Date.now() - getEnv().TANDEM_LEASE_TTL_MS) } }, select: { process: true } })).map((m) => m.process));
      for (const r of runs) {
        if (r.owner === me) continue;
        const isOtherServers = servers.has(r.owner);
        const view = toRunView(r);
        const text = JSON.stringify(view);
        if (view.status === 'running') hub.active.set(view.cluster, { runId: view.id, kind: view.kind });
        else if (hub.active.get(view.cluster)?.runId === view.id) hub.active.delete(view.cluster);
        if (last.get(view.id) !== text) {
          if (!isOtherServers) hub.pushLocal(view.cluster, view);
          hub.pollNow(view.cluster);
        }
        if (view.status === 'running') last.set(view.id, text);
        else {
          last.delete(view.id);
          await refreshAttention(db, view.cluster);
        }
      }
      // An acknowledgement made from the CLI clears the finding here too.
      for (const cluster of [...hub.interrupted.keys()]) await refreshAttention(db, cluster);
    } catch (e) {
      logger.warn('could not follow action runs', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), WATCH_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
};
