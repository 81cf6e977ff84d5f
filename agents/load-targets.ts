import type { TDb } from '@/lib/db/client';
import { decryptSecret } from '@/lib/secrets/cipher';
import type { TNodeTarget } from './node-target';

// The one place node credentials are read back and decrypted.
export const loadTargets = async ({ db, cluster }: { db: TDb; cluster: string }): Promise<TNodeTarget[]> => {
  const rows = await db.node.findMany({
    where: { cluster: { name: cluster } },
    orderBy: { name: 'asc' },
    omit: { sshPrivateKeyEnc: false, sshPassphraseEnc: false, mysqlPasswordEnc: false },
  });
  return rows.map((n) => ({
    id: n.id,
    cluster,
    name: n.name,
    host: n.host,
    ssh: {
      port: n.sshPort,
      user: n.sshUser,
      privateKey: decryptSecret(n.sshPrivateKeyEnc, 'ssh.privateKey'),
      passphrase: n.sshPassphraseEnc ? decryptSecret(n.sshPassphraseEnc, 'ssh.passphrase') : null,
      pinnedFingerprint: n.sshHostKeyFingerprint,
    },
    mysql: { port: n.mysqlPort, user: n.mysqlUser, password: decryptSecret(n.mysqlPasswordEnc, 'mysql.password') },
  }));
};

// The cluster's probe credential (an application-like user), or null.
export const loadProbeCredential = async ({ db, cluster }: { db: TDb; cluster: string }): Promise<TNodeTarget['mysql'] | null> => {
  const c = await db.cluster.findUnique({ where: { name: cluster }, select: { probeUser: true, probePasswordEnc: true, nodes: { select: { mysqlPort: true }, orderBy: { name: 'asc' }, take: 1 } } });
  if (!c?.probeUser || !c.probePasswordEnc) return null;
  return { port: c.nodes[0]?.mysqlPort ?? 3306, user: c.probeUser, password: decryptSecret(c.probePasswordEnc, 'probe.password') };
};

// Pins a host key on first contact. Only an empty fingerprint is replaced, so
// a concurrent change of the node (new host, fingerprint reset) is not undone.
export const pinHostKey = async ({ db, nodeId, fingerprint }: { db: TDb; nodeId: string; fingerprint: string }): Promise<void> => {
  await db.node.updateMany({ where: { id: nodeId, sshHostKeyFingerprint: '' }, data: { sshHostKeyFingerprint: fingerprint } });
};

// The host key pinned for a node now (an approval may have replaced it).
export const readPinnedHostKey = async ({ db, nodeId }: { db: TDb; nodeId: string }): Promise<string> =>
  (await db.node.findUnique({ where: { id: nodeId }, select: { sshHostKeyFingerprint: true } }))?.sshHostKeyFingerprint ?? '';
