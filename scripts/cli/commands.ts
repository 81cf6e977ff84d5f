import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { recordAudit } from '@/lib/audit/record-audit';
import { deleteCluster } from '@/lib/clusters/delete-cluster';
import { exportCluster } from '@/lib/clusters/export-cluster';
import { importCluster } from '@/lib/clusters/import-cluster';
import { listClusters } from '@/lib/clusters/list-clusters';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { ageOf, isStale } from '@/lib/cluster-state/freshness';
import { collectSettled } from '@/lib/collector/collect-settled';
import { getClusterState } from '@/lib/collector/get-cluster-state';
import { getDatabase, getDb } from '@/lib/db/client';
import { isParseKind, parse, PARSE_KINDS } from '@/lib/parsers/index';
import { ParseError } from '@/lib/parsers/parse-error';
import { AppError } from '@/lib/errors/app-error';
import { formatTable } from './output';
import { formatStatus } from './status';

export type TCommandContext = { args: string[]; json: boolean; out: (text: string) => void; options?: Record<string, string | true> };

// A command line that cannot mean anything (a missing --to, no terminal to
// confirm on): exit 2, as for an unknown option, so scripts can tell a
// mistake in their invocation from an operation that failed.
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const readInput = (file: string): string => {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new AppError('INVALID', `cannot read ${file}: ${e instanceof Error && 'code' in e ? String(e.code) : 'read error'}`);
  }
};

export const requireArg = (args: string[], what: string): string => {
  const [value, ...rest] = args;
  // Usage errors, as the help's "Exit status" promises (2, not 1): a script
  // can tell a wrong call from a refused or failed one.
  if (!value) throw new UsageError(`missing ${what}; see tandem --help`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"; see tandem --help`);
  return value;
};

export const clustersList = async ({ json, out }: TCommandContext): Promise<void> => {
  const clusters = await listClusters({ db: await getDb() });
  if (json) return out(JSON.stringify(clusters, null, 2));
  if (clusters.length === 0) return out('No clusters. Add one with: tandem import FILE');
  out(formatTable(['NAME', 'VIP', 'NODES', 'DESCRIPTION'], clusters.map((c) => [c.name, c.vip, c.nodes.map((n) => `${n.name}=${n.host}`).join(','), c.description ?? ''])));
};

export const importFile = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const file = requireArg(args, 'FILE (an inventory document, or - for stdin)');
  let raw: unknown;
  try {
    raw = JSON.parse(readInput(file));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('MALFORMED_JSON', `${file} is not valid JSON: ${e instanceof Error ? e.message : 'parse error'}`);
  }
  const doc = parseWith(ZClusterDocumentSchema, raw);
  const db = await getDb();
  const { action, cluster, repointed, servicesChanged } = await importCluster({ db, doc });
  await recordAudit(db, { actor: `cli:${userInfo().username}`, action: `cluster.${action === 'created' ? 'create' : 'update'}`, target: cluster.name, result: 'ok', detail: { via: 'import', ...(repointed.length > 0 && { repointed }), ...(servicesChanged.length > 0 && { servicesChanged }) } });
  out(json ? JSON.stringify({ action, cluster }, null, 2) : `${action} cluster ${cluster.name} (${cluster.nodes.length} nodes, VIP ${cluster.vip})`);
};

export const exportOne = async ({ args, out }: TCommandContext): Promise<void> => {
  const name = requireArg(args, 'NAME');
  out(JSON.stringify(await exportCluster({ db: await getDb(), name }), null, 2));
};

export const removeOne = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const name = requireArg(args, 'NAME');
  const db = await getDb();
  await deleteCluster({ db, name });
  await recordAudit(db, { actor: `cli:${userInfo().username}`, action: 'cluster.delete', target: name, result: 'ok' });
  out(json ? JSON.stringify({ removed: name }) : `removed cluster ${name}`);
};

export const dbMigrate = async ({ json, out }: TCommandContext): Promise<void> => {
  const { dialect } = await getDatabase();
  out(json ? JSON.stringify({ ok: true, db: dialect }) : `database (${dialect}) is up to date`);
};

// A stale saved snapshot means no server is watching: look now.
export const status = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const name = requireArg(args, 'NAME');
  const db = await getDb();
  const saved = await getClusterState({ db, name });
  const fresh = saved && !isStale(ageOf(saved.observedAt, Date.now())) ? saved : await collectSettled({ db, name });
  out(json ? JSON.stringify(fresh, null, 2) : formatStatus(fresh));
};

export const parseInput = async ({ args, out }: TCommandContext): Promise<void> => {
  const kind = requireArg(args, `KIND (${PARSE_KINDS.join(', ')})`);
  if (!isParseKind(kind)) throw new AppError('INVALID', `unknown KIND "${kind}"; one of ${PARSE_KINDS.join(', ')}`);
  try {
    out(JSON.stringify(parse(kind, readInput('-')), null, 2));
  } catch (e) {
    if (e instanceof ParseError) throw new AppError('INVALID', `cannot parse ${kind}: ${e.message}`);
    throw e;
  }
};
