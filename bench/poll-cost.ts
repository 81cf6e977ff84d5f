// What one poll costs the node, today's agent beside the one before issue 10,
// measured the same way in the same run on a quiet lab:
// - processes spawned: the poll's exact script (prelude, the kept shell's
//   subshell, the call) run in a new PID namespace inside the node's network
//   namespace; the PID the next process gets, minus 2, is the number created;
// - wall time and bytes: real polls through the kept shell over SSH.
import { spawnSync } from 'node:child_process';
import { buildCollectPrelude, COLLECT_CALL, NO_HINTS, type TAgentHints } from '../agents/collect';
import type { TNodeTarget } from '../agents/node-target';
import { runOnNode } from '../agents/run-on-node';
import { setArgs } from '../agents/shell-quote';
import type { TSshPool } from '../agents/ssh-pool';
import { parseCollectOutput } from '../lib/collector/observation';
import { netnsName, type TNodeName } from '../lab/config';
import { buildCollectPreludeV1 } from './baseline/collect-v1';
import { median, round } from './stats';

type TAgent = { name: string; prelude: string; call: string; args: () => string[] };

const countProcesses = (node: TNodeName, agent: TAgent): number => {
  const script = `${agent.prelude}\n(\n${setArgs(agent.args())}\n${agent.call}\n) </dev/null >/dev/null 2>&1\nsh -c 'echo $$'`;
  const r = spawnSync('ip', ['netns', 'exec', netnsName(node), 'unshare', '--pid', '--fork', 'sh', '-c', script], { encoding: 'utf8', timeout: 20_000 });
  return Number(r.stdout.trim()) - 2;
};

export const measurePollCost = async (options: { pool: TSshPool; target: TNodeTarget; node: TNodeName; runs?: number }) => {
  const runs = options.runs ?? 15;
  const { pool, target } = options;
  // Today's agent after its first poll: the hints it reported, the log left to the stream.
  const first = await runOnNode(pool, target, COLLECT_CALL, [String(target.mysql.port), 'none', ...hintArgs(NO_HINTS)], { prelude: buildCollectPrelude(target), timeoutMs: 20_000 });
  const hints = parseCollectOutput(first.stdout, { startedAt: 0, finishedAt: 0, syntax: 'probe' }).hints;
  // The old agent read the log from its cursor every poll.
  const v1Prelude = buildCollectPreludeV1(target);
  const v1First = await runOnNode(pool, target, 'tandem_collect "$@"', [String(target.mysql.port), 'none'], { prelude: v1Prelude, timeoutMs: 20_000 });
  const v1Cursor = /cursor=(\S+)/.exec(v1First.stdout)?.[1] ?? 'none';
  const agents: TAgent[] = [
    { name: 'before (baseline)', prelude: v1Prelude, call: 'tandem_collect "$@"', args: () => [String(target.mysql.port), v1Cursor] },
    { name: 'today', prelude: buildCollectPrelude(target), call: COLLECT_CALL, args: () => [String(target.mysql.port), 'skip', ...hintArgs(hints)] },
  ];
  const results = [];
  for (const agent of agents) {
    const processes: number[] = [];
    const wallMs: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < runs; i++) {
      processes.push(countProcesses(options.node, agent));
      const t0 = performance.now();
      const r = await runOnNode(pool, target, agent.call, agent.args(), { prelude: agent.prelude, timeoutMs: 20_000 });
      wallMs.push(performance.now() - t0);
      bytes.push(Buffer.byteLength(r.stdout));
      await new Promise((res) => setTimeout(res, 100));
    }
    results.push({ agent: agent.name, processesPerPoll: median(processes), wallMsPerPoll: round(median(wallMs), 1), bytesPerPoll: median(bytes), raw: { processes, wallMs: wallMs.map((x) => round(x, 1)), bytes } });
  }
  return results;
};

const hintArgs = (h: TAgentHints): string[] => [h.syntax, h.keepalived, h.conf, h.log, h.confSig];

// Control-plane CPU per poll for the poll path alone (the SSH round trip and
// parsing its answer), the old agent beside today's, at 1 poll/s on both
// nodes for windows of 10 s, alternating: what the agent change saves the
// server, apart from the rest of the collector.
export const measurePollPathCpu = async (options: { pool: TSshPool; targets: TNodeTarget[]; windows?: number }) => {
  const { pool, targets } = options;
  const agentsFor = async (target: TNodeTarget) => {
    const first = await runOnNode(pool, target, COLLECT_CALL, [String(target.mysql.port), 'none', ...hintArgs(NO_HINTS)], { prelude: buildCollectPrelude(target), timeoutMs: 20_000 });
    const hints = parseCollectOutput(first.stdout, { startedAt: 0, finishedAt: 0, syntax: 'probe' }).hints;
    const v1Prelude = buildCollectPreludeV1(target);
    const v1First = await runOnNode(pool, target, 'tandem_collect "$@"', [String(target.mysql.port), 'none'], { prelude: v1Prelude, timeoutMs: 20_000 });
    const v1Cursor = /cursor=(\S+)/.exec(v1First.stdout)?.[1] ?? 'none';
    return {
      'before (baseline)': { prelude: v1Prelude, call: 'tandem_collect "$@"', args: [String(target.mysql.port), v1Cursor], syntax: 'probe' as const },
      today: { prelude: buildCollectPrelude(target), call: COLLECT_CALL, args: [String(target.mysql.port), 'skip', ...hintArgs(hints)], syntax: hints.syntax },
    };
  };
  const perNode = await Promise.all(targets.map(agentsFor));
  const names = ['before (baseline)', 'today'] as const;
  const samples: Record<(typeof names)[number], number[]> = { 'before (baseline)': [], today: [] };
  for (let w = 0; w < (options.windows ?? 2); w++) {
    for (const name of names) {
      const until = Date.now() + 10_000;
      const cpu0 = process.cpuUsage();
      const counts = await Promise.all(
        targets.map(async (target, i) => {
          const agent = perNode[i]?.[name];
          if (!agent) return 0;
          let polls = 0;
          while (Date.now() < until) {
            const t0 = Date.now();
            const r = await runOnNode(pool, target, agent.call, agent.args, { prelude: agent.prelude, timeoutMs: 20_000 });
            parseCollectOutput(r.stdout, { startedAt: t0, finishedAt: Date.now(), syntax: agent.syntax });
            polls += 1;
            await new Promise((res) => setTimeout(res, Math.max(0, 1000 - (Date.now() - t0))));
          }
          return polls;
        }),
      );
      const cpu = process.cpuUsage(cpu0);
      samples[name].push((cpu.user + cpu.system) / 1000 / Math.max(1, counts.reduce((a, b) => a + b, 0)));
    }
  }
  return names.map((name) => ({ agent: name, cpuMsPerPoll: round(median(samples[name]), 2), windows: samples[name].map((x) => round(x, 2)) }));
};
