import { describe, expect, it } from 'vitest';
import * as auditRoute from '@/app/api/audit/route';
import { verifyPassword } from '@/lib/auth/password';
import { canManageInventory, canRead, canRunActions } from '@/lib/auth/roles';
import { listAudit } from '@/lib/audit/list-audit';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { createToken } from '@/lib/tokens/create-token';
import { listTokens } from '@/lib/tokens/list-tokens';
import { revokeToken } from '@/lib/tokens/revoke-token';
import { verifyToken } from '@/lib/tokens/verify-token';
import { createUser } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/list-users';
import { api, authHeaders } from '../support/api';
import { sampleDoc } from '../support/fixtures';
import { testDatabase } from '../support/use-test-database';

const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof Error && 'code' in e ? String(e.code) : 'OTHER'));

describe('users', () => {
  it('stores a scrypt hash that verifies, and never returns it', async () => {
    const db = await getDb();
    const user = await createUser({ db, name: 'alice', role: 'admin', password: 'correct horse battery' });
    expect(user).toEqual({ name: 'alice', role: 'admin', createdAt: expect.any(String) });
    const row = await db.user.findUniqueOrThrow({ where: { name: 'alice' }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', row.passwordHash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', row.passwordHash)).toBe(false);
    expect(Object.keys(await db.user.findFirstOrThrow({}))).not.toContain('passwordHash');
    expect(JSON.stringify(await listUsers({ db }))).not.toContain('scrypt');
  });

  it('refuses short passwords, bad names and duplicates', async () => {
    const db = await getDb();
    expect(await codeOf(createUser({ db, name: 'bob', role: 'viewer', password: 'short' }))).toBe('INVALID');
    expect(await codeOf(createUser({ db, name: 'Bob Smith', role: 'viewer', password: 'long enough password' }))).toBe('INVALID');
    expect(await codeOf(createUser({ db, name: 'alice', role: 'viewer', password: 'long enough password' }))).toBe('CONFLICT');
  });
});

describe('roles', () => {
  it('grant viewer < operator < admin', () => {
    expect([canRead('viewer'), canRunActions('viewer'), canManageInventory('viewer')]).toEqual([true, false, false]);
    expect([canRead('operator'), canRunActions('operator'), canManageInventory('operator')]).toEqual([true, true, false]);
    expect([canRead('admin'), canRunActions('admin'), canManageInventory('admin')]).toEqual([true, true, true]);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, verified, and dead once revoked', async () => {
    const db = await getDb();
    const { token } = await createToken({ db, name: 'ci', role: 'operator', createdBy: 'test' });
    expect(token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { name: 'ci' }, omit: { tokenHash: false } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await listTokens({ db }))).not.toContain(token);
    expect(await verifyToken({ db, token })).toEqual({ name: 'ci', role: 'operator' });
    expect(await verifyToken({ db, token: `${token}x` })).toBeNull();
    expect(await verifyToken({ db, token: 'Bearer nonsense' })).toBeNull();
    expect((await listTokens({ db }))[0]?.lastUsedAt).not.toBeNull();
    await revokeToken({ db, name: 'ci' });
    expect(await verifyToken({ db, token })).toBeNull();
    expect(await codeOf(revokeToken({ db, name: 'ci' }))).toBe('NOT_FOUND');
    expect(await codeOf(createToken({ db, name: 'ci', role: 'viewer', createdBy: 'test' }))).toBe('CONFLICT');
  });
});

describe('audit log', () => {
  it('records inventory changes made through the API, newest first, and serves them', async () => {
    expect((await api('POST', '/api/clusters', { json: sampleDoc({ name: 'audited' }), headers: { 'x-tandem-client-address': '203.0.113.9', 'x-forwarded-for': '10.9.9.9' } })).status).toBe(201);
    expect((await api('PATCH', '/api/clusters/audited', { json: { description: 'x' } })).status).toBe(200);
    expect((await api('DELETE', '/api/clusters/audited')).status).toBe(204);
    const rows = await listAudit({ db: await getDb(), limit: 3 });
    expect(rows.map((r) => [r.action, r.target, r.result])).toEqual([
      ['cluster.delete', 'audited', 'ok'],
      ['cluster.update', 'audited', 'ok'],
      ['cluster.create', 'audited', 'ok'],
    ]);
    expect(rows[2]).toMatchObject({ actor: expect.stringMatching(/^token:test-admin-/), ip: '203.0.113.9' });
    const res = await auditRoute.GET(new Request('http://127.0.0.1/api/audit?action=cluster.create', { headers: await authHeaders('viewer') }));
    expect(await res.json()).toMatchObject({ events: [{ action: 'cluster.create', target: 'audited' }] });
    expect((await auditRoute.GET(new Request('http://127.0.0.1/api/audit?limit=0', { headers: await authHeaders('viewer') }))).status).toBe(400);
  });

  it('appends a row per call (and on SQLite the database refuses changes to it)', async () => {
    const db = await getDb();
    await recordAudit(db, { actor: 'test', action: 'test.event', result: 'ok', detail: { n: 1 } });
    expect(await listAudit({ db, action: 'test.event' })).toEqual([expect.objectContaining({ actor: 'test', result: 'ok', detail: '{"n":1}' })]);
    const sqlite = testDatabase().dialect === 'sqlite';
    const update = await codeOf(db.auditEvent.updateMany({ where: { action: 'test.event' }, data: { result: 'forged' } }));
    expect(update === 'OK').toBe(!sqlite);
    if (sqlite) expect((await listAudit({ db, action: 'test.event' }))[0]?.result).toBe('ok');
  });
});
