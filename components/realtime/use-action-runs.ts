'use client';
import { useCallback, useState } from 'react';
import { newerRun } from '@/lib/actions/run-state';
import type { TActionKind } from '@/lib/actions/types';
import { ZRunListSchema, ZRunViewSchema, type TRunPush } from '@/lib/realtime/payloads';
import { useOnJoined, useSocketEvent } from '@/components/realtime/use-socket-event';

const byStartDesc = (a: TRunPush, b: TRunPush) => b.startedAt.localeCompare(a.startedAt);

const merge = (runs: TRunPush[], arrived: TRunPush[], limit: number): TRunPush[] => {
  const held = new Map(runs.map((r) => [r.id, r]));
  for (const r of arrived) held.set(r.id, newerRun(held.get(r.id), r));
  return [...held.values()].sort(byStartDesc).slice(0, limit);
};

// A cluster's recent runs (of one kind, when given): the server-rendered
// list, every `cluster:action` pushed since, and a catch-up fetch on each
// join (a run may have moved on while the page was not following). The
// page's own subscription (the cluster state's) carries the pushes here.
export const useActionRuns = (cluster: string, initial: TRunPush[], limit: number, kind?: TActionKind): { runs: TRunPush[]; track: (run: TRunPush) => void } => {
  const [runs, setRuns] = useState(initial);
  const track = useCallback((run: TRunPush) => setRuns((held) => (kind && run.kind !== kind ? held : merge(held, [run], limit))), [limit, kind]);
  useSocketEvent<unknown>('cluster:action', (payload) => {
    const run = ZRunViewSchema.safeParse(payload);
    if (run.success && run.data.cluster === cluster) track(run.data);
  });
  useOnJoined(cluster, () => {
    void fetch(`/api/clusters/${encodeURIComponent(cluster)}/actions?limit=${limit}${kind ? `&kind=${kind}` : ''}`)
      .then((res) => (res.ok ? res.json() : null))
      .then((body: unknown) => {
        const list = ZRunListSchema.safeParse(body);
        if (list.success) setRuns((held) => merge(held, list.data.runs, limit));
      })
      .catch(() => undefined);
  });
  return { runs, track };
};

// One run, followed live on its own page.
export const useActionRun = (initial: TRunPush): { run: TRunPush; track: (run: TRunPush) => void } => {
  const [run, setRun] = useState(initial);
  const track = useCallback((arrived: TRunPush) => setRun((held) => (arrived.id === held.id ? newerRun(held, arrived) : held)), []);
  useSocketEvent<unknown>('cluster:action', (payload) => {
    const pushed = ZRunViewSchema.safeParse(payload);
    if (pushed.success) track(pushed.data);
  });
  useOnJoined(initial.cluster, () => {
    void fetch(`/api/actions/${encodeURIComponent(initial.id)}`)
      .then((res) => (res.ok ? res.json() : null))
      .then((body: unknown) => {
        const fetched = ZRunViewSchema.safeParse(body);
        if (fetched.success) track(fetched.data);
      })
      .catch(() => undefined);
  });
  return { run, track };
};
