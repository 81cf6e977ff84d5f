import { randomUUID } from 'node:crypto';
import type { TTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { TNodePatch } from '@/lib/clusters/schema';
import { encryptSecret } from '@/lib/secrets/cipher';
import { parseStoredServiceCommands, serviceCommandsToJson } from '@/lib/actions/drill/service-commands';

type TExistingNode = { id: string; name: string; host: string; sshPort: number; serviceCommands: string | null };

// Replaces a cluster's node list with `nodes`, matching by name. Omitted
// secrets keep the stored ones; a new node must bring its own. A node whose
// host or SSH port changes must bring its secrets again: otherwise whoever can
// edit the inventory could point a node at their own machine and have the
// collector send it the stored MySQL password. The pinned host key is kept
// across such a move: a different key at the new address is refused until an
// admin approves it (or the document names the key to expect).
//
// A node's service commands (`services`) run on it as the SSH user during a
// drill, so whoever sets them can run anything there: setting, changing or
// removing them on an existing node needs the node's private key in the same
// document, which proves the sender could log in there anyway. Omitted,
// they are kept (as the pinned host key is); null removes them.
export const writeNodes = async (options: { tx: TTx; clusterId: string; existing: TExistingNode[]; nodes: TNodePatch[] }): Promise<{ repointed: string[]; servicesChanged: string[] }> => {
  const { tx, clusterId, existing, nodes } = options;
  const byName = new Map(existing.map((n) => [n.name, n]));
  const missing: Record<string, string> = {};
  const repointed: string[] = [];
  const servicesChanged: string[] = [];
  nodes.forEach((n, i) => {
    const current = byName.get(n.name);
    const why = !current ? 'is required for a new node' : current.host !== n.host || current.sshPort !== n.ssh.port ? 'must be sent again: the host or SSH port changed' : null;
    if (current && why) repointed.push(n.name);
    const isServicesChange = current !== undefined && n.services !== undefined && serviceCommandsToJson(n.services) !== serviceCommandsToJson(parseStoredServiceCommands(current.serviceCommands));
    if (isServicesChange) servicesChanged.push(n.name);
    if (why) {
      if (n.ssh.privateKey === undefined) missing[`nodes.${i}.ssh.privateKey`] = why;
      if (n.mysql.password === undefined) missing[`nodes.${i}.mysql.password`] = why;
    }
    if (isServicesChange && n.ssh.privateKey === undefined) {
      missing[`nodes.${i}.ssh.privateKey`] ??= 'must be sent with a change to services: service commands run on the node as its SSH user';
    }
  });
  if (Object.keys(missing).length > 0) throw new AppError('INVALID', 'the inventory document is invalid', { fields: missing });

  const keep = new Set(nodes.map((n) => n.name));
  const removed = existing.filter((n) => !keep.has(n.name)).map((n) => n.id);
  if (removed.length > 0) await tx.node.deleteMany({ where: { id: { in: removed } } });

  // Park kept hosts on unique placeholders first: two nodes swapping hosts
  // would otherwise trip the (clusterId, host) unique index mid-update.
  for (const n of existing.filter((e) => keep.has(e.name))) {
    await tx.node.update({ where: { id: n.id }, data: { host: `swap-${n.id}` } });
  }

  for (const n of nodes) {
    const secrets = {
      ...(n.ssh.privateKey !== undefined && { sshPrivateKeyEnc: encryptSecret(n.ssh.privateKey, 'ssh.privateKey') }),
      ...(n.mysql.password !== undefined && { mysqlPasswordEnc: encryptSecret(n.mysql.password, 'mysql.password') }),
    };
    const fields = {
      host: n.host,
      sshPort: n.ssh.port,
      sshUser: n.ssh.user,
      mysqlPort: n.mysql.port,
      mysqlUser: n.mysql.user,
      ...(n.ssh.hostKeyFingerprint !== undefined && { sshHostKeyFingerprint: n.ssh.hostKeyFingerprint }),
      ...(n.services !== undefined && { serviceCommands: serviceCommandsToJson(n.services) }),
    };
    const current = byName.get(n.name);
    if (current) {
      // A new private key changes nothing about the host's identity; a passphrase
      // is only replaced together with its key.
      const passphrase = n.ssh.privateKey !== undefined ? { sshPassphraseEnc: n.ssh.passphrase ? encryptSecret(n.ssh.passphrase, 'ssh.passphrase') : null } : {};
      await tx.node.update({ where: { id: current.id }, data: { ...fields, ...secrets, ...passphrase } });
      continue;
    }
    await tx.node.create({
      data: {
        id: randomUUID(),
        clusterId,
        name: n.name,
        ...fields,
        sshPrivateKeyEnc: secrets.sshPrivateKeyEnc ?? '',
        mysqlPasswordEnc: secrets.mysqlPasswordEnc ?? '',
        sshPassphraseEnc: n.ssh.passphrase ? encryptSecret(n.ssh.passphrase, 'ssh.passphrase') : null,
      },
    });
  }
  return { repointed, servicesChanged };
};
