import { actionPool } from '@/lib/actions/action-pool';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { diagnoseCluster } from '@/lib/repair/diagnose-cluster';
import { REPAIR_STRATEGIES } from '@/lib/repair/types';
import { formatSummary } from './action-output';
import { readInput, UsageError, type TCommandContext } from './commands';
import { requireTerminal, runActionFromCli } from './run-action';
import { ZChecksumResultSchema } from '@/lib/actions/checksum/result-schema';

const CHECKSUM_USAGE = 'usage: tandem checksum CLUSTER [--schemas A,B] [--chunk-time MS] [--dry-run] [--json]';
const REPAIR_USAGE = `usage: tandem repair CLUSTER --node NODE [--strategy ${REPAIR_STRATEGIES.join('|')}] [--acknowledge-risk] [--password-stdin] [--dry-run] [--yes] [--json]`;

const chunkTime = (value: string | true | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < 50 || Number(value) > 5000) throw new UsageError('--chunk-time must be 50–5000 (milliseconds per chunk)');
  return Number(value);
};

// tandem checksum CLUSTER: the drift check. Only reads, so it asks nothing;
// exit 0 only when the nodes hold the same data.
export const checksum = async ({ args, json, out, options = {} }: TCommandContext): Promise<number> => {
  const [cluster, ...rest] = args;
  if (!cluster || rest.length > 0) throw new UsageError(CHECKSUM_USAGE);
  const schemas = typeof options.schemas === 'string' ? options.schemas.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined;
  if (options.schemas !== undefined && (!schemas || schemas.length === 0)) throw new UsageError('--schemas needs a comma-separated list of schema names');
  const chunkTimeMs = chunkTime(options['chunk-time']);
  return runActionFromCli({
    cluster,
    body: { kind: 'checksum', params: { ...(schemas && { schemas }), ...(chunkTimeMs !== undefined && { chunkTimeMs }) } },
    isDryRun: options['dry-run'] === true,
    isConfirmed: true,
    json,
    out,
    verb: 'compare its nodes',
    startedNote: (id) => `Drift check ${id} started; it only reads. Ctrl-C stops it after the current chunk.`,
    abortNote: 'Abort requested: the check stops after the current chunk.',
    summarize: formatSummary,
    isSuccess: (run) => run.status === 'succeeded' && ZChecksumResultSchema.safeParse(run.result).data?.equal === true,
  });
};

// Without --strategy: the one the diagnosis recommends for NODE now (and
// can run), said before the preflight.
const recommendedStrategy = async (cluster: string, node: string, say: (text: string) => void): Promise<string> => {
  const db = await getDb();
  const pool = actionPool(db);
  try {
    const d = await diagnoseCluster({ db, pool, cluster });
    const n = d.nodes.find((x) => x.node === node);
    if (!n) throw new AppError('INVALID', `${node}'s replication runs cleanly or could not be read: nothing to choose a repair for (tandem diagnose ${cluster})`);
    const pick = n.options.find((o) => o.recommended && o.blockedBy.length === 0);
    if (!pick) throw new AppError('INVALID', `the diagnosis of ${node} (${n.cause.code}) has no recommended strategy that can run now${n.options.some((o) => o.recommended) ? ` (${n.options.filter((o) => o.recommended).map((o) => `${o.strategy}: ${o.blockedBy.join('; ')}`).join(' | ')})` : ''}; choose one with --strategy (tandem diagnose ${cluster} lists them)`);
    say(`Diagnosis of ${node}: ${n.cause.code}; the recommended strategy is ${pick.strategy} (risk ${pick.risk}).`);
    return pick.strategy;
  } finally {
    pool.disposeAll();
  }
};

// tandem repair CLUSTER --node NODE [--strategy S]: one repair strategy on the
// engine (preflight, plan, typed confirmation, live steps), ending with the
// drift check of what it could have touched. The password for reconnect is
// read from stdin, never from the command line.
export const repair = async ({ args, json, out, options = {} }: TCommandContext): Promise<number> => {
  const [cluster, ...rest] = args;
  const node = options.node;
  const strategy = options.strategy;
  if (!cluster || rest.length > 0 || typeof node !== 'string' || (strategy !== undefined && typeof strategy !== 'string')) throw new UsageError(REPAIR_USAGE);
  const isDryRun = options['dry-run'] === true;
  const isConfirmed = options.yes === true;
  const sourcePassword = options['password-stdin'] === true ? readInput('-').replace(/\r?\n$/, '') : undefined;
  if (sourcePassword !== undefined && !isConfirmed && !isDryRun) throw new UsageError('--password-stdin uses stdin, so the cluster name cannot be typed: add --yes (or --dry-run)');
  requireTerminal({ isDryRun, isConfirmed, without: 'repair it' });
  const chosen = typeof strategy === 'string' ? strategy : await recommendedStrategy(cluster, node, json ? (t) => void process.stderr.write(`${t}\n`) : out);
  return runActionFromCli({
    cluster,
    body: { kind: 'repair', params: { node, strategy: chosen, ...(options['acknowledge-risk'] === true && { acknowledgeRisk: true }), ...(sourcePassword !== undefined && { sourcePassword }) } },
    isDryRun,
    isConfirmed,
    json,
    out,
    verb: `repair ${node} (${chosen})`,
    startedNote: (id) => `Repair ${id} started. Ctrl-C asks it to stop at its next safe point.`,
    abortNote: 'Abort requested: the repair stops before its next step (a reseed also stops its copy).',
    summarize: formatSummary,
    isSuccess: (run) => run.status === 'succeeded' && run.steps.every((s) => s.status !== 'warning'),
  });
};
