import { classifyCause, type TReplicationThreads } from './classify-cause';
import { repairOptions, type TOptionFacts } from './repair-options';
import type { TNodeDiagnosis, TRowEvidence } from './types';

// One node's diagnosis from what was read about it: the cause from its
// replication status, the options from the facts around it. Pure; null when
// both threads run.
export const diagnoseNode = (input: {
  node: string;
  // The source's name in the inventory, its host otherwise; null when unknown.
  source: string | null;
  status: TReplicationThreads;
  facts: Omit<TOptionFacts, 'node' | 'source'>;
  evidence?: TRowEvidence | null;
  // Why the rows or the event could not be shown, added to the explanation.
  evidenceNote?: string | null;
}): TNodeDiagnosis | null => {
  const source = input.source ?? 'its source';
  const cause = classifyCause(input.status, { node: input.node, source });
  if (!cause) return null;
  const ioStopped = input.status.ioRunning !== 'Yes';
  return {
    node: input.node,
    source: input.source,
    thread: cause.thread,
    errno: cause.errno,
    error: cause.error,
    cause: { code: cause.code, explanation: input.evidenceNote ? `${cause.explanation} ${input.evidenceNote}` : cause.explanation },
    options: repairOptions(cause.code, { ioStopped, ...input.facts, node: input.node, source }),
    evidence: input.evidence ?? null,
  };
};
