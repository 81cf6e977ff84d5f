import { recordAudit } from '@/lib/audit/record-audit';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { notifyRunEnd } from '@/lib/notifications/notify-run-end';
import { actionHub } from './action-hub';
import { refreshAttention } from './attention';
import { gatherAllFacts } from './node-facts';
import { loadRunView } from './run-view';
import { RunAborted, StepFailure, type TActionContext, type TFinalState, type TRunStatus, type TStep, type TStepStatus } from './types';

const MAX_OUTPUT = 8000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

// Every step is bounded twice: its commands carry their own timeouts, and
// the engine stops waiting a little after the step's budget.
const bounded = async <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new StepFailure(`${what}: no result within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
};

// What the run left, read fresh from the nodes: who holds the VIP, who is
// writable, whether replication runs.
export const gatherFinalState = async (ctx: TActionContext): Promise<TFinalState> => {
  const facts = await bounded(gatherAllFacts(ctx), 20_000, 'reading the final state');
  const nodes = facts.map((f) => {
    const r = f.poll?.mysql.replication ?? null;
    return {
      node: f.name,
      reachable: f.reachable,
      holdsVip: f.reachable ? f.holdsVip : null,
      readOnly: f.readOnly,
      ioRunning: r?.ioRunning ?? null,
      sqlRunning: r?.sqlRunning ?? null,
      lastError: f.error ?? (r?.lastIoErrno ? `IO ${r.lastIoErrno}: ${r.lastIoError ?? ''}` : r?.lastSqlErrno ? `SQL ${r.lastSqlErrno}: ${r.lastSqlError ?? ''}` : null),
    };
  });
  return { vipHolders: nodes.filter((n) => n.holdsVip).map((n) => n.node), writable: nodes.filter((n) => n.readOnly === false).map((n) => n.node), nodes };
};

export type TExecuteOptions = {
  ctx: TActionContext;
  runId: string;
  kind: string;
  actor: string;
  steps: TStep[];
  startedAt: number;
  result: () => Record<string, unknown>;
  evidence?: () => unknown;
};

// Runs the steps of a stored run in order. Before each step it honours an
// abort request (until the point of no return); a failed step stops the
// run, and the completed steps are undone in reverse where they can be.
// Every change of state is stored first, then pushed.
export const executeRun = async (o: TExecuteOptions): Promise<TRunStatus> => {
  const { ctx, runId, steps } = o;
  const db = ctx.db;
  const hub = actionHub();
  const pause = getEnv().TANDEM_ACTION_STEP_PAUSE_MS;
  // Pushes go out in order, but the steps do not wait for them: between
  // read_only on the source and the first write on the target, every
  // millisecond is the applications' write block. The step's state is
  // stored (awaited) before the next step starts.
  let pushing = Promise.resolve();
  const push = (): Promise<void> => {
    pushing = pushing.then(async () => {
      const view = await loadRunView(db, runId).catch(() => null);
      if (view) hub.push(ctx.cluster.name, view);
    });
    return pushing;
  };
  const setStep = async (position: number, data: { status: TStepStatus; startedAt?: Date; endedAt?: Date; output?: string }) => {
    await db.actionStep.update({ where: { runId_position: { runId, position } }, data });
    void push();
  };

  let output: string[] = [];
  const outputText = () => output.join('\n').slice(-MAX_OUTPUT);
  // A long step (a drift check, a reseed) shows its progress while it runs:
  // its output is stored and pushed at most once a second.
  let runningPosition = -1;
  let flushTimer: NodeJS.Timeout | null = null;
  ctx.log = (line: string) => {
    output.push(line);
    if (flushTimer || runningPosition < 0) return;
    flushTimer = setTimeout(() => {
      flushTimer = null;
      if (runningPosition < 0) return;
      void db.actionStep
        .update({ where: { runId_position: { runId, position: runningPosition } }, data: { output: outputText() } })
        .then(() => push())
        .catch(() => undefined);
    }, 1000);
  };

  const completed: number[] = [];
  let pastNoReturn = false;
  let status: TRunStatus = 'succeeded';
  let error: string | null = null;
  const warnings: string[] = [];

  for (const [i, step] of steps.entries()) {
    if (!pastNoReturn) {
      const run = await db.actionRun.findUnique({ where: { id: runId }, select: { abortRequested: true } });
      if (run?.abortRequested) {
        status = 'aborted';
        error = `aborted before "${step.title}"`;
        break;
      }
    }
    output = [];
    runningPosition = i;
    await setStep(i, { status: 'running', startedAt: new Date() });
    try {
      const unmet = step.precondition ? await bounded(step.precondition(ctx), 5000, 'precondition') : null;
      if (unmet) throw new StepFailure(`precondition not met: ${unmet}`);
      await bounded(step.run(ctx), step.timeoutMs + 2000, step.title);
      // Done on the nodes before it is stored: if storing it fails, the step
      // is treated as failed below and its undo must still run. (Once a VIP
      // move whose record hit SQLITE_BUSY was left in place while the earlier
      // steps were undone: the VIP on the read-only node, the other writable.)
      completed.push(i);
      if (step.pointOfNoReturn) pastNoReturn = true;
      await setStep(i, { status: 'succeeded', endedAt: new Date(), output: outputText() });
    } catch (e) {
      ctx.log(messageOf(e));
      if (e instanceof RunAborted) {
        await setStep(i, { status: 'failed', endedAt: new Date(), output: outputText() });
        status = 'aborted';
        error = `aborted during "${step.title}"`;
        break;
      }
      if (step.nonFatal) {
        warnings.push(`${step.title}: ${messageOf(e)}`);
        await setStep(i, { status: 'warning', endedAt: new Date(), output: outputText() });
        continue;
      }
      await setStep(i, { status: 'failed', endedAt: new Date(), output: outputText() });
      status = 'failed';
      error = `${step.title}: ${messageOf(e)}`;
      break;
    }
    if (pause > 0 && i < steps.length - 1) await sleep(pause);
  }

  runningPosition = -1;
  if (flushTimer) clearTimeout(flushTimer);

  // Undo in reverse, unless the run got past the point where going back
  // would hurt more than finishing (the VIP and writes already on the target).
  let undoFailed = false;
  if (status !== 'succeeded' && !pastNoReturn) {
    for (const i of [...completed].reverse()) {
      const step = steps[i];
      if (!step?.undoRun) continue;
      output = [];
      try {
        await bounded(step.undoRun(ctx), step.timeoutMs + 2000, `undo ${step.title}`);
        ctx.log('undone');
        await setStep(i, { status: 'undone', output: outputText() });
      } catch (e) {
        undoFailed = true;
        ctx.log(`undo failed: ${messageOf(e)}`);
        await setStep(i, { status: 'undo-failed', output: outputText() });
      }
    }
  }
  await db.actionStep.updateMany({ where: { runId, status: 'pending' }, data: { status: 'skipped' } });

  let finalState: TFinalState | null = null;
  try {
    finalState = await gatherFinalState(ctx);
  } catch (e) {
    logger.warn('could not read the final state', { run: runId, error: messageOf(e) });
  }
  const result = { ...o.result(), ...(warnings.length > 0 && { warnings }), ...(undoFailed && { undoFailed: true }) };
  const evidence = o.evidence?.();
  const endedAt = new Date();
  await db.actionRun.update({
    where: { id: runId },
    data: { status, endedAt, activeKey: null, result: JSON.stringify(result), error, finalState: finalState ? JSON.stringify(finalState) : null, ...(evidence !== undefined && { evidence: JSON.stringify(evidence) }) },
  });
  hub.active.delete(ctx.cluster.name);
  await refreshAttention(db, ctx.cluster.name).catch(() => undefined);
  await recordAudit(db, { actor: o.actor, action: `action.${o.kind}.end`, target: ctx.cluster.name, result: status === 'succeeded' ? 'ok' : 'failed', detail: { run: runId, status, error, vipHolders: finalState?.vipHolders ?? null, writable: finalState?.writable ?? null } });
  await notifyRunEnd(db, { id: runId, kind: o.kind, cluster: ctx.cluster.name, status, error, result, endedAt });
  await push();
  ctx.pollNow();
  logger.info('action ended', { run: runId, kind: o.kind, cluster: ctx.cluster.name, status });
  return status;
};
