import type { TNodeTarget } from '@/agents/node-target';
import type { TSshPool } from '@/agents/ssh-pool';
import type { TDb } from '@/lib/db/client';

export const ACTION_KINDS = ['switchover'] as const;
export type TActionKind = (typeof ACTION_KINDS)[number];

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'aborted', 'interrupted'] as const;
export type TRunStatus = (typeof RUN_STATUSES)[number];

// warning: the step did not reach its goal but the run could go on safely
// (e.g. the old writer still catching up); undone / undo-failed: after a
// failure or an abort, what became of a completed step.
export type TStepStatus = 'pending' | 'running' | 'succeeded' | 'warning' | 'failed' | 'skipped' | 'undone' | 'undo-failed';

export type TPreflightCheck = { check: string; ok: boolean; severity: 'block' | 'warn'; detail: string };

// What a step shows before it runs: the exact statements or commands, secrets redacted.
export type TPlannedStep = { key: string; title: string; node: string | null; commands: string[]; timeoutMs: number; undo: string[] | null };
export type TPlan = { steps: TPlannedStep[] };

export type TActionContext = {
  db: TDb;
  pool: TSshPool;
  cluster: { id: string; name: string; vip: string };
  targets: TNodeTarget[];
  probe: TNodeTarget['mysql'] | null;
  // Shared between steps: what one step learnt that a later one needs.
  memo: Map<string, unknown>;
  // Appends a line to the running step's output.
  log: (line: string) => void;
  // Asks the monitor for a fresh poll (after a state-changing step).
  pollNow: () => void;
};

// A step at run time. run() does the work and checks its result (the
// verification): it throws StepFailure (or any error) when the goal is not
// reached. precondition() is checked just before; a string is the reason
// it does not hold. undo() puts back what run() changed.
export type TStep = TPlannedStep & {
  precondition?: (ctx: TActionContext) => Promise<string | null>;
  run: (ctx: TActionContext) => Promise<void>;
  undoRun?: (ctx: TActionContext) => Promise<void>;
  // Past this step, stopping is worse than finishing: an abort request is
  // honoured only before it, and a later failure is reported, not undone.
  pointOfNoReturn?: boolean;
  // A failure here is reported as a warning and the run goes on.
  nonFatal?: boolean;
};

export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}

export type TNodeFinalState = { node: string; reachable: boolean; holdsVip: boolean | null; readOnly: boolean | null; ioRunning: string | null; sqlRunning: string | null; lastError: string | null };
export type TFinalState = { vipHolders: string[]; writable: string[]; nodes: TNodeFinalState[] };

// One kind of action: how its params are read, its preflight, its steps,
// what it reports at the end, and what to tell an operator when a run of it
// stopped after a given step.
export type TActionDefinition<P> = {
  kind: TActionKind;
  parseParams: (raw: unknown, nodeNames: string[]) => { ok: true; params: P } | { ok: false; fields: Record<string, string> };
  preflight: (ctx: TActionContext, params: P, options: { force: boolean }) => Promise<TPreflightCheck[]>;
  steps: (ctx: TActionContext, params: P) => TStep[];
  result: (ctx: TActionContext, params: P) => Record<string, unknown>;
  adviceAfter: (params: P, lastCompletedKey: string | null) => string;
};
