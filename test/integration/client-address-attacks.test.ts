import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createClient } from '@libsql/client';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as signinRoute from '@/app/api/auth/signin/route';
import { listAudit } from '@/lib/audit/list-audit';
import { flushRefusalBursts } from '@/lib/audit/record-refusal';
import { resetRateLimits } from '@/lib/auth/rate-limit';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { stampClientAddress } from '@/lib/http/stamp-client-address';
import { createUser } from '@/lib/users/create-user';
import { testDatabase } from '../support/use-test-database';

// The sign-in route behind a real HTTP server wired like server.ts: the
// client address comes from the socket, as in production.
let server: Server;
let base = '';

const toRequest = async (req: IncomingMessage): Promise<Request> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(Buffer.from(c));
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  return new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
};

beforeAll(async () => {
  await createUser({ db: await getDb(), name: 'alice', role: 'admin', password: 'correct horse battery' });
  server = createServer((req, res) => {
    stampClientAddress(req);
    void toRequest(req)
      .then((r) => signinRoute.POST(r))
      .then(async (answer) => {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  base = typeof a === 'object' && a ? `http://127.0.0.1:${a.port}` : '';
});

afterAll(async () => {
  delete process.env.TANDEM_TRUSTED_PROXIES;
  resetEnvCache();
  await new Promise<void>((r) => server.close(() => r()));
});

beforeEach(async () => {
  await resetRateLimits();
  await flushRefusalBursts();
  delete process.env.TANDEM_TRUSTED_PROXIES;
  resetEnvCache();
});

const signIn = (name: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name, password }) });

const signInRows = async () => (await listAudit({ db: await getDb(), action: 'auth.signin', limit: 10_000 })).filter((r) => r.result !== 'ok');

describe('client-chosen addresses', () => {
  it('rotating X-Forwarded-For and X-Real-IP does not escape the per-address sign-in limit, nor reach the audit log', async () => {
    const before = (await signInRows()).length;
    for (let i = 0; i < 20; i++) {
      const res = await signIn(`ghost${i}`, 'whatever-password', { 'x-forwarded-for': `10.1.${i}.1`, 'x-real-ip': `10.2.${i}.1`, 'x-tandem-client-address': `10.3.${i}.1` });
      expect(res.status).toBe(401);
    }
    const blocked = await signIn('alice', 'correct horse battery', { 'x-forwarded-for': '10.99.0.1' });
    expect(blocked.status).toBe(429);
    const rows = (await signInRows()).slice(0, (await signInRows()).length - before);
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(['127.0.0.1']));
  });

  it('behind a trusted proxy, takes the right-most untrusted hop of what the proxy appended', async () => {
    process.env.TANDEM_TRUSTED_PROXIES = '127.0.0.1/32';
    resetEnvCache();
    const ok = await signIn('alice', 'correct horse battery', { 'x-forwarded-for': '6.6.6.6, 198.51.100.44' });
    expect(ok.status).toBe(200);
    expect((await listAudit({ db: await getDb(), action: 'auth.signin', limit: 1 }))[0]).toMatchObject({ result: 'ok', ip: '198.51.100.44' });
  });
});

describe('audit flood without signing in', () => {
  it('stores a burst of refusals as one bounded row with a count, not the raw header', async () => {
    const before = await signInRows();
    // Node's default header limit is 16 KB in all; stay just under it.
    const huge = 'A'.repeat(7000);
    for (let i = 0; i < 30; i++) {
      // The body limit on names is 63; the headers carry the bulk an attacker controls.
      expect((await signIn(`n${i}`, 'whatever-password', { 'x-forwarded-for': huge, 'user-agent': huge })).status).toBeGreaterThanOrEqual(400);
    }
    await flushRefusalBursts();
    const after = await signInRows();
    const added = after.slice(0, after.length - before.length);
    // The first refusal of each kind, and one summary of the rest.
    expect(added.length).toBeLessThanOrEqual(4);
    const counts = added.map((r) => Number(JSON.parse(r.detail ?? '{}').count));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    for (const r of added) expect(JSON.stringify(r).length).toBeLessThan(600);
  });
});

describe('names that alias', () => {
  it('a trailing space or a capital does not reach the account, even with its password', async () => {
    for (const alias of ['alice ', 'ALICE', 'alice\u0000', ' alice']) {
      expect((await signIn(alias, 'correct horse battery')).status, JSON.stringify(alias)).toBe(401);
    }
    expect((await signIn('alice', 'correct horse battery')).status).toBe(200);
  });
});

describe('a sign-in that cannot be audited', () => {
  const renameAudit = async (from: string, to: string) => {
    const t = testDatabase();
    if (t.dialect === 'sqlite') {
      const c = createClient({ url: t.url });
      await c.execute(`ALTER TABLE ${from} RENAME TO ${to}`);
      c.close();
    } else {
      const c = await mysql.createConnection({ uri: t.url });
      await c.query(`RENAME TABLE \`${from}\` TO \`${to}\``);
      await c.end();
    }
  };

  it('is refused with 503 and leaves no session behind', async () => {
    const db = await getDb();
    const sessions = await db.session.count();
    await renameAudit('audit_events', 'audit_events_away');
    try {
      const res = await signIn('alice', 'correct horse battery');
      expect(res.status).toBe(503);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await db.session.count()).toBe(sessions);
    } finally {
      await renameAudit('audit_events_away', 'audit_events');
    }
    expect((await signIn('alice', 'correct horse battery')).status).toBe(200);
  });
});
