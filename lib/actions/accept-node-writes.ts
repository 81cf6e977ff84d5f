import { loadTargets } from '@/agents/load-targets';
import type { TSshPool } from '@/agents/ssh-pool';
import { findClusterByName } from '@/lib/clusters/find-cluster-by-name';
import { NODE_NAME_RE } from '@/lib/clusters/schema';
import { ipAddrHolds, ownTransactionCount } from '@/lib/collector/node-memory';
import { pollNode } from '@/lib/collector/poll-node';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';

export type TAcceptedWrites = { node: string; previous: number | null; baseline: number };

// An operator has reconciled the transactions written directly on a passive
// node (the switchover preflight's errant-transactions check) and says they
// belong: the node's own-transaction count as it stands now becomes its
// baseline. The count is read from the node itself, never from the monitor's
// memory, so writes made after the reconciliation cannot slip in unseen.
// Only a passive node has a baseline: the writer's own count grows by design.
export const acceptNodeWrites = async (options: { db: TDb; pool: TSshPool; cluster: string; node: string }): Promise<TAcceptedWrites> => {
  const { db, pool } = options;
  const cluster = await findClusterByName({ db, name: options.cluster });
  const row = NODE_NAME_RE.test(options.node) ? cluster.nodes.find((n) => n.name === options.node) : undefined;
  if (!row) throw new AppError('NOT_FOUND', `cluster ${cluster.name} has no node named ${JSON.stringify(options.node.slice(0, 80))}`);
  const target = (await loadTargets({ db, cluster: cluster.name })).find((t) => t.id === row.id);
  if (!target) throw new AppError('NOT_FOUND', `cluster ${cluster.name} has no node named ${JSON.stringify(options.node)}`);

  const poll = await pollNode({ pool, target, cursor: 'none' });
  if (!poll.reachable) throw new AppError('UNAVAILABLE', `cannot reach ${row.name}: ${poll.error}`);
  if (!poll.mysql.reachable) throw new AppError('UNAVAILABLE', `cannot query MySQL on ${row.name}: ${poll.mysql.error ?? 'unreachable'}`);
  const v = poll.mysql.variables;
  if (ipAddrHolds(poll.ipAddr, cluster.vip)) throw new AppError('CONFLICT', `${row.name} holds the VIP ${cluster.vip}: it is the writer, not a passive node; its own transactions are expected`, { reason: 'not_passive' });
  const readOnly = v.read_only === 'ON' || v.read_only === '1';
  if (!readOnly) throw new AppError('CONFLICT', `${row.name} is writable (read_only=OFF): make it read-only before accepting its writes, or more could follow unseen`, { reason: 'not_passive' });
  const own = ownTransactionCount(v);
  if (own === null) throw new AppError('UNAVAILABLE', `cannot read ${row.name}'s own transaction count (gtid_binlog_state)`);

  const before = await db.node.findUnique({ where: { id: row.id }, select: { passiveOwnTransactions: true } });
  await db.node.update({ where: { id: row.id }, data: { passiveOwnTransactions: own } });
  return { node: row.name, previous: before?.passiveOwnTransactions ?? null, baseline: own };
};
