import type { TDb } from '@/lib/db/client';

// Keeps each node's errant-write baseline (Node.passiveOwnTransactions) in
// step with what the monitor sees: recorded when a node is first seen
// passive (read-only, not holding the VIP), cleared while it is the writer.
// A passive node whose own transaction count grows past the baseline was
// written to directly; the switchover preflight refuses to promote it.
// Writes are conditional (only a NULL baseline is set), so a baseline the
// preflight or a switchover recorded is never moved forward silently.
export const createWatermarkKeeper = (db: TDb) => {
  const known = new Map<string, number | null>();
  const loading = new Map<string, Promise<void>>();

  const load = (nodeId: string): Promise<void> => {
    let p = loading.get(nodeId);
    if (!p) {
      p = db.node
        .findUnique({ where: { id: nodeId }, select: { passiveOwnTransactions: true } })
        .then((n) => void known.set(nodeId, n?.passiveOwnTransactions ?? null))
        .finally(() => loading.delete(nodeId));
      loading.set(nodeId, p);
    }
    return p;
  };

  return async (nodeId: string, seen: { passive: boolean; writer: boolean; own: number | null }): Promise<void> => {
    if (seen.own === null || (!seen.passive && !seen.writer)) return;
    if (!known.has(nodeId)) await load(nodeId);
    const current = known.get(nodeId) ?? null;
    if (seen.passive && current === null) {
      known.set(nodeId, seen.own);
      await db.node.updateMany({ where: { id: nodeId, passiveOwnTransactions: null }, data: { passiveOwnTransactions: seen.own } });
      known.delete(nodeId);
    } else if (seen.writer && current !== null) {
      known.set(nodeId, null);
      await db.node.update({ where: { id: nodeId }, data: { passiveOwnTransactions: null } });
    }
  };
};
