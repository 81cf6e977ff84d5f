import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { findClusterByName } from '@/lib/clusters/find-cluster-by-name';
import { HOST_KEY_FINGERPRINT_RE, NODE_NAME_RE } from '@/lib/clusters/schema';

// An admin's decision that the key a node now offers is legitimate (a
// reinstall, a moved address): it replaces the pinned one. The collector picks
// it up at its next connection attempt (agents/ssh-pool.ts re-reads the pin).
export const approveHostKey = async ({ db, cluster, node, fingerprint }: { db: TDb; cluster: string; node: string; fingerprint: string }): Promise<{ previous: string | null; fingerprint: string }> => {
  const wanted = fingerprint.trim();
  if (!HOST_KEY_FINGERPRINT_RE.test(wanted)) {
    throw new AppError('INVALID', 'invalid host key fingerprint', { fields: { fingerprint: 'must be an OpenSSH SHA256 fingerprint (SHA256: and 43 characters, as ssh-keygen -lf prints)' } });
  }
  const c = await findClusterByName({ db, name: cluster });
  const n = NODE_NAME_RE.test(node) ? c.nodes.find((x) => x.name === node) : undefined;
  if (!n) throw new AppError('NOT_FOUND', `cluster ${c.name} has no node named ${JSON.stringify(node.slice(0, 80))}`);
  await db.node.update({ where: { id: n.id }, data: { sshHostKeyFingerprint: wanted } });
  return { previous: n.sshHostKeyFingerprint || null, fingerprint: wanted };
};
