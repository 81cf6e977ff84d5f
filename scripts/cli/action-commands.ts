import { abortAction } from '@/lib/actions/abort-action';
import { acknowledgeAction } from '@/lib/actions/acknowledge-action';
import { getAction, listActions } from '@/lib/actions/list-actions';
import { restoreDrillNow } from '@/lib/actions/restore-drill';
import type { TRunView } from '@/lib/actions/run-view';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { formatRun, formatRunTable, formatSummary } from './action-output';
import { cliActor } from './auth-commands';
import { requireArg, UsageError, type TCommandContext } from './commands';
import { drillVerdictOf } from './drill-output';
import { requireTerminal, runActionFromCli } from './run-action';

const SWITCHOVER_USAGE = 'usage: tandem switchover CLUSTER --to NODE [--dry-run] [--yes] [--json] [--force --reason TEXT]';
const DRILL_USAGE = 'usage: tandem drill CLUSTER --failure stop-mysqld|kill-mysqld|stop-keepalived|isolate [--node NODE] [--hold SECONDS] [--dry-run] [--yes] [--json]';

// tandem switchover CLUSTER --to NODE: see runActionFromCli.
export const switchover = async ({ args, json, out, options = {} }: TCommandContext): Promise<number> => {
  const [cluster, ...rest] = args;
  const to = options.to;
  if (!cluster || rest.length > 0 || typeof to !== 'string') throw new UsageError(SWITCHOVER_USAGE);
  const isDryRun = options['dry-run'] === true;
  const isForced = options.force === true;
  const reason = typeof options.reason === 'string' ? options.reason : undefined;
  if (isForced && !reason) throw new UsageError('--force needs --reason TEXT: say why the anti-flap window is overridden');
  const isConfirmed = options.yes === true;
  requireTerminal({ isDryRun, isConfirmed, without: 'switch over' });
  return runActionFromCli({
    cluster,
    body: { kind: 'switchover', params: { to }, ...(isForced && { force: true, reason }) },
    isDryRun,
    isConfirmed,
    json,
    out,
    verb: 'switch it over',
    startedNote: (id) => `Run ${id} started; Ctrl-C asks it to stop at its next safe point.`,
    abortNote: 'Abort requested: the run stops before its next step and undoes what it did (past the VIP move it finishes instead).',
    summarize: formatSummary,
    isSuccess: (run) => run.status === 'succeeded',
  });
};

const holdOption = (value: string | true | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const hold = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || hold < 1 || hold > 600) throw new UsageError('--hold must be a whole number of seconds, 1–600');
  return hold;
};

// tandem drill CLUSTER --failure KIND: breaks the node (default: the VIP
// holder) with writes going through the VIP, holds, restores, and prints
// the report. Exit 0 only when the verdict passed. The engine checks the
// failure kind and the node; only the shape of the options is checked here.
export const drill = async ({ args, json, out, options = {} }: TCommandContext): Promise<number> => {
  const [cluster, ...rest] = args;
  const failure = options.failure;
  if (!cluster || rest.length > 0 || typeof failure !== 'string') throw new UsageError(DRILL_USAGE);
  const holdSeconds = holdOption(options.hold);
  const isDryRun = options['dry-run'] === true;
  const isConfirmed = options.yes === true;
  requireTerminal({ isDryRun, isConfirmed, without: 'run the drill' });
  return runActionFromCli({
    cluster,
    body: { kind: 'drill', params: { failure, ...(typeof options.node === 'string' && { node: options.node }), ...(holdSeconds !== undefined && { holdSeconds }) } },
    isDryRun,
    isConfirmed,
    json,
    out,
    verb: 'run the drill (writes through the VIP will stop)',
    startedNote: (id) => `Drill ${id} started: writes through the VIP will stop. Ctrl-C aborts it (the node is restored); tandem actions restore ${id} ends the hold early.`,
    abortNote: 'Abort requested: the drill stops (at once during the hold) and restores what it broke.',
    summarize: formatSummary,
    isSuccess: (run) => run.status === 'succeeded' && drillVerdictOf(run) === 'passed',
  });
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

export const actionsRestore = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const db = await getDb();
  const run = await restoreDrillNow({ db, id: requireArg(args, 'ID') });
  await recordAudit(db, { actor: cliActor(), action: 'action.restore', target: run.cluster, result: 'ok', detail: { run: run.id } });
  out(json ? JSON.stringify(run, null, 2) : `restore requested for drill ${run.id}: it ends its hold and restores the node`);
};
