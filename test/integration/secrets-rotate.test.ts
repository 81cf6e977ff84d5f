import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargets } from '@/agents/load-targets';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { rotateSecrets } from '@/lib/secrets/rotate-secrets';
import { resetSecretKeyCache } from '@/lib/secrets/secret-key';
import { api } from '../support/api';
import { SECRET_MARKERS, sampleDoc } from '../support/fixtures';
import { testDatabase } from '../support/use-test-database';

const keyIds = async () =>
  (await (await getDb()).node.findMany({ omit: { sshPrivateKeyEnc: false, mysqlPasswordEnc: false, sshPassphraseEnc: false } })).flatMap((n) =>
    [n.sshPrivateKeyEnc, n.mysqlPasswordEnc, n.sshPassphraseEnc].filter((e): e is string => e !== null).map((e) => e.split('.')[1]),
  );

describe('tandem secrets rotate', () => {
  it('re-encrypts every secret under a new key, keeps the old key for running servers, and loses nothing', async () => {
    expect((await api('POST', '/api/clusters', { json: sampleDoc() })).status).toBe(201);
    const before = new Set(await keyIds());
    expect(before.size).toBe(1);

    const r = await rotateSecrets({ db: await getDb() });
    expect(r).toMatchObject({ secrets: 6, viaEnv: false });
    expect(new Set(await keyIds())).toEqual(new Set([r.newKeyId]));
    expect([...before]).toEqual([r.previousKeyId]);

    const dataDir = testDatabase().dataDir;
    expect(statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(existsSync(path.join(dataDir, 'retired-keys', `${r.previousKeyId}.key`))).toBe(true);

    // A fresh process (caches cleared) reads the new key from disk and decrypts.
    resetSecretKeyCache();
    const [t] = await loadTargets({ db: await getDb(), cluster: 'lab' });
    expect(t?.mysql.password).toBe(SECRET_MARKERS.password);
    expect(t?.ssh.passphrase).toBe(SECRET_MARKERS.passphrase);

    const again = await rotateSecrets({ db: await getDb() });
    expect(again.previousKeyId).toBe(r.newKeyId);
    expect((await loadTargets({ db: await getDb(), cluster: 'lab' }))[1]?.mysql.password).toBe(SECRET_MARKERS.password);
  });

  it('with TANDEM_SECRET_KEY, needs the new key given explicitly and changes nothing without it', async () => {
    const saved = process.env.TANDEM_SECRET_KEY;
    process.env.TANDEM_SECRET_KEY = 'ab'.repeat(32);
    resetEnvCache();
    resetSecretKeyCache();
    try {
      const before = await keyIds();
      await expect(rotateSecrets({ db: await getDb() })).rejects.toThrow(/--new-key-stdin/);
      expect(await keyIds()).toEqual(before);
    } finally {
      if (saved === undefined) delete process.env.TANDEM_SECRET_KEY;
      else process.env.TANDEM_SECRET_KEY = saved;
      resetEnvCache();
      resetSecretKeyCache();
    }
  });
});
