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
