import { metrics, noteSeriesNode, type TPollOutcome } from './registry';

// A node poll finished (or failed): its wall time, request to parsed answer.
export const observePoll = ({ cluster, node, seconds, outcome }: { cluster: string; node: string; seconds: number; outcome: TPollOutcome }): void => {
  const m = metrics();
  noteSeriesNode(m, cluster, node);
  m.pollDuration.observe({ cluster, node, outcome }, seconds);
};
