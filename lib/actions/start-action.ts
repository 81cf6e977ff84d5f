import { hostname } from 'node:os';
import { loadProbeCredential, loadTargets } from '@/agents/load-targets';
import type { TSshPool } from '@/agents/ssh-pool';
import { recordAudit } from '@/lib/audit/record-audit';
import { canManageInventory, type TRole } from '@/lib/auth/roles';
import { findClusterByName } from '@/lib/clusters/find-cluster-by-name';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import { parseWith } from '@/lib/clusters/schema';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { actionHub } from './action-hub';
import { executeRun } from './execute-run';
import { loadRunView, type TRunView } from './run-view';
import { definitionOf } from './registry';
import { cooldownLeftSeconds } from './common-checks';
import { ZActionRequestSchema, type TActionRequest } from './request-schema';
import { ACTION_KINDS, isActionKind, type TActionContext, type TPlan, type TPreflightCheck } from './types';

export type TDryRun = { plan: TPlan; preflight: TPreflightCheck[]; allowed: boolean };
export type TStarted = { run: TRunView; done: Promise<unknown> };

export const processOwner = (): string => `${hostname()}:${process.pid}`;

type TPrincipalLike = { actor: string; role: TRole; ip?: string | null };

// Any key that names a secret is blanked before params reach the audit log.
const SECRET_KEY = /password|secret|token|key$/i;
const redact = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(redact) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET_KEY.test(k) ? '<redacted>' : redact(x)])) : v;

const detailOf = (req: TActionRequest) => ({ kind: req.kind, dryRun: req.dryRun === true, force: req.force === true, reason: req.reason ?? null, params: JSON.stringify(redact(req.params ?? {})).slice(0, 200) });

// The one entry to every action, for the API and the CLI: checks the
// request, reads the nodes fresh, runs the preflight and either returns the
// plan (dry run) or takes the cluster's lock and starts the run.
export const startAction = async (options: { db: TDb; pool: TSshPool; cluster: string; who: TPrincipalLike; body: unknown }): Promise<{ kind: 'dry-run'; dryRun: TDryRun } | { kind: 'started'; started: TStarted }> => {
  const { db, pool, who } = options;
  const req = parseWith(ZActionRequestSchema, options.body);
  const kind = req.kind;
  if (!isActionKind(kind)) throw new AppError('INVALID', `unknown action kind ${JSON.stringify(kind.slice(0, 40))}`, { fields: { kind: `one of: ${ACTION_KINDS.join(', ')}` } });
  const cluster = await findClusterByName({ db, name: options.cluster });
  const definition = definitionOf(kind);
  const parsed = definition.parse(req.params, cluster.nodes.map((n) => n.name));
  if (!parsed.ok) throw new AppError('INVALID', 'invalid action parameters', { fields: parsed.fields });
  const force = req.force === true;
  if (force && !canManageInventory(who.role)) throw new AppError('FORBIDDEN', 'only an admin may force an action');
  if (force && (req.reason ?? '').length < 3) throw new AppError('INVALID', 'force needs a reason', { fields: { reason: 'say why the anti-flap window is overridden (3–500 characters)' } });
  const dryRun = req.dryRun === true;
  const audit = (result: 'ok' | 'denied' | 'failed', extra: Record<string, string | number | boolean | null> = {}) => recordAudit(db, { actor: who.actor, ip: who.ip ?? null, action: `action.${req.kind}.request`, target: cluster.name, result, detail: { ...detailOf(req), ...extra } });

  if (!dryRun && definition.policy.confirm && req.confirm !== cluster.name) {
    await audit('denied', { refusal: 'confirmation_required' });
    throw new AppError('INVALID', `type the cluster name (${cluster.name}) as "confirm" to run this, or ask for a dry run`, { reason: 'confirmation_required' });
  }
  if (!dryRun) {
    const active = await db.actionRun.findFirst({ where: { activeKey: cluster.id }, select: { id: true, kind: true, requestedBy: true } });
    if (active) {
      await audit('denied', { refusal: 'action_in_progress', activeRun: active.id });
      throw new AppError('CONFLICT', `run ${active.id} (${active.kind}, by ${active.requestedBy}) is in progress on ${cluster.name}`, { reason: 'action_in_progress', extra: { run: { id: active.id, kind: active.kind, requestedBy: active.requestedBy } } });
    }
    const left = definition.policy.antiFlap ? await cooldownLeftSeconds(db, { id: cluster.id, cooldownSeconds: cluster.switchoverCooldownSeconds }) : 0;
    if (left > 0 && !force) {
      await audit('denied', { refusal: 'too_soon', retryAfterSeconds: left });
      throw new AppError('CONFLICT', `the VIP of ${cluster.name} moved less than ${cluster.switchoverCooldownSeconds} s ago; retry in ${left} s, or (admin) pass force with a reason`, { reason: 'too_soon', retryAfterSeconds: left });
    }
  }

  const ctx: TActionContext = {
    db,
    pool,
    cluster: { id: cluster.id, name: cluster.name, vip: cluster.vip },
    runId: null,
    targets: await loadTargets({ db, cluster: cluster.name }),
    probe: await loadProbeCredential({ db, cluster: cluster.name }),
    memo: new Map(),
    log: () => undefined,
    pollNow: () => actionHub().pollNow(cluster.name),
  };
  const prepared = await parsed.action.prepare(ctx, { force });
  const { checks, steps } = prepared;
  const allowed = checks.every((c) => c.ok || c.severity === 'warn');
  const plan: TPlan = { steps: steps.map((s) => ({ key: s.key, title: s.title, node: s.node, commands: s.commands, timeoutMs: s.timeoutMs, undo: s.undo })) };

  if (dryRun) {
    await audit('ok', { allowed });
    return { kind: 'dry-run', dryRun: { plan, preflight: checks, allowed } };
  }
  if (!allowed) {
    await audit('denied', { refusal: 'preflight_failed', failed: checks.filter((c) => !c.ok && c.severity === 'block').map((c) => c.check).join(',') });
    throw new AppError('CONFLICT', `the preflight refused: ${checks.filter((c) => !c.ok && c.severity === 'block').map((c) => `${c.check}: ${c.detail.split('\n')[0] ?? ''}`).join('; ')}`, { reason: 'preflight_failed', extra: { preflight: checks } });
  }

  const startedAt = Date.now();
  let runId: string;
  try {
    const run = await db.actionRun.create({
      data: {
        clusterId: cluster.id,
        clusterName: cluster.name,
        kind: req.kind,
        params: JSON.stringify(parsed.action.stored),
        status: 'running',
        activeKey: cluster.id,
        requestedBy: who.actor,
        force,
        reason: req.reason ?? null,
        owner: processOwner(),
        startedAt: new Date(startedAt),
        steps: { create: plan.steps.map((s, position) => ({ position, key: s.key, title: s.title, node: s.node, commands: JSON.stringify(s.commands), status: 'pending' })) },
      },
      select: { id: true },
    });
    runId = run.id;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const active = await db.actionRun.findFirst({ where: { activeKey: cluster.id }, select: { id: true, kind: true, requestedBy: true } });
    await audit('denied', { refusal: 'action_in_progress', activeRun: active?.id ?? null });
    throw new AppError('CONFLICT', `another action started on ${cluster.name} a moment ago${active ? ` (run ${active.id})` : ''}`, { reason: 'action_in_progress', extra: active ? { run: active } : {} });
  }
  ctx.runId = runId;
  await audit('ok', { run: runId });
  actionHub().active.set(cluster.name, { runId, kind: req.kind });
  const view = await loadRunView(db, runId);
  if (!view) throw new AppError('INTERNAL', 'the run vanished');
  actionHub().push(cluster.name, view);
  const done = executeRun({ ctx, runId, kind: req.kind, actor: who.actor, steps, startedAt, result: () => prepared.result(startedAt), evidence: prepared.evidence }).catch(async (e: unknown) => {
    // The engine itself failed (the database went away): never leave the lock held silently.
    await db.actionRun.update({ where: { id: runId }, data: { status: 'failed', endedAt: new Date(), activeKey: null, error: `engine error: ${e instanceof Error ? e.message : String(e)}` } }).catch(() => undefined);
    actionHub().active.delete(cluster.name);
  });
  return { kind: 'started', started: { run: view, done } };
};
