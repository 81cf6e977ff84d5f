import type { TDb } from '@/lib/db/client';
import type { TFinding } from '@/lib/health/types';
import { actionHub } from './action-hub';
import { isUnsafeFinalState } from './run-state';
import type { TFinalState } from './types';

// A run needs an operator when it was interrupted (the process died during
// it), or when it ended leaving other than one VIP holder and one writer.
// Until acknowledged, it shows as a critical finding on the cluster and the
// preflight of the next action refuses. (isUnsafeFinalState lives with the
// other pure rules, so the run's page offers "Acknowledge" on the same terms.)

const parseState = (text: string | null): TFinalState | null => {
  try {
    return text ? (JSON.parse(text) as TFinalState) : null;
  } catch {
    return null;
  }
};

export const runsNeedingAttention = async (db: TDb, clusterName: string) => {
  const runs = await db.actionRun.findMany({ where: { clusterName, acknowledgedAt: null, status: { in: ['interrupted', 'failed', 'aborted'] } }, orderBy: { startedAt: 'desc' }, take: 20 });
  return runs.filter((r) => r.status === 'interrupted' || isUnsafeFinalState(parseState(r.finalState)));
};

export const refreshAttention = async (db: TDb, clusterName: string): Promise<void> => {
  const runs = await runsNeedingAttention(db, clusterName);
  const findings: TFinding[] = runs.map((r) => {
    const state = parseState(r.finalState);
    const left = state ? ` It left: VIP on ${state.vipHolders.join(' and ') || 'nobody'}, writable: ${state.writable.join(' and ') || 'none'}.` : '';
    return {
      code: 'action-interrupted',
      severity: 'critical',
      message: `${r.kind} run ${r.id.slice(0, 8)} ${r.status === 'interrupted' ? 'was interrupted' : `${r.status} without a safe end`}: ${r.error ?? ''}${left}`,
      advice: `${r.status === 'interrupted' ? 'It will not resume by itself. ' : ''}Fix the state as the run's record says, then acknowledge it: tandem actions ack ${r.id} (or the button on the run's page).`,
    };
  });
  if (findings.length > 0) actionHub().interrupted.set(clusterName, findings);
  else actionHub().interrupted.delete(clusterName);
};
