import type { TDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { decryptSecret, encryptSecret } from '@/lib/secrets/cipher';
import { getSecretKey, installNewKeyFile, keyId, parseSecretKey, type TSecretKey } from '@/lib/secrets/secret-key';

// Re-encrypts every stored secret under a new key, in one transaction. The
// old key is retired, not deleted, so a server still running with it keeps
// reading (and writing) the inventory: no downtime. If the re-encryption
// fails, nothing changed and both keys still decrypt what is stored.
export const rotateSecrets = async ({ db, newKeyText }: { db: TDb; newKeyText?: string }): Promise<{ previousKeyId: string; newKeyId: string; secrets: number; viaEnv: boolean }> => {
  const viaEnv = getEnv().TANDEM_SECRET_KEY !== undefined;
  let previous: TSecretKey;
  let next: TSecretKey;
  if (viaEnv) {
    if (!newKeyText) throw new AppError('INVALID', 'the key comes from TANDEM_SECRET_KEY: pass the new key on stdin (--new-key-stdin), then set TANDEM_SECRET_KEY to it');
    previous = getSecretKey();
    const key = parseSecretKey(newKeyText);
    // The environment's key is not written to disk: servers must restart with
    // the new TANDEM_SECRET_KEY (file-based keys rotate without a restart).
    next = { key, id: keyId(key) };
  } else {
    ({ previous, next } = installNewKeyFile(newKeyText ? parseSecretKey(newKeyText) : undefined));
  }
  if (previous.id === next.id) throw new AppError('INVALID', 'the new key is the current key');
  const nodes = await db.node.findMany({ omit: { sshPrivateKeyEnc: false, sshPassphraseEnc: false, mysqlPasswordEnc: false } });
  const clusters = await db.cluster.findMany({ where: { probePasswordEnc: { not: null } }, select: { id: true, probePasswordEnc: true } });
  const channels = await db.notificationChannel.findMany({ where: { secret: { not: null } }, select: { id: true, secret: true } });
  let secrets = 0;
  await db.$transaction(async (tx) => {
    for (const c of channels) {
      if (!c.secret) continue;
      await tx.notificationChannel.update({ where: { id: c.id }, data: { secret: encryptSecret(decryptSecret(c.secret, 'notification.secret'), 'notification.secret', next) } });
      secrets += 1;
    }
    for (const c of clusters) {
      if (!c.probePasswordEnc) continue;
      await tx.cluster.update({ where: { id: c.id }, data: { probePasswordEnc: encryptSecret(decryptSecret(c.probePasswordEnc, 'probe.password'), 'probe.password', next) } });
      secrets += 1;
    }
    for (const n of nodes) {
      const data = {
        sshPrivateKeyEnc: encryptSecret(decryptSecret(n.sshPrivateKeyEnc, 'ssh.privateKey'), 'ssh.privateKey', next),
        mysqlPasswordEnc: encryptSecret(decryptSecret(n.mysqlPasswordEnc, 'mysql.password'), 'mysql.password', next),
        sshPassphraseEnc: n.sshPassphraseEnc ? encryptSecret(decryptSecret(n.sshPassphraseEnc, 'ssh.passphrase'), 'ssh.passphrase', next) : null,
      };
      await tx.node.update({ where: { id: n.id }, data });
      secrets += n.sshPassphraseEnc ? 3 : 2;
    }
  });
  return { previousKeyId: previous.id, newKeyId: next.id, secrets, viaEnv };
};
