import { Counter, Histogram, type Registry } from 'prom-client';
import { ACTION_KINDS, isActionKind, RUN_STATUSES, type TRunStatus } from '@/lib/actions/types';
import type { TDb } from '@/lib/db/client';
import { logger } from '@/lib/log';

type TEnded = Exclude<TRunStatus, 'running'>;
const OUTCOMES = RUN_STATUSES.filter((s): s is TEnded => s !== 'running');
const isOutcome = (s: string): s is TEnded => (OUTCOMES as readonly string[]).includes(s);

// A switchover takes seconds, a drill about a minute, a reseed minutes to an hour.
const DURATION_BUCKETS = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

type TEndedRun = { cluster: string; kind: string; outcome: TEnded; seconds: number };
export type TActionRunData = { clusters: string[]; runs: TEndedRun[] };

// The clusters (every one gets a series per kind and outcome) and the ended
// runs, with unknown kinds and statuses (an older Tandem's) left out.
export const readEndedRuns = async (db: TDb): Promise<TActionRunData> => {
  const [clusters, rows] = await Promise.all([
    db.cluster.findMany({ select: { name: true } }),
    db.actionRun.findMany({ where: { endedAt: { not: null } }, select: { kind: true, status: true, startedAt: true, endedAt: true, cluster: { select: { name: true } } } }),
  ]);
  const runs = rows.flatMap((r): TEndedRun[] =>
    isActionKind(r.kind) && isOutcome(r.status) && r.endedAt ? [{ cluster: r.cluster.name, kind: r.kind, outcome: r.status, seconds: Math.max(0, (r.endedAt.getTime() - r.startedAt.getTime()) / 1000) }] : [],
  );
  return { clusters: clusters.map((c) => c.name), runs };
};

// Action runs are counted from the database when scraped, not in the process
// that runs them: the CLI runs actions in its own process, runs interrupted by
// a crash are marked at the next start-up, and the counts survive restarts.
// Runs go when their cluster is deleted (cascade): its series go with it.
export const registerActionRunMetrics = (registry: Registry, options: { read: () => Promise<TActionRunData> }): void => {
  // Both families' collects start in the same synchronous pass of a scrape:
  // they share one read.
  let reading: Promise<TActionRunData | null> | null = null;
  const read = () => {
    reading ??= options
      .read()
      .catch((e: unknown) => {
        logger.warn('metrics: could not read action runs', { error: e instanceof Error ? e.message : String(e) });
        return null;
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  };

  new Counter({
    name: 'tandem_action_runs_total',
    help: 'Action runs that ended, by cluster, kind and outcome (counted from the stored runs)',
    labelNames: ['cluster', 'kind', 'outcome'],
    registers: [registry],
    async collect() {
      const data = await read();
      // Unreadable: the last values stay, rather than a drop to zero that
      // Prometheus would take for a counter reset.
      if (!data) return;
      this.reset();
      // Every combination exists from the start, so the first failure is an increase.
      for (const cluster of data.clusters) for (const kind of ACTION_KINDS) for (const outcome of OUTCOMES) this.inc({ cluster, kind, outcome }, 0);
      for (const r of data.runs) this.inc({ cluster: r.cluster, kind: r.kind, outcome: r.outcome });
    },
  });

  new Histogram({
    name: 'tandem_action_run_duration_seconds',
    help: 'Duration of ended action runs, start to end, by kind and outcome (from the stored runs)',
    labelNames: ['kind', 'outcome'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
    async collect() {
      const data = await read();
      if (!data) return;
      this.reset();
      for (const kind of ACTION_KINDS) for (const outcome of OUTCOMES) this.zero({ kind, outcome });
      for (const r of data.runs) this.observe({ kind: r.kind, outcome: r.outcome }, r.seconds);
    },
  });
};
