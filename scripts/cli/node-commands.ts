import { userInfo } from 'node:os';
import { acceptNodeWrites } from '@/lib/actions/accept-node-writes';
import { actionPool } from '@/lib/actions/action-pool';
import { recordAudit } from '@/lib/audit/record-audit';
import { approveHostKey } from '@/lib/clusters/approve-host-key';
import { getDb } from '@/lib/db/client';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { UsageError, type TCommandContext } from './commands';

// tandem nodes approve-host-key CLUSTER NODE SHA256:…: accept the host key a
// node now offers (shown in its ssh-host-key-mismatch finding).
export const nodesApproveHostKey = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const [cluster, node, fingerprint] = args;
  if (!cluster || !node || !fingerprint) throw new AppError('INVALID', 'usage: tandem nodes approve-host-key CLUSTER NODE SHA256:…');
  const db = await getDb();
  const approved = await approveHostKey({ db, cluster, node, fingerprint });
  await recordAudit(db, { actor: `cli:${userInfo().username}`, action: 'node.host-key.approve', target: `${cluster}/${node}`, result: 'ok', detail: approved });
  out(json ? JSON.stringify({ node, ...approved }) : `${cluster}/${node}: host key ${approved.fingerprint} approved${approved.previous ? ` (was ${approved.previous})` : ''}`);
};

// tandem nodes accept-writes CLUSTER NODE: after reconciling the writes made
// directly on a passive node (the switchover preflight names them), take its
// current own-transaction count as the new baseline.
export const nodesAcceptWrites = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const [cluster, node, ...rest] = args;
  if (!cluster || !node || rest.length > 0) throw new UsageError('usage: tandem nodes accept-writes CLUSTER NODE');
  const db = await getDb();
  const pool = actionPool(db);
  const actor = `cli:${userInfo().username}`;
  try {
    const accepted = await acceptNodeWrites({ db, pool, cluster, node });
    await recordAudit(db, { actor, action: 'node.writes.accept', target: `${cluster}/${node}`, result: 'ok', detail: { previous: accepted.previous, baseline: accepted.baseline } });
    out(json ? JSON.stringify(accepted) : `${cluster}/${node}: errant-write baseline set to ${accepted.baseline} own transactions${accepted.previous === null ? ' (there was none)' : ` (was ${accepted.previous})`}`);
  } catch (e) {
    // A refusal (the node is the writer, or unreachable) is audited too: someone tried to clear a safety check.
    if (isAppError(e) && e.code !== 'NOT_FOUND') await recordAudit(db, { actor, action: 'node.writes.accept', target: `${cluster}/${node}`, result: e.code === 'UNAVAILABLE' ? 'failed' : 'denied', detail: { reason: e.reason ?? e.code } });
    throw e;
  } finally {
    pool.disposeAll();
  }
};
