import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { gatherAllFacts } from '../node-facts';
import type { TActionDefinition, TStepRecord } from '../types';
import { drillPreflight, type TDrillParams } from './preflight';
import { buildDrillReport, buildTimeline, type TDrillEvidence } from './report';
import { DRILL_FAILURES, failureCommands, resolveServiceCommands } from './service-commands';
import { drillSteps, newDrillSession } from './steps';

export const ZDrillParamsSchema = z.strictObject({
  failure: z.enum(DRILL_FAILURES, { error: `must be one of: ${DRILL_FAILURES.join(', ')}` }),
  node: z.string().min(1).max(63).optional(),
  holdSeconds: z.int('must be an integer').min(1, 'must be 1–600').max(600, 'must be 1–600').default(10),
  writesPerSecond: z.int('must be an integer').min(1, 'must be 1–100').max(100, 'must be 1–100').default(20),
});

const fieldsOf = (issues: z.core.$ZodIssue[]): Record<string, string> => Object.fromEntries(issues.map((i) => [`params${i.path.length ? `.${i.path.join('.')}` : ''}`, i.message]));

export const parseDrillParams = (raw: unknown, nodeNames: string[]): { ok: true; params: TDrillParams } | { ok: false; fields: Record<string, string> } => {
  const parsed = ZDrillParamsSchema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, fields: fieldsOf(parsed.error.issues) };
  if (parsed.data.node !== undefined && !nodeNames.includes(parsed.data.node)) return { ok: false, fields: { 'params.node': `no node named ${JSON.stringify(parsed.data.node)}; nodes: ${nodeNames.join(', ')}` } };
  return { ok: true, params: parsed.data };
};

const commandsOf = (steps: TStepRecord[], key: string): string[] => {
  try {
    const v: unknown = JSON.parse(steps.find((s) => s.key === key)?.commands ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

// For a drill that stopped without finishing: was the failure still in
// place, and exactly what puts it back.
export const drillAdvice = (steps: TStepRecord[]): string => {
  const status = (key: string) => steps.find((s) => s.key === key)?.status ?? 'pending';
  const injected = ['running', 'succeeded', 'failed', 'undo-failed'].includes(status('inject'));
  const restoredOk = status('restore') === 'succeeded' || status('inject') === 'undone';
  const node = steps.find((s) => s.key === 'inject')?.node ?? 'the drilled node';
  if (!injected) return 'The drill stopped before it broke anything; only its probe (writes into tandem.drill_writes through the VIP) ran. Check the cluster view, then acknowledge the run.';
  if (!restoredOk) {
    const restore = commandsOf(steps, 'restore')[0] ?? 'the start command of what was stopped';
    return `The drill broke ${node} (${commandsOf(steps, 'inject')[0] ?? 'its failure command'}) and did not put it back. Run on ${node}: ${restore}. Then check that replication runs both ways, that one node holds the VIP and alone is writable, and acknowledge the run.`;
  }
  return `The drill had restored ${node}. Check that replication runs both ways, that one node holds the VIP and alone is writable, then acknowledge the run.`;
};

export const drillDefinition: TActionDefinition<TDrillParams> = {
  kind: 'drill',
  policy: { confirm: true, antiFlap: true },
  parseParams: parseDrillParams,
  prepare: async (ctx, params, options) => {
    const facts = await gatherAllFacts(ctx);
    const holder = facts.filter((f) => f.holdsVip);
    const nodeName = params.node ?? (holder.length === 1 ? holder[0]?.name : undefined) ?? ctx.targets[0]?.name ?? '';
    const node = await ctx.db.node.findFirst({ where: { clusterId: ctx.cluster.id, name: nodeName }, select: { serviceCommands: true } });
    const commands = node ? resolveServiceCommands(node.serviceCommands) : null;
    const checks = await drillPreflight(ctx, params, facts, commands, options);
    const evidence: TDrillEvidence = {
      runId: randomUUID(),
      failure: params.failure,
      node: nodeName,
      nodes: facts.map((f) => f.name),
      originalHolder: holder.length === 1 ? (holder[0]?.name ?? null) : null,
      probeStartedAt: null,
      injectStartedAt: null,
      injectedAt: null,
      restoreStartedAt: null,
      restoredAt: null,
      whole: null,
      wholeDetail: null,
      wholeAt: null,
      finalHolder: null,
      caughtUpAt: null,
      caughtUpDetail: null,
      attempts: [],
      skipped: 0,
      samples: [],
      events: [],
      rows: null,
      verifyError: null,
    };
    const session = newDrillSession(evidence);
    // An instance without nopreempt (or a config Tandem could not read) may take the VIP back after the restore.
    const mayPreempt = facts.some((f) => {
      const instance = f.conf?.instances.find((i) => i.virtualIpAddresses.some((a) => a.replace(/\/\d+$/, '') === ctx.cluster.vip));
      return !instance || !instance.nopreempt;
    });
    const steps = drillSteps(ctx, { ...params, node: nodeName }, session, commands ? failureCommands(commands, params.failure) : null, { mayPreempt });
    return {
      checks,
      steps,
      result: (startedAt) => ({ ...buildDrillReport(evidence), probeRunId: evidence.runId, hold: params.holdSeconds, writesPerSecond: params.writesPerSecond, durationMs: Date.now() - startedAt }),
      evidence: () => ({ timeline: buildTimeline(evidence), attempts: evidence.attempts.map((a) => [a.kind === 'write' ? 'w' : 'r', a.seq, a.t, a.ms, a.ok ? 1 : 0, a.serverId, a.error]), samples: evidence.samples.map((s) => [s.t, s.node, s.vip ? 1 : 0, s.readOnly === null ? null : s.readOnly ? 1 : 0, s.fact === 'vip' ? 'v' : s.fact === 'readOnly' ? 'r' : null]), events: evidence.events, skipped: evidence.skipped }),
    };
  },
  adviceAfter: (_params, steps) => drillAdvice(steps),
};
