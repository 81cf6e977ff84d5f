import { createInterface } from 'node:readline/promises';
import { abortAction } from '@/lib/actions/abort-action';
import { setActionSinks } from '@/lib/actions/action-hub';
import { actionPool } from '@/lib/actions/action-pool';
import { loadRunView, type TRunView } from '@/lib/actions/run-view';
import { startAction } from '@/lib/actions/start-action';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { escapeControlCharacters } from '@/lib/text/control-characters';
import { createStepTracker, formatPlan, formatPreflight } from './action-output';
import { cliActor } from './auth-commands';
import { UsageError } from './commands';

// What differs between the kinds run from the command line: the request,
// the words of the question and the notes, and the closing summary.
export type TCliAction = {
  cluster: string;
  body: { kind: string; params: Record<string, unknown>; force?: boolean; reason?: string };
  isDryRun: boolean;
  isConfirmed: boolean;
  json: boolean;
  out: (text: string) => void;
  // "switch it over", "run the drill on it"
  verb: string;
  startedNote: (runId: string) => string;
  abortNote: string;
  summarize: (run: TRunView) => string;
  // The exit status is 0 only when this holds (a drill: its verdict passed).
  isSuccess: (run: TRunView) => boolean;
};

const askClusterName = async (cluster: string, verb: string): Promise<boolean> => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    // Ctrl-C or end of input at the question is a no, not a hang.
    const answer = await new Promise<string | null>((resolve) => {
      rl.once('SIGINT', () => resolve(null));
      rl.once('close', () => resolve(null));
      rl.question(`Type the cluster name (${cluster}) to ${verb}: `).then(resolve, () => resolve(null));
    });
    return answer?.trim() === cluster;
  } finally {
    rl.close();
  }
};

// Refused before any work: a script without --yes would otherwise wait on
// the preflight's SSH round trips only to be refused at the question.
export const requireTerminal = (a: { isDryRun: boolean; isConfirmed: boolean; without: string }): void => {
  if (!a.isDryRun && !a.isConfirmed && !process.stdin.isTTY) throw new UsageError(`no terminal to confirm on; pass --yes to ${a.without} without typing the cluster name, or --dry-run`);
};

// The preflight and the plan, then (after a typed confirmation) the run
// itself, executed in this process and streamed step by step. With --json,
// stdout carries one JSON document and the human account goes to stderr.
// Exit 0 only when the run succeeded by the kind's measure (a dry run: when
// the preflight allows).
export const runActionFromCli = async (a: TCliAction): Promise<number> => {
  const { cluster, json, out } = a;
  const say = json ? (text: string) => void process.stderr.write(`${text}\n`) : out;
  const db = await getDb();
  const pool = actionPool(db);
  const who = { actor: cliActor(), role: 'admin' as const };
  try {
    const dry = await startAction({ db, pool, cluster, who, body: { ...a.body, dryRun: true } });
    if (dry.kind !== 'dry-run') throw new AppError('INTERNAL', 'a dry run started a run');
    say(formatPreflight(dry.dryRun.preflight));
    say(formatPlan(dry.dryRun.plan));
    if (a.isDryRun || !dry.dryRun.allowed) {
      if (json) out(JSON.stringify(dry.dryRun, null, 2));
      if (!dry.dryRun.allowed) say(`The preflight refuses: fix what is marked ✗, then run this again.`);
      return dry.dryRun.allowed ? 0 : 1;
    }
    if (!a.isConfirmed && !(await askClusterName(cluster, a.verb))) {
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
    const real = await startAction({ db, pool, cluster, who, body: { ...a.body, confirm: cluster } });
    if (real.kind !== 'started') throw new AppError('INTERNAL', 'the run did not start');
    runId = real.started.run.id;
    say(a.startedNote(runId));

    // Dying mid-step would leave the pair half changed with nobody to undo
    // it: Ctrl-C only asks the engine to stop, and the stream goes on.
    let isAbortAsked = false;
    const onInterrupt = () => {
      if (isAbortAsked) return say('Still stopping: waiting for the run to end (a step is never cut short).');
      isAbortAsked = true;
      say(a.abortNote);
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
    say(a.summarize(final));
    if (json) out(JSON.stringify(final, null, 2));
    return a.isSuccess(final) ? 0 : 1;
  } finally {
    pool.disposeAll();
  }
};
