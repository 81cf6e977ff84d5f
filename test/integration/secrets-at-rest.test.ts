import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb } from '@/lib/db/client';
import { decryptSecret } from '@/lib/secrets/cipher';
import * as auditRoute from '@/app/api/audit/route';
import { api, authHeaders, tokenFor } from '../support/api';
import { SECRET_MARKERS, sampleDoc } from '../support/fixtures';
import { testDatabase } from '../support/use-test-database';

const PLAINTEXTS = Object.values(SECRET_MARKERS);

const expectNoSecrets = (label: string, text: string) => {
  for (const p of PLAINTEXTS) expect(text.includes(p), `${label} contains ${p}`).toBe(false);
};

describe('secrets at rest and in responses', () => {
  let responses: { label: string; text: string }[] = [];

  beforeAll(async () => {
    const created = await api('POST', '/api/clusters', { json: sampleDoc() });
    expect(created.status).toBe(201);
    const patched = await api('PATCH', '/api/clusters/lab', { json: { description: 'changed' } });
    responses = [
      { label: 'POST /api/clusters', text: created.text },
      { label: 'PATCH /api/clusters/lab', text: patched.text },
      { label: 'GET /api/clusters', text: (await api('GET', '/api/clusters')).text },
      { label: 'GET /api/clusters/lab', text: (await api('GET', '/api/clusters/lab')).text },
      { label: 'GET /api/clusters/lab/export', text: (await api('GET', '/api/clusters/lab/export')).text },
    ];
    const audit = await auditRoute.GET(new Request('http://127.0.0.1/api/audit', { headers: await authHeaders('admin') }));
    responses.push({ label: 'GET /api/audit', text: await audit.text() });
  });

  it('never returns a private key, passphrase, password or API token from the API', async () => {
    expect(responses).toHaveLength(6);
    const token = await tokenFor('admin');
    for (const r of responses) {
      expectNoSecrets(r.label, r.text);
      expect(r.text.includes(token), `${r.label} contains the API token`).toBe(false);
    }
  });

  it('stores the secrets encrypted, decryptable only with the key', async () => {
    const db = await getDb();
    const node = await db.node.findFirstOrThrow({ where: { name: 'node1' }, select: { sshPrivateKeyEnc: true, sshPassphraseEnc: true, mysqlPasswordEnc: true } });
    expect(node.sshPrivateKeyEnc).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(decryptSecret(node.sshPrivateKeyEnc, 'ssh.privateKey')).toContain(SECRET_MARKERS.privateKeyBody);
    expect(decryptSecret(node.sshPassphraseEnc ?? '', 'ssh.passphrase')).toBe(SECRET_MARKERS.passphrase);
    expect(decryptSecret(node.mysqlPasswordEnc, 'mysql.password')).toBe(SECRET_MARKERS.password);
  });

  it('keeps the encrypted columns out of ordinary queries', async () => {
    const db = await getDb();
    const node = await db.node.findFirstOrThrow({});
    expect(Object.keys(node)).not.toContain('sshPrivateKeyEnc');
    expect(Object.keys(node)).not.toContain('mysqlPasswordEnc');
    expect(Object.keys(node)).not.toContain('sshPassphraseEnc');
  });

  it('leaves no plaintext secret anywhere in the database', async () => {
    const t = testDatabase();
    if (t.dialect === 'sqlite') {
      await closeDatabase();
      const dir = path.dirname(t.sqliteFile ?? '');
      const files = readdirSync(dir).filter((f) => f.startsWith(path.basename(t.sqliteFile ?? '')));
      const contents = files.map((f) => ({ f, text: readFileSync(path.join(dir, f)).toString('latin1') }));
      // The envelopes are there, so this is the file holding the inventory.
      expect(contents.some((c) => c.text.includes('v1.') && c.text.includes('198.18.0.11'))).toBe(true);
      for (const c of contents) expectNoSecrets(c.f, c.text);
      return;
    }
    const conn = await mysql.createConnection({ uri: t.url });
    try {
      const [rows] = await conn.query('SELECT * FROM nodes');
      expectNoSecrets('nodes table', JSON.stringify(rows));
      expect(JSON.stringify(rows)).toContain('v1.');
    } finally {
      await conn.end();
    }
  });
});
