import type { TDb } from '@/lib/db/client';
import type { TFinalState, TRunStatus, TStepStatus } from './types';

// A run as the API, the CLI and the pushes show it.
export type TStepView = { position: number; key: string; title: string; node: string | null; status: TStepStatus; startedAt: string | null; endedAt: string | null; commands: string[]; output: string };
export type TRunView = {
  id: string;
  kind: string;
  cluster: string;
  params: Record<string, unknown>;
  status: TRunStatus;
  requestedBy: string;
  force: boolean;
  reason: string | null;
  abortRequested: boolean;
  restoreRequested: boolean;
  startedAt: string;
  endedAt: string | null;
  steps: TStepView[];
  result: Record<string, unknown> | null;
  error: string | null;
  finalState: TFinalState | null;
  acknowledgedAt: string | null;
};

const parse = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export const RUN_INCLUDE = { steps: { orderBy: { position: 'asc' as const } } };

type TRunRow = NonNullable<Awaited<ReturnType<TDb['actionRun']['findUnique']>>> & {
  steps: { position: number; key: string; title: string; node: string | null; commands: string; status: string; startedAt: Date | null; endedAt: Date | null; output: string | null }[];
};

export const toRunView = (r: TRunRow): TRunView => ({
  id: r.id,
  kind: r.kind,
  cluster: r.clusterName,
  params: parse<Record<string, unknown>>(r.params, {}),
  status: r.status as TRunStatus,
  requestedBy: r.requestedBy,
  force: r.force,
  reason: r.reason,
  abortRequested: r.abortRequested,
  restoreRequested: r.restoreRequested,
  startedAt: r.startedAt.toISOString(),
  endedAt: r.endedAt?.toISOString() ?? null,
  steps: r.steps.map((s) => ({
    position: s.position,
    key: s.key,
    title: s.title,
    node: s.node,
    status: s.status as TStepStatus,
    startedAt: s.startedAt?.toISOString() ?? null,
    endedAt: s.endedAt?.toISOString() ?? null,
    commands: parse<string[]>(s.commands, []),
    output: s.output ?? '',
  })),
  result: parse<Record<string, unknown> | null>(r.result, null),
  error: r.error,
  finalState: parse<TFinalState | null>(r.finalState, null),
  acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
});

// A run's raw evidence (a drill's timelines), kept out of the view because
// it is large; null when the run kept none.
export const loadRunEvidence = async (db: TDb, id: string): Promise<unknown> => {
  const r = await db.actionRun.findUnique({ where: { id }, select: { evidence: true } });
  return parse<unknown>(r?.evidence ?? null, null);
};

export const loadRunView = async (db: TDb, id: string): Promise<TRunView | null> => {
  const r = await db.actionRun.findUnique({ where: { id }, include: RUN_INCLUDE });
  return r ? toRunView(r) : null;
};
