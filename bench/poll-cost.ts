// What one poll costs the node, today's agent beside the one before issue 10,
// measured the same way in the same run on a quiet lab:
// - processes spawned: the poll's exact script (prelude, the kept shell's
//   subshell, the call) run in a new PID namespace inside the node's network
//   namespace; the PID the next process gets, minus 2, is the number created;
// - wall time and bytes: real polls through the kept shell over SSH.
import { spawnSync } from 'node:child_process';
import { buildCollectPrelude, COLLECT_CALL, NO_HINTS, type TAgentHints, type TSqlSyntax } from '../agents/collect';
import type { TNodeTarget } from '../agents/node-target';
import { runOnNode } from '../agents/run-on-node';
import { setArgs } from '../agents/shell-quote';
import type { TSshPool } from '../agents/ssh-pool';
import { parseCollectOutput } from '../lib/collector/observation';
import { netnsName, type TNodeName } from '../lab/config';
import { buildCollectPreludeV1 } from './baseline/collect-v1';
import { median, round } from './stats';

type TAgentName = 'before (baseline)' | 'today';
type TAgent = { name: TAgentName; prelude: string; call: string; args: string[]; syntax: TSqlSyntax };

const hintArgs = (h: TAgentHints): string[] => [h.syntax, h.keepalived, h.conf, h.log, h.confSig];

// Both agents as a steady poll sees them after a first poll: today's with the
// hints it reported and the log left to the stream; the old one reading the
// log from its cursor, as it did every poll.
const agentsFor = async (pool: TSshPool, target: TNodeTarget): Promise<TAgent[]> => {
  const port = String(target.mysql.port);
  const prelude = buildCollectPrelude(target);
  const first = await runOnNode(pool, target, COLLECT_CALL, [port, 'none', ...hintArgs(NO_HINTS)], { prelude, timeoutMs: 20_000 });
  const hints = parseCollectOutput(first.stdout, { startedAt: 0, finishedAt: 0, syntax: 'probe' }).hints;
  const v1Prelude = buildCollectPreludeV1(target);
  const v1First = await runOnNode(pool, target, 'tandem_collect "$@"', [port, 'none'], { prelude: v1Prelude, timeoutMs: 20_000 });
  const v1Cursor = /cursor=(\S+)/.exec(v1First.stdout)?.[1] ?? 'none';
  return [
    { name: 'before (baseline)', prelude: v1Prelude, call: 'tandem_collect "$@"', args: [port, v1Cursor], syntax: 'probe' },
    { name: 'today', prelude, call: COLLECT_CALL, args: [port, 'skip', ...hintArgs(hints)], syntax: hints.syntax },
  ];
};

const countProcesses = (node: TNodeName, agent: TAgent): number => {
  const script = `${agent.prelude}\n(\n${setArgs(agent.args)}\n${agent.call}\n) </dev/null >/dev/null 2>&1\nsh -c 'echo $$'`;
  const r = spawnSync('ip', ['netns', 'exec', netnsName(node), 'unshare', '--pid', '--fork', 'sh', '-c', script], { encoding: 'utf8', timeout: 20_000 });
  return Number(r.stdout.trim()) - 2;
};

const pollWith = (pool: TSshPool, target: TNodeTarget, agent: TAgent) => runOnNode(pool, target, agent.call, agent.args, { prelude: agent.prelude, timeoutMs: 20_000 });

export const measurePollCost = async (options: { pool: TSshPool; target: TNodeTarget; node: TNodeName; runs?: number }) => {
  const runs = options.runs ?? 15;
  const results = [];
  for (const agent of await agentsFor(options.pool, options.target)) {
    const processes: number[] = [];
    const wallMs: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < runs; i++) {
      processes.push(countProcesses(options.node, agent));
      const t0 = performance.now();
      const r = await pollWith(options.pool, options.target, agent);
      wallMs.push(performance.now() - t0);
      bytes.push(Buffer.byteLength(r.stdout));
      await new Promise((res) => setTimeout(res, 100));
    }
    results.push({ agent: agent.name, processesPerPoll: median(processes), wallMsPerPoll: round(median(wallMs), 1), bytesPerPoll: median(bytes), raw: { processes, wallMs: wallMs.map((x) => round(x, 1)), bytes } });
  }
  return results;
};

// Control-plane CPU per poll for the poll path alone (the SSH round trip and
// parsing its answer), the old agent beside today's, at 1 poll/s on both
// nodes for windows of 10 s, alternating: what the agent change saves the
// server, apart from the rest of the collector.
export const measurePollPathCpu = async (options: { pool: TSshPool; targets: TNodeTarget[]; windows?: number }) => {
  const { pool, targets } = options;
  const perNode = await Promise.all(targets.map((t) => agentsFor(pool, t)));
  const names: TAgentName[] = ['before (baseline)', 'today'];
  const samples: Record<TAgentName, number[]> = { 'before (baseline)': [], today: [] };
  for (let w = 0; w < (options.windows ?? 2); w++) {
    for (const name of names) {
      const until = Date.now() + 10_000;
      const cpu0 = process.cpuUsage();
      const counts = await Promise.all(
        targets.map(async (target, i) => {
          const agent = perNode[i]?.find((a) => a.name === name);
          if (!agent) return 0;
          let polls = 0;
          while (Date.now() < until) {
            const t0 = Date.now();
            const r = await pollWith(pool, target, agent);
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
