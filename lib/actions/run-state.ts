import type { TFinalState, TRunStatus, TStepStatus } from './types';

// What a run's record means, decided once for the engine, the API and the
// pages (a page that decided alone would offer "Acknowledge" where the
// finding does not ask for it). Pure: the browser bundles it.

// A safe end is one VIP holder that is also the one writable node.
export const isUnsafeFinalState = (s: TFinalState | null): boolean => s === null || s.vipHolders.length !== 1 || s.writable.length !== 1 || s.writable[0] !== s.vipHolders[0];

type TRunLike = { status: TRunStatus; finalState: TFinalState | null; acknowledgedAt: string | null };

export const needsAcknowledgement = (run: TRunLike): boolean => {
  if (run.acknowledgedAt !== null) return false;
  switch (run.status) {
    case 'interrupted':
      return true;
    case 'failed':
    case 'aborted':
      return isUnsafeFinalState(run.finalState);
    case 'running':
    case 'succeeded':
      return false;
  }
};

type TStepLike = { status: TStepStatus; startedAt: string | null; endedAt: string | null };
type TProgressLike = TRunLike & { endedAt: string | null; abortRequested: boolean; restoreRequested?: boolean; steps: TStepLike[] };

const isSettled = (s: TStepStatus): boolean => s === 'undone' || s === 'undo-failed' || s === 'skipped';

// How far a record of a run has got. Pushes and catch-up fetches can arrive
// out of order; a run only moves forward, so of two records of one run the
// further one is the newer.
export const runProgress = (run: TProgressLike): number =>
  run.steps.reduce((sum, s) => sum + (s.startedAt ? 1 : 0) + (s.endedAt ? 1 : 0) + (isSettled(s.status) ? 1 : 0), 0) +
  (run.abortRequested ? 1 : 0) +
  (run.restoreRequested ? 1 : 0) +
  (run.endedAt ? 1000 : 0) +
  (run.acknowledgedAt ? 1 : 0);

export const newerRun = <T extends TProgressLike>(held: T | undefined, arrived: T): T => (held && runProgress(held) > runProgress(arrived) ? held : arrived);

export const durationMs = (from: string | null, to: string | null): number | null => {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? ms : null;
};
