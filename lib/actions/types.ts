import type { TNodeTarget } from '@/agents/node-target';
import type { TSshPool } from '@/agents/ssh-pool';
import type { TDb } from '@/lib/db/client';

export const ACTION_KINDS = ['switchover', 'drill', 'checksum', 'repair'] as const;
export type TActionKind = (typeof ACTION_KINDS)[number];
export const isActionKind = (s: string): s is TActionKind => (ACTION_KINDS as readonly string[]).includes(s);

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
  // Set once the run is stored (null while preparing and for dry runs).
  runId: string | null;
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

// Thrown by a step that saw an abort request while it waited (a drill's
// hold): the run ends as aborted and its completed steps are undone.
export class RunAborted extends Error {
  constructor(message = 'aborted by request') {
    super(message);
    this.name = 'RunAborted';
  }
}

export type TNodeFinalState = { node: string; reachable: boolean; holdsVip: boolean | null; readOnly: boolean | null; ioRunning: string | null; sqlRunning: string | null; lastError: string | null };
export type TFinalState = { vipHolders: string[]; writable: string[]; nodes: TNodeFinalState[] };

// What a definition hands the engine once its params are read and the
// preflight has run: the checks, the steps, the summary the run stores at
// its end and (optionally) raw evidence kept beside it.
export type TPrepared = {
  checks: TPreflightCheck[];
  steps: TStep[];
  // startedAt: when the run was stored (ms).
  result: (startedAt: number) => Record<string, unknown>;
  evidence?: () => unknown;
};

export type TStepRecord = { key: string; title: string; node: string | null; status: string; commands: string };

// One kind of action: how its params are read (and, bound to them, how it
// is prepared), and what to tell an operator when a run of it stopped
// without finishing, for the exact point it stopped at.
export type TActionDefinition<P> = {
  kind: TActionKind;
  // confirm: a run needs the cluster's name typed as "confirm" (actions that
  // change the nodes); antiFlap: refused for a while after a VIP move
  // (actions that move the VIP or break a node on purpose).
  policy: { confirm: boolean; antiFlap: boolean };
  parseParams: (raw: unknown, nodeNames: string[]) => { ok: true; params: P } | { ok: false; fields: Record<string, string> };
  // What the run stores of its params (without secrets); default: all.
  storedParams?: (params: P) => unknown;
  prepare: (ctx: TActionContext, params: P, options: { force: boolean }) => Promise<TPrepared>;
  // params as stored (re-read: the stored JSON may predate a change).
  adviceAfter: (params: unknown, steps: TStepRecord[]) => string;
};
