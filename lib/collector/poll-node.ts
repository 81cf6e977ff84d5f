import { collectNode, NO_HINTS, type TAgentHints } from '@/agents/collect';
import { isExecError } from '@/agents/exec-error';
import type { TNodeTarget } from '@/agents/node-target';
import type { TSshPool } from '@/agents/ssh-pool';
import { parseCollectOutput, type TNodePoll } from './observation';

// Polls made by this process, for the cost benchmark.
let polls = 0;
export const pollCount = (): number => polls;

// One poll: one SSH round trip, parsed. Reaching the node failing is a normal
// outcome (an unreachable poll), not an exception.
export const pollNode = async (options: { pool: TSshPool; target: TNodeTarget; cursor: string; hints?: TAgentHints }): Promise<TNodePoll> => {
  polls += 1;
  try {
    const raw = await collectNode(options);
    return parseCollectOutput(raw.stdout, { ...raw, syntax: (options.hints ?? NO_HINTS).syntax });
  } catch (e) {
    if (isExecError(e)) return { reachable: false, observedAt: Date.now(), reason: e.reason, error: e.message };
    return { reachable: false, observedAt: Date.now(), reason: 'channel', error: e instanceof Error ? e.message : String(e) };
  }
};
