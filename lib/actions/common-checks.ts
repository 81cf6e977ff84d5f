import type { TDb } from '@/lib/db/client';
import type { TNodeFacts } from './node-facts';
import type { TActionContext, TPreflightCheck } from './types';

// Preflight checks more than one kind of action makes.

export const block = (check: string, ok: boolean, detail: string): TPreflightCheck => ({ check, ok, severity: 'block', detail });
export const warn = (check: string, ok: boolean, detail: string): TPreflightCheck => ({ check, ok, severity: 'warn', detail });

export const replicationCheck = (check: string, node: TNodeFacts, from: string): TPreflightCheck => {
  const r = node.poll?.mysql.replication;
  if (!r) return block(check, false, `${node.name} does not replicate (no SHOW SLAVE STATUS): the pair must replicate both ways`);
  const errors = [r.lastIoErrno ? `IO error ${r.lastIoErrno}: ${r.lastIoError ?? ''}` : '', r.lastSqlErrno ? `SQL error ${r.lastSqlErrno}: ${r.lastSqlError ?? ''}` : ''].filter(Boolean).join('; ');
  const ok = r.ioRunning === 'Yes' && r.sqlRunning === 'Yes' && !r.lastIoErrno && !r.lastSqlErrno;
  return block(check, ok, ok ? `${from} → ${node.name}: IO Yes, SQL Yes, no error` : `${from} → ${node.name}: IO ${r.ioRunning ?? '?'}, SQL ${r.sqlRunning ?? '?'}${errors ? `; ${errors}` : ''}. Repair replication first`);
};

// The last time the VIP changed hands (from a holder to another), any cause.
export const lastVipMove = async (db: TDb, clusterId: string): Promise<Date | null> => {
  const events = await db.clusterEvent.findMany({ where: { clusterId, kind: 'vip-moved' }, orderBy: { at: 'desc' }, take: 20, select: { at: true, data: true } });
  for (const e of events) {
    try {
      const data = JSON.parse(e.data ?? '{}') as { from?: unknown };
      if (Array.isArray(data.from) && data.from.length > 0) return e.at;
    } catch {
      return e.at;
    }
  }
  return null;
};

export const cooldownLeftSeconds = async (db: TDb, cluster: { id: string; cooldownSeconds: number }, now = Date.now()): Promise<number> => {
  const moved = await lastVipMove(db, cluster.id);
  if (!moved) return 0;
  return Math.max(0, Math.ceil((moved.getTime() + cluster.cooldownSeconds * 1000 - now) / 1000));
};

// The engine's own conditions: no active run, no unresolved interrupted
// run, the anti-flap window (after any VIP move, actions that move it wait).
export const engineChecks = async (ctx: TActionContext, options: { force: boolean; antiFlap?: boolean }): Promise<TPreflightCheck[]> => {
  const checks: TPreflightCheck[] = [];
  const active = await ctx.db.actionRun.findFirst({ where: { activeKey: ctx.cluster.id }, select: { id: true, kind: true, requestedBy: true } });
  checks.push(block('cluster-lock', !active, active ? `run ${active.id} (${active.kind}, by ${active.requestedBy}) is in progress` : 'no other action runs on this cluster'));
  const interrupted = await ctx.db.actionRun.findFirst({ where: { clusterId: ctx.cluster.id, status: 'interrupted', acknowledgedAt: null }, select: { id: true } });
  checks.push(block('interrupted-run', !interrupted, interrupted ? `run ${interrupted.id} was interrupted: check the state it left (see its finding), then acknowledge it (tandem actions ack ${interrupted.id})` : 'no interrupted run awaits an operator'));
  if (options.antiFlap === false) return checks;
  const cluster = await ctx.db.cluster.findUnique({ where: { id: ctx.cluster.id }, select: { switchoverCooldownSeconds: true } });
  const left = await cooldownLeftSeconds(ctx.db, { id: ctx.cluster.id, cooldownSeconds: cluster?.switchoverCooldownSeconds ?? 300 });
  checks.push(block('anti-flap', left === 0 || options.force, left === 0 ? 'the VIP has not moved within the anti-flap window' : options.force ? `the VIP moved less than ${cluster?.switchoverCooldownSeconds ?? 300} s ago; overridden by force` : `the VIP moved less than ${cluster?.switchoverCooldownSeconds ?? 300} s ago; retry in ${left} s (or pass force with a reason)`));
  return checks;
};
