import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as signinRoute from '@/app/api/auth/signin/route';
import * as signoutRoute from '@/app/api/auth/signout/route';
import * as clustersRoute from '@/app/api/clusters/route';
import { resetRateLimits } from '@/lib/auth/rate-limit';
import { listAudit } from '@/lib/audit/list-audit';
import { getDb } from '@/lib/db/client';
import { createUser } from '@/lib/users/create-user';
import { authHeaders, PUBLIC_ROUTES, routeFiles } from '../support/api';
import { sampleDoc } from '../support/fixtures';

type THandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
// A viewer may act on their own account (sign out, change their password).
const OWN_ACCOUNT = new Set(['/api/auth/signout', '/api/auth/signout-everywhere', '/api/auth/password']);

const handlersOf = async (file: string): Promise<{ route: string; method: string; handler: THandler }[]> => {
  const route = `/${path.relative(process.cwd(), path.dirname(file)).split(path.sep).slice(1).join('/')}`;
  const mod: Record<string, unknown> = await import(file);
  return METHODS.flatMap((method) => {
    const h = mod[method];
    return typeof h === 'function' ? [{ route, method, handler: (req, ctx) => (h as THandler)(req, ctx) }] : [];
  });
};

const call = (handler: THandler, method: string, headers: Record<string, string> = {}, body?: unknown) =>
  handler(new Request('http://127.0.0.1:3000/api/x', { method, headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) }), {
    params: Promise.resolve({ name: 'lab' }),
  });

describe('every route handler (app/api and /metrics)', () => {
  it('answers 401 without credentials (except health, sign-in and the OpenAPI description), and 403 to a viewer on mutations', async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(10);
    const all = (await Promise.all(files.map(handlersOf))).flat();
    const viewer = await authHeaders('viewer');
    for (const { route, method, handler } of all) {
      const key = `${method} ${route}`;
      if (PUBLIC_ROUTES.has(key)) continue;
      const anonymous = await call(handler, method, {}, method === 'GET' ? undefined : {});
      expect(anonymous.status, `${key} without credentials`).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: 'unauthorized' });
      if (method !== 'GET' && !OWN_ACCOUNT.has(route)) {
        expect((await call(handler, method, viewer, {})).status, `${key} as viewer`).toBe(403);
      }
    }
    expect(all.map((h) => `${h.method} ${h.route}`)).toEqual(expect.arrayContaining(['GET /api/health', 'POST /api/clusters', 'DELETE /api/clusters/[name]', 'GET /api/audit', 'GET /metrics']));
  });
});

describe('sign-in, sessions and CSRF', () => {
  beforeAll(async () => {
    await resetRateLimits();
    await createUser({ db: await getDb(), name: 'alice', role: 'admin', password: 'correct horse battery' });
  });

  const signin = (name: string, password: string, ip = '198.51.100.7') =>
    signinRoute.POST(new Request('http://127.0.0.1:3000/api/auth/signin', { method: 'POST', headers: { 'content-type': 'application/json', 'x-tandem-client-address': ip }, body: JSON.stringify({ name, password }) }));

  it('refuses a wrong password with 401, records it, and sets no cookie', async () => {
    const res = await signin('alice', 'wrong password!!');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await listAudit({ db: await getDb(), action: 'auth.signin' }))[0]).toMatchObject({ actor: 'user:alice', result: 'failed', ip: '198.51.100.7' });
  });

  it('issues an httpOnly SameSite=Lax session cookie that authenticates, guards mutations by Origin, and ends on sign-out', async () => {
    const res = await signin('alice', 'correct horse battery');
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^tandem_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    const cookie = setCookie.split(';')[0] ?? '';

    const list = await clustersRoute.GET(new Request('http://127.0.0.1:3000/api/clusters', { headers: { cookie } }));
    expect(list.status).toBe(200);

    const post = (origin?: string) =>
      clustersRoute.POST(new Request('http://127.0.0.1:3000/api/clusters', { method: 'POST', headers: { cookie, host: '127.0.0.1:3000', 'content-type': 'application/json', ...(origin && { origin }) }, body: JSON.stringify(sampleDoc()) }));
    const forged = await post('http://evil.example');
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: 'forbidden', message: 'cross-site request refused' });
    expect((await post()).status).toBe(403);
    expect((await post('http://127.0.0.1:3000')).status).toBe(201);

    const out = await signoutRoute.POST(new Request('http://127.0.0.1:3000/api/auth/signout', { method: 'POST', headers: { cookie, host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' } }));
    expect(out.status).toBe(200);
    expect((await clustersRoute.GET(new Request('http://127.0.0.1:3000/api/clusters', { headers: { cookie } }))).status).toBe(401);
    const actions = (await listAudit({ db: await getDb(), actor: 'user:alice' })).map((r) => `${r.action}:${r.result}`);
    expect(actions).toEqual(expect.arrayContaining(['auth.signin:ok', 'cluster.create:denied', 'cluster.create:ok', 'auth.signout:ok']));
  });

  it('rate-limits failed sign-ins per user with a clear 429', async () => {
    await resetRateLimits();
    for (let i = 0; i < 5; i++) expect((await signin('alice', `nope-${i}-xxxxxxxx`, `192.0.2.${i}`)).status).toBe(401);
    const blocked = await signin('alice', 'correct horse battery', '192.0.2.99');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/too many failed sign-ins; try again in \d+ minute/) });
    await resetRateLimits();
  });

  it('counts an IPv6 client by its /64: rotating addresses inside it does not escape the limit', async () => {
    await resetRateLimits();
    for (let i = 0; i < 20; i++) await signin(`ghost${i}`, 'whatever-password', `2001:db8:aa:bb::${(i + 1).toString(16)}`);
    expect((await signin('alice', 'correct horse battery', '2001:db8:aa:bb:ffff::9')).status).toBe(429);
    expect((await signin('alice', 'correct horse battery', '2001:db8:aa:cc::1')).status).toBe(200);
    await resetRateLimits();
  });

  it('rate-limits per address across user names', async () => {
    await resetRateLimits();
    for (let i = 0; i < 20; i++) await signin(`ghost${i}`, 'whatever-password');
    expect((await signin('alice', 'correct horse battery')).status).toBe(429);
    await resetRateLimits();
  });
});
