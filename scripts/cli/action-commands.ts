import { createInterface } from 'node:readline/promises';
import { abortAction } from '@/lib/actions/abort-action';
import { acknowledgeAction } from '@/lib/actions/acknowledge-action';
import { setActionSinks } from '@/lib/actions/action-hub';
import { actionPool } from '@/lib/actions/action-pool';
import { getAction, listActions } from '@/lib/actions/list-actions';
import { loadRunView, type TRunView } from '@/lib/actions/run-view';
import { startAction } from '@/lib/actions/start-action';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { escapeControlCharacters } from '@/lib/text/control-characters';
import { createStepTracker, formatPlan, formatPreflight, formatRun, formatRunTable, formatSummary } from './action-output';
import { cliActor } from './auth-commands';
import { requireArg, UsageError, type TCommandContext } from './commands';

const USAGE = 'usage: tandem switchover CLUSTER --to NODE [--dry-run] [--yes] [--json] [--force --reason TEXT]';

const askClusterName = async (cluster: string): Promise<boolean> => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    // Ctrl-C or end of input at the question is a no, not a hang.
    const answer = await new Promise<string | null>((resolve) => {
      rl.once('SIGINT', () => resolve(null));
      rl.once('close', () => resolve(null));
      rl.question(`Type the cluster name (${cluster}) to switch it over: `).then(resolve, () => resolve(null));
    });
    return answer?.trim() === cluster;
  } finally {
    rl.close();
  }
};

// tandem switchover CLUSTER --to NODE: the preflight and the plan, then (after
// a typed confirmation) the run itself, executed in this process and
// streamed step by step. With --json, stdout carries one JSON document and
// the human account goes to stderr.
export const switchover = async ({ args, json, out, options = {} }: TCommandContext): Promise<number> => {
  const [cluster, ...rest] = args;
  const to = options.to;
  if (!cluster || rest.length > 0 || typeof to !== 'string') throw new UsageError(USAGE);
  const isDryRun = options['dry-run'] === true;
  const isForced = options.force === true;
  const reason = typeof options.reason === 'string' ? options.reason : undefined;
  if (isForced && !reason) throw new UsageError('--force needs --reason TEXT: say why the anti-flap window is overridden');
  // Refused before any work: a script without --yes would otherwise wait on
  // the preflight's SSH round trips only to be refused at the question.
  if (!isDryRun && options.yes !== true && !process.stdin.isTTY) throw new UsageError('no terminal to confirm on; pass --yes to switch over without typing the cluster name, or --dry-run');
  const say = json ? (text: string) => void process.stderr.write(`${text}\n`) : out;

  const db = await getDb();
  const pool = actionPool(db);
  const who = { actor: cliActor(), role: 'admin' as const };
  const body = { kind: 'switchover', params: { to }, ...(isForced && { force: true, reason }) };
  try {
    const dry = await startAction({ db, pool, cluster, who, body: { ...body, dryRun: true } });
    if (dry.kind !== 'dry-run') throw new AppError('INTERNAL', 'a dry run started a run');
    say(formatPreflight(dry.dryRun.preflight));
    say(formatPlan(dry.dryRun.plan));
    if (isDryRun || !dry.dryRun.allowed) {
      if (json) out(JSON.stringify(dry.dryRun, null, 2));
      if (!dry.dryRun.allowed) say(`The preflight refuses: fix what is marked ✗, then run this again.`);
      return dry.dryRun.allowed ? 0 : 1;
    }
    if (options.yes !== true && !(await askClusterName(cluster))) {
      say('The name did not match; nothing was changed.');
      return 1;
    }

    const track = createStepTracker();
    let runId: string | null = null;
    // Pushes come from the engine in this process; only this run's are shown.
    setActionSinks({
      push: (_cluster, run) => {
        if (runId === null || run.id === runId) for (const line of track(run)) say(line);
      },
      pollNow: () => undefined,
    });
    const real = await startAction({ db, pool, cluster, who, body: { ...body, confirm: cluster } });
    if (real.kind !== 'started') throw new AppError('INTERNAL', 'the run did not start');
    runId = real.started.run.id;
    say(`Run ${runId} started; Ctrl-C asks it to stop at its next safe point.`);

    // Dying mid-step would leave the pair half switched with nobody to undo
    // it: Ctrl-C only asks the engine to stop, and the stream goes on.
    let isAbortAsked = false;
    const onInterrupt = () => {
      if (isAbortAsked) return say('Still stopping: waiting for the run to end (a step is never cut short).');
      isAbortAsked = true;
      say('Abort requested: the run stops before its next step and undoes what it did (past the VIP move it finishes instead).');
      abortAction({ db, id: runId ?? '' }).then(
        () => recordAudit(db, { actor: who.actor, action: 'action.abort', target: cluster, result: 'ok', detail: { run: runId } }),
        (e: unknown) => say(`Could not request the abort: ${escapeControlCharacters(e instanceof Error ? e.message : String(e))}`),
      );
    };
    process.on('SIGINT', onInterrupt);
    try {
      await real.started.done;
    } finally {
      process.off('SIGINT', onInterrupt);
    }
    const final = await loadRunView(db, runId);
    if (!final) throw new AppError('INTERNAL', `run ${runId} vanished`);
    say('');
    say(formatSummary(final));
    if (json) out(JSON.stringify(final, null, 2));
    return final.status === 'succeeded' ? 0 : 1;
  } finally {
    pool.disposeAll();
  }
};

const limitOption = (options: TCommandContext['options'] = {}): number => {
  if (options.limit === undefined) return 20;
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be 1–1000');
  return limit;
};

export const actionsList = async ({ args, json, out, options }: TCommandContext): Promise<void> => {
  const cluster = requireArg(args, 'CLUSTER');
  const runs: TRunView[] = await listActions({ db: await getDb(), cluster, limit: limitOption(options) });
  if (json) return out(JSON.stringify(runs, null, 2));
  if (runs.length === 0) return out(`No action has run on ${cluster}.`);
  out(formatRunTable(runs));
};

export const actionsShow = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const run = await getAction({ db: await getDb(), id: requireArg(args, 'ID') });
  out(json ? JSON.stringify(run, null, 2) : formatRun(run));
};

export const actionsAbort = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const db = await getDb();
  const run = await abortAction({ db, id: requireArg(args, 'ID') });
  await recordAudit(db, { actor: cliActor(), action: 'action.abort', target: run.cluster, result: 'ok', detail: { run: run.id } });
  out(json ? JSON.stringify(run, null, 2) : `abort requested for run ${run.id}: the process running it stops before its next step`);
};

export const actionsAck = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const db = await getDb();
  const run = await acknowledgeAction({ db, id: requireArg(args, 'ID') });
  await recordAudit(db, { actor: cliActor(), action: 'action.acknowledge', target: run.cluster, result: 'ok', detail: { run: run.id } });
  out(json ? JSON.stringify(run, null, 2) : `run ${run.id} (${run.status}) acknowledged`);
};
