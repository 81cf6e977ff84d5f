import { hostname } from 'node:os';
import type { TDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { notifyRunEnd } from '@/lib/notifications/notify-run-end';
import { refreshAttention } from './attention';
import { adviceForRun } from './registry';

const FOREIGN_RUN_SILENCE_MS = 10 * 60_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
};

// At start-up: a run still marked running whose process is gone was cut
// short (a crash, a kill, a reboot). It is never resumed: it is marked
// interrupted with the last step it completed, its lock is released, and a
// critical finding with advice for that exact point stays on the cluster
// until an operator acknowledges it. A run owned by another live process on
// this host (a CLI switchover) is left alone.
// While the server runs, the same check finds a CLI run whose process died
// (ownRuns: 'skip', the server's own runs are alive by definition); at
// start-up every run of this host whose process is gone is interrupted.
// Several servers on one inventory (lib/servers): a run whose owner is a
// member is alive while the member's heartbeat is; a member silent for a few
// TTLs (slack for clocks that disagree) died with its run.
const MEMBER_DEAD_AFTER_TTLS = 3;

export const recoverInterruptedRuns = async (db: TDb, options: { ownRuns: 'interrupt' | 'skip' } = { ownRuns: 'interrupt' }): Promise<number> => {
  const runs = await db.actionRun.findMany({ where: { status: 'running' }, include: { steps: { orderBy: { position: 'asc' } } } });
  const members = runs.length === 0 ? [] : await db.serverMember.findMany({ where: { process: { in: runs.map((r) => r.owner) } }, select: { process: true, heartbeatAt: true } });
  const deadBefore = Date.now() - MEMBER_DEAD_AFTER_TTLS * getEnv().TANDEM_LEASE_TTL_MS;
  let count = 0;
  for (const run of runs) {
    const [host, pid] = run.owner.split(':');
    const member = members.find((m) => m.process === run.owner);
    const isMe = host === hostname() && Number(pid) === process.pid;
    if (member && member.heartbeatAt.getTime() >= deadBefore && !isMe) continue;
    const isDeadMember = member !== undefined && member.heartbeatAt.getTime() < deadBefore;
    // A process on another host cannot be asked whether it lives: its run
    // counts as dead once no step has started or ended for longer than any
    // step may take.
    const lastActivity = Math.max(run.startedAt.getTime(), ...run.steps.flatMap((s) => [s.startedAt?.getTime() ?? 0, s.endedAt?.getTime() ?? 0]));
    if (!isDeadMember && host !== hostname() && Date.now() - lastActivity < FOREIGN_RUN_SILENCE_MS) continue;
    if (host === hostname() && Number(pid) === process.pid && options.ownRuns === 'skip') continue;
    if (host === hostname() && Number(pid) !== process.pid && alive(Number(pid))) continue;
    const done = run.steps.filter((s) => s.status === 'succeeded' || s.status === 'warning');
    const last = done.at(-1) ?? null;
    const running = run.steps.find((s) => s.status === 'running');
    const advice = adviceForRun(run.kind, run.params, run.steps);
    const error = `interrupted ${last ? `after "${last.title}"` : 'before its first step completed'}${running ? ` during "${running.title}"` : ''}. ${advice}`;
    await db.actionStep.updateMany({ where: { runId: run.id, status: { in: ['running', 'pending'] } }, data: { status: 'skipped' } });
    const endedAt = new Date();
    await db.actionRun.update({ where: { id: run.id }, data: { status: 'interrupted', activeKey: null, endedAt, error } });
    await notifyRunEnd(db, { id: run.id, kind: run.kind, cluster: run.clusterName, status: 'interrupted', error, result: null, endedAt });
    logger.warn('action run interrupted', { run: run.id, cluster: run.clusterName, lastStep: last?.key ?? null });
    count += 1;
  }
  if (count === 0 && options.ownRuns === 'skip') return 0;
  const clusters = await db.actionRun.findMany({ where: { acknowledgedAt: null, status: { in: ['interrupted', 'failed', 'aborted'] } }, select: { clusterName: true }, distinct: ['clusterName'] });
  for (const c of clusters) await refreshAttention(db, c.clusterName);
  return count;
};
