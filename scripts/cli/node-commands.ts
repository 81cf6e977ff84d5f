import { userInfo } from 'node:os';
import { recordAudit } from '@/lib/audit/record-audit';
import { approveHostKey } from '@/lib/clusters/approve-host-key';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { TCommandContext } from './commands';

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
