import { z } from 'zod';
import { gatherAllFacts, type TNodeFacts } from '../node-facts';
import { StepFailure, type TActionContext, type TActionDefinition, type TStep, type TStepRecord } from '../types';
import { switchoverPreflight, type TSwitchoverParams } from './preflight';
import { switchoverSteps } from './steps';

export const ZSwitchoverParamsSchema = z.strictObject({ to: z.string().min(1).max(63) });

export const parseSwitchoverParams = (raw: unknown, nodeNames: string[]): { ok: true; params: TSwitchoverParams } | { ok: false; fields: Record<string, string> } => {
  const parsed = ZSwitchoverParamsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fields: Object.fromEntries(parsed.error.issues.map((i) => [`params${i.path.length ? `.${i.path.join('.')}` : ''}`, i.message])) };
  if (!nodeNames.includes(parsed.data.to)) return { ok: false, fields: { 'params.to': `no node named ${JSON.stringify(parsed.data.to.slice(0, 63))}; nodes: ${nodeNames.join(', ')}` } };
  return { ok: true, params: parsed.data };
};

export const pickPair = (facts: TNodeFacts[], to: string): { source: TNodeFacts; target: TNodeFacts } | null => {
  const target = facts.find((f) => f.name === to);
  const source = facts.find((f) => f.name !== to && f.holdsVip) ?? facts.find((f) => f.name !== to);
  return target && source ? { source, target } : null;
};

export const preflightSwitchover = async (ctx: TActionContext, params: TSwitchoverParams, options: { force: boolean }) => {
  const facts = await gatherAllFacts(ctx);
  const checks = await switchoverPreflight(ctx, params, facts, options);
  return { facts, checks };
};

// The last step: the whole pair, read fresh, must show one VIP holder, one
// writer and replication running both ways. It also records the old
// writer's errant-write baseline (it is passive from now on).
const postCheck = (ctx: TActionContext, sourceName: string, targetName: string): TStep => ({
  key: 'post-check',
  title: `Check the pair: ${targetName} the only VIP holder and writer, replication running both ways`,
  node: null,
  commands: ['a full poll of both nodes (ip -o addr show, SHOW SLAVE STATUS, @@read_only, gtid_binlog_state)'],
  timeoutMs: 15000,
  undo: null,
  run: async () => {
    const facts = await gatherAllFacts(ctx);
    const holders = facts.filter((f) => f.holdsVip).map((f) => f.name);
    const writers = facts.filter((f) => f.readOnly === false).map((f) => f.name);
    const broken = facts.filter((f) => {
      const r = f.poll?.mysql.replication;
      return !r || r.ioRunning !== 'Yes' || r.sqlRunning !== 'Yes';
    });
    const src = facts.find((f) => f.name === sourceName);
    if (src?.ownTransactions !== null && src?.ownTransactions !== undefined) await ctx.db.node.update({ where: { id: src.target.id }, data: { passiveOwnTransactions: src.ownTransactions } });
    const tgt = facts.find((f) => f.name === targetName);
    if (tgt) await ctx.db.node.update({ where: { id: tgt.target.id }, data: { passiveOwnTransactions: null } });
    ctx.log(`VIP: ${holders.join(', ') || 'nobody'}; writable: ${writers.join(', ') || 'none'}; replication stopped on: ${broken.map((b) => b.name).join(', ') || 'none'}`);
    if (holders.length !== 1 || holders[0] !== targetName) throw new StepFailure(`the VIP is on ${holders.join(' and ') || 'nobody'}, expected ${targetName}`);
    if (writers.length !== 1 || writers[0] !== targetName) throw new StepFailure(`writable: ${writers.join(' and ') || 'none'}, expected ${targetName} only`);
    if (broken.length > 0) throw new StepFailure(`replication is not running on ${broken.map((b) => b.name).join(' and ')}`);
  },
});

export const buildSwitchoverSteps = (ctx: TActionContext, facts: TNodeFacts[], params: TSwitchoverParams): TStep[] => {
  const pair = pickPair(facts, params.to);
  if (!pair) throw new StepFailure(`no node named ${params.to}`);
  return [...switchoverSteps(ctx, pair), postCheck(ctx, pair.source.name, pair.target.name)];
};

export const switchoverResult = (ctx: TActionContext, facts: TNodeFacts[], params: TSwitchoverParams, startedAt: number): Record<string, unknown> => {
  const pair = pickPair(facts, params.to);
  const blockStart = ctx.memo.get('blockStartedAt');
  const blockEnd = ctx.memo.get('blockEndedAt');
  const vipMove = ctx.memo.get('vipMoveMs');
  return {
    from: pair?.source.name ?? null,
    to: params.to,
    writeBlockMs: typeof blockStart === 'number' && typeof blockEnd === 'number' ? blockEnd - blockStart : null,
    vipMoveMs: typeof vipMove === 'number' ? vipMove : null,
    durationMs: Date.now() - startedAt,
  };
};

// What to tell an operator when a run stopped after `lastKey` without
// finishing (a crash, or an undo that failed), for that exact point.
export const switchoverAdvice = (source: string, target: string, lastKey: string | null): string => {
  switch (lastKey) {
    case null:
    case 'flush-tables':
      return `Nothing was changed on the nodes. Check the cluster view, then acknowledge the run.`;
    case 'source-read-only':
    case 'source-frozen':
    case 'target-catch-up':
      return `${source} may be read-only while it still holds the VIP, so applications cannot write. If ${source} reports read_only=ON and ${target} read_only=ON: run SET GLOBAL read_only=0 on ${source} to back out, then acknowledge the run.`;
    case 'target-writable':
      return `${target} may be writable while ${source} (read-only) still holds the VIP. Either set read_only=1 on ${target} and read_only=0 on ${source} (back out), or move the VIP: echo the FAULT value into ${source}'s Tandem track file. Check that exactly one node is writable, then acknowledge the run.`;
    case 'move-vip':
    case 'verify-writes':
    case 'close-old-connections':
    case 'source-catch-up':
      return `The VIP was moving to or had reached ${target}. ${source}'s keepalived may still be held in FAULT by its track file: check that ${target} holds the VIP and is writable and ${source} is read-only, then write 0 into ${source}'s track file so it becomes the standby again, and acknowledge the run.`;
    default:
      return `The switchover had finished its changes; check that ${target} holds the VIP and is the only writable node, then acknowledge the run.`;
  }
};

// Which step the interruption advice is about: a step cut short while it
// changed something counts as done (its change may have landed).
const adviceKey = (steps: TStepRecord[]): string | null => {
  const running = steps.find((s) => s.status === 'running');
  if (running && ['source-read-only', 'target-writable', 'move-vip'].includes(running.key)) return running.key;
  return steps.filter((s) => s.status === 'succeeded' || s.status === 'warning').at(-1)?.key ?? null;
};

export const switchoverDefinition: TActionDefinition<TSwitchoverParams> = {
  kind: 'switchover',
  policy: { confirm: true, antiFlap: true },
  parseParams: parseSwitchoverParams,
  prepare: async (ctx, params, options) => {
    const { facts, checks } = await preflightSwitchover(ctx, params, options);
    // The plan is shown even when the preflight refuses, so the operator sees what would run.
    const steps = buildSwitchoverSteps(ctx, facts, params);
    return { checks, steps, result: (startedAt) => switchoverResult(ctx, facts, params, startedAt) };
  },
  adviceAfter: (params, steps) => {
    const to = typeof params === 'object' && params !== null && typeof Reflect.get(params, 'to') === 'string' ? String(Reflect.get(params, 'to')) : 'the target';
    const from = steps.find((s) => s.key === 'source-read-only')?.node ?? 'the old writer';
    return switchoverAdvice(from, to, adviceKey(steps));
  },
};
