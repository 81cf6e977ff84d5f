import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as passwordRoute from '@/app/api/auth/password/route';
import * as signinRoute from '@/app/api/auth/signin/route';
import * as signoutEverywhereRoute from '@/app/api/auth/signout-everywhere/route';
import * as signoutRoute from '@/app/api/auth/signout/route';
import * as clustersRoute from '@/app/api/clusters/route';
import * as tokenRoute from '@/app/api/tokens/[name]/route';
import * as tokensRoute from '@/app/api/tokens/route';
import * as userPasswordRoute from '@/app/api/users/[name]/password/route';
import * as userRoute from '@/app/api/users/[name]/route';
import * as userSessionsRoute from '@/app/api/users/[name]/sessions/route';
import * as usersRoute from '@/app/api/users/route';
import { resetRateLimits } from '@/lib/auth/rate-limit';
import { sessionIdOf } from '@/lib/auth/sessions';
import { listAudit } from '@/lib/audit/list-audit';
import { getDb } from '@/lib/db/client';
import { getEnv, resetEnvCache } from '@/lib/env';
import { verifyToken } from '@/lib/tokens/verify-token';
import { createUser } from '@/lib/users/create-user';
import { authHeaders } from '../support/api';

const ORIGIN = 'http://127.0.0.1:3000';
const PW = { root: 'root password long', bob: 'bob password long', bob2: 'bob new password!!' };
const DAY = 86_400_000;

type TInit = { cookie?: string; as?: 'admin' | 'viewer'; json?: unknown };
const request = async (method: string, path: string, init: TInit = {}) =>
  new Request(`${ORIGIN}${path}`, {
    method,
    headers: {
      host: '127.0.0.1:3000',
      origin: ORIGIN,
      ...(init.json !== undefined && { 'content-type': 'application/json' }),
      ...(init.cookie ? { cookie: init.cookie } : init.as ? await authHeaders(init.as) : {}),
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
const params = (name: string) => ({ params: Promise.resolve({ name }) });

const signin = (name: string, password: string) => signinRoute.POST(new Request(`${ORIGIN}/api/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tandem-client-address': '198.51.100.20' }, body: JSON.stringify({ name, password }) }));
const cookieOf = async (name: string, password: string): Promise<string> => {
  const res = await signin(name, password);
  expect(res.status, `sign-in of ${name}`).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
};
const works = async (cookie: string) => (await clustersRoute.GET(await request('GET', '/api/clusters', { cookie }))).status === 200;
const lastAudit = async (action: string) => (await listAudit({ db: await getDb(), action, limit: 1 }))[0];
const sessionsOf = async (name: string) => (await getDb()).session.count({ where: { user: { name } } });

beforeAll(async () => {
  const db = await getDb();
  await createUser({ db, name: 'root', role: 'admin', password: PW.root });
  await createUser({ db, name: 'bob', role: 'viewer', password: PW.bob });
});
// Each test counts the sessions it opens.
beforeEach(async () => {
  await resetRateLimits();
  await (await getDb()).session.deleteMany({});
});

describe('disabling and enabling a user', () => {
  it("stops the user's existing session at once, refuses sign-in exactly as a wrong password, and audits both", async () => {
    const cookie = await cookieOf('bob', PW.bob);
    expect(await works(cookie)).toBe(true);
    const res = await userRoute.PATCH(await request('PATCH', '/api/users/bob', { as: 'admin', json: { disabled: true } }), params('bob'));
    expect(res.status).toBe(200);
    expect(await works(cookie)).toBe(false);
    expect(await sessionsOf('bob')).toBe(0);
    expect(await lastAudit('user.disable')).toMatchObject({ actor: expect.stringMatching(/^token:test-admin-/), target: 'bob', result: 'ok', detail: '{"sessions":1}' });

    const refused = await signin('bob', PW.bob);
    const wrong = await signin('bob', 'not the password at all');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual(await wrong.json());
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect((await listAudit({ db: await getDb(), action: 'auth.signin', actor: 'user:bob', limit: 2 })).map((r) => [r.result, r.detail])).toEqual([
      ['failed', '{"reason":"wrong-password","count":1}'],
      ['failed', '{"reason":"disabled","count":1}'],
    ]);

    await resetRateLimits();
    expect((await userRoute.PATCH(await request('PATCH', '/api/users/bob', { as: 'admin', json: { disabled: false } }), params('bob'))).status).toBe(200);
    expect(await lastAudit('user.enable')).toMatchObject({ target: 'bob', result: 'ok' });
    expect(await works(await cookieOf('bob', PW.bob))).toBe(true);
  });

  it('a session of a user disabled behind its back (directly in the database) stops too', async () => {
    const cookie = await cookieOf('bob', PW.bob);
    const db = await getDb();
    await db.user.update({ where: { name: 'bob' }, data: { disabledAt: new Date() } });
    expect(await works(cookie)).toBe(false);
    await db.user.update({ where: { name: 'bob' }, data: { disabledAt: null } });
    expect(await works(cookie)).toBe(true);
  });

  it('validates the body and the name before touching anything', async () => {
    const patch = async (name: string, json: unknown) => userRoute.PATCH(await request('PATCH', `/api/users/${encodeURIComponent(name)}`, { as: 'admin', json }), params(name));
    expect((await patch('bob', {})).status).toBe(400);
    expect((await patch('bob', { disabled: 'yes' })).status).toBe(400);
    expect((await patch('bob', { disabled: true, extra: 1 })).status).toBe(400);
    // Two changes in one request could half-apply (the role changed, the disable refused).
    expect((await patch('bob', { disabled: true, role: 'admin' })).status).toBe(400);
    expect(await (await getDb()).user.findUniqueOrThrow({ where: { name: 'bob' } })).toMatchObject({ role: 'viewer', disabledAt: null });
    // PAD SPACE: "root " must not reach a query where MySQL would match it to root.
    for (const name of ['root ', 'ROOT', 'nobody', '']) {
      const res = await patch(name, { disabled: true });
      expect(res.status, JSON.stringify(name)).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    }
    expect((await userRoute.DELETE(await request('DELETE', '/api/users/root%20', { as: 'admin' }), params('root '))).status).toBe(404);
    expect((await userPasswordRoute.POST(await request('POST', '/api/users/root%20/password', { as: 'admin', json: { password: 'a long new password' } }), params('root '))).status).toBe(404);
    expect((await userSessionsRoute.DELETE(await request('DELETE', '/api/users/root%20/sessions', { as: 'admin' }), params('root '))).status).toBe(404);
    expect((await (await getDb()).user.findUniqueOrThrow({ where: { name: 'root' } })).disabledAt).toBeNull();
  });
});

describe('the last enabled admin', () => {
  it('cannot be disabled, removed or demoted (409, audited as denied), but can once another admin exists', async () => {
    const disable = await userRoute.PATCH(await request('PATCH', '/api/users/root', { as: 'admin', json: { disabled: true } }), params('root'));
    expect(disable.status).toBe(409);
    expect(await disable.json()).toMatchObject({ error: 'conflict', message: 'cannot disable the last enabled admin; make another user admin first' });
    expect((await userRoute.DELETE(await request('DELETE', '/api/users/root', { as: 'admin' }), params('root'))).status).toBe(409);
    const demote = await userRoute.PATCH(await request('PATCH', '/api/users/root', { as: 'admin', json: { role: 'operator' } }), params('root'));
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ message: expect.stringMatching(/cannot demote the last enabled admin/) });
    expect(await lastAudit('user.remove')).toMatchObject({ target: 'root', result: 'denied', detail: '{"reason":"conflict"}' });
    expect(await lastAudit('user.role')).toMatchObject({ target: 'root', result: 'denied' });

    // A disabled admin does not count.
    const db = await getDb();
    await createUser({ db, name: 'spare', role: 'admin', password: 'spare password long' });
    await db.user.update({ where: { name: 'spare' }, data: { disabledAt: new Date() } });
    expect((await userRoute.PATCH(await request('PATCH', '/api/users/root', { as: 'admin', json: { disabled: true } }), params('root'))).status).toBe(409);
    expect((await userRoute.PATCH(await request('PATCH', '/api/users/spare', { as: 'admin', json: { disabled: false } }), params('spare'))).status).toBe(200);
    expect((await userRoute.PATCH(await request('PATCH', '/api/users/root', { as: 'admin', json: { role: 'operator' } }), params('root'))).status).toBe(200);
    expect(await lastAudit('user.role')).toMatchObject({ target: 'root', result: 'ok', detail: '{"from":"admin","to":"operator"}' });
    expect((await userRoute.DELETE(await request('DELETE', '/api/users/spare', { as: 'admin' }), params('spare'))).status).toBe(409);
    expect((await userRoute.PATCH(await request('PATCH', '/api/users/root', { as: 'admin', json: { role: 'admin' } }), params('root'))).status).toBe(200);
    expect((await userRoute.DELETE(await request('DELETE', '/api/users/spare', { as: 'admin' }), params('spare'))).status).toBe(204);
    expect(await lastAudit('user.remove')).toMatchObject({ target: 'spare', result: 'ok' });
  });
});

describe('creating, listing and removing users', () => {
  it('never returns a password hash, counts active sessions, and removing ends the sessions', async () => {
    const created = await usersRoute.POST(await request('POST', '/api/users', { as: 'admin', json: { name: 'carol', role: 'operator', password: 'carol password long' } }));
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ user: { name: 'carol', role: 'operator', createdAt: expect.any(String) } });
    expect(await lastAudit('user.create')).toMatchObject({ target: 'carol', result: 'ok' });
    expect((await usersRoute.POST(await request('POST', '/api/users', { as: 'admin', json: { name: 'dave', role: 'operator', password: 'short' } }))).status).toBe(400);
    const cookie = await cookieOf('carol', 'carol password long');

    const list = await usersRoute.GET(await request('GET', '/api/users', { as: 'admin' }));
    const text = await list.text();
    expect(text).not.toMatch(/scrypt|passwordHash/);
    expect((JSON.parse(text) as { users: unknown[] }).users).toContainEqual({ name: 'carol', role: 'operator', createdAt: expect.any(String), disabledAt: null, activeSessions: 1 });
    expect((await usersRoute.GET(await request('GET', '/api/users', { as: 'viewer' }))).status).toBe(403);

    expect((await userRoute.DELETE(await request('DELETE', '/api/users/carol', { as: 'admin' }), params('carol'))).status).toBe(204);
    expect(await works(cookie)).toBe(false);
    expect(await lastAudit('user.remove')).toMatchObject({ target: 'carol', result: 'ok', detail: '{"sessions":1}' });
    expect((await userRoute.DELETE(await request('DELETE', '/api/users/carol', { as: 'admin' }), params('carol'))).status).toBe(404);
    expect(await lastAudit('user.remove')).toMatchObject({ target: 'carol', result: 'failed', detail: '{"reason":"not_found"}' });
  });
});

describe('passwords', () => {
  it("an admin's reset ends the user's sessions; the old password stops working", async () => {
    const cookie = await cookieOf('bob', PW.bob);
    const reset = async (password: string) => userPasswordRoute.POST(await request('POST', '/api/users/bob/password', { as: 'admin', json: { password } }), params('bob'));
    const short = await reset('short');
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ fields: { password: 'must be at least 12 characters' } });
    expect(await works(cookie)).toBe(true);
    expect((await reset(PW.bob2)).status).toBe(200);
    expect(await works(cookie)).toBe(false);
    expect(await lastAudit('user.password-reset')).toMatchObject({ target: 'bob', result: 'ok', detail: '{"sessions":1}' });
    expect((await signin('bob', PW.bob)).status).toBe(401);
    expect(await works(await cookieOf('bob', PW.bob2))).toBe(true);
    expect(JSON.stringify(await listAudit({ db: await getDb() }))).not.toContain(PW.bob2);
  });

  it("a user's own change needs the current password, keeps this session and ends the others", async () => {
    const here = await cookieOf('bob', PW.bob2);
    const elsewhere = await cookieOf('bob', PW.bob2);
    const change = async (json: unknown, cookie = here) => passwordRoute.POST(await request('POST', '/api/auth/password', { cookie, json }));

    const wrong = await change({ currentPassword: 'not my password!', newPassword: PW.bob });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ fields: { currentPassword: 'is wrong' } });
    expect(await lastAudit('user.password-change')).toMatchObject({ actor: 'user:bob', target: 'bob', result: 'denied' });
    expect((await change({ currentPassword: PW.bob2, newPassword: 'short' })).status).toBe(400);
    expect((await change({ currentPassword: PW.bob2 })).status).toBe(400);
    expect(await works(elsewhere)).toBe(true);

    expect((await change({ currentPassword: PW.bob2, newPassword: PW.bob })).status).toBe(200);
    expect(await works(here)).toBe(true);
    expect(await works(elsewhere)).toBe(false);
    expect(await lastAudit('user.password-change')).toMatchObject({ actor: 'user:bob', target: 'bob', result: 'ok', detail: '{"sessions":1}' });
    expect((await signin('bob', PW.bob2)).status).toBe(401);
    expect(await works(await cookieOf('bob', PW.bob))).toBe(true);

    // An API token has no password of its own.
    expect((await passwordRoute.POST(await request('POST', '/api/auth/password', { as: 'viewer', json: { currentPassword: 'x', newPassword: 'y' } }))).status).toBe(403);
  });

  it('wrong current passwords count against the sign-in rate limit', async () => {
    const cookie = await cookieOf('bob', PW.bob);
    for (let i = 0; i < 5; i++) expect((await passwordRoute.POST(await request('POST', '/api/auth/password', { cookie, json: { currentPassword: `guess number ${i}`, newPassword: PW.bob2 } }))).status).toBe(400);
    const blocked = await passwordRoute.POST(await request('POST', '/api/auth/password', { cookie, json: { currentPassword: PW.bob, newPassword: PW.bob2 } }));
    expect(blocked.status).toBe(429);
  });
});

describe('ending sessions', () => {
  it('an admin ends all of a user’s sessions; the account keeps working', async () => {
    const a = await cookieOf('bob', PW.bob);
    const b = await cookieOf('bob', PW.bob);
    const res = await userSessionsRoute.DELETE(await request('DELETE', '/api/users/bob/sessions', { as: 'admin' }), params('bob'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ended: 2 });
    expect([await works(a), await works(b)]).toEqual([false, false]);
    expect(await lastAudit('user.end-sessions')).toMatchObject({ target: 'bob', result: 'ok' });
    expect(await works(await cookieOf('bob', PW.bob))).toBe(true);
  });

  it('sign out everywhere ends every session of the caller and clears the cookie; sign-out ends one', async () => {
    const a = await cookieOf('bob', PW.bob);
    const b = await cookieOf('bob', PW.bob);
    const c = await cookieOf('bob', PW.bob);
    const out = await signoutRoute.POST(await request('POST', '/api/auth/signout', { cookie: c }));
    expect(out.status).toBe(200);
    expect([await works(a), await works(b), await works(c)]).toEqual([true, true, false]);
    const res = await signoutEverywhereRoute.POST(await request('POST', '/api/auth/signout-everywhere', { cookie: a }));
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^tandem_session=;/);
    expect([await works(a), await works(b)]).toEqual([false, false]);
    expect(await sessionsOf('bob')).toBe(0);
    expect(await lastAudit('auth.signout-everywhere')).toMatchObject({ actor: 'user:bob', target: 'bob', result: 'ok', detail: '{"sessions":2}' });
  });
});

describe('the absolute session lifetime', () => {
  it('defaults to 7 days, accepts 1–365 and refuses anything else', () => {
    expect(getEnv().TANDEM_SESSION_MAX_AGE_DAYS).toBe(7);
    for (const bad of ['0', '366', 'week']) {
      process.env.TANDEM_SESSION_MAX_AGE_DAYS = bad;
      resetEnvCache();
      expect(() => getEnv()).toThrow(/TANDEM_SESSION_MAX_AGE_DAYS/);
    }
    delete process.env.TANDEM_SESSION_MAX_AGE_DAYS;
    resetEnvCache();
  });

  it('refuses a session older than the lifetime even if it was just used, and never slides past it', async () => {
    const res = await signin('bob', PW.bob);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '');
    expect(Math.abs(expires - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
    const token = (res.headers.get('set-cookie') ?? '').split(';')[0]?.split('=')[1] ?? '';
    const cookie = `tandem_session=${token}`;
    const db = await getDb();
    const id = sessionIdOf(token);

    // 30 minutes left of the 7 days, last seen 2 minutes ago: the touch may
    // extend the sliding expiry only to the absolute end.
    const createdAt = new Date(Date.now() - 7 * DAY + 30 * 60_000);
    await db.session.update({ where: { id }, data: { createdAt, lastSeenAt: new Date(Date.now() - 120_000) } });
    expect(await works(cookie)).toBe(true);
    const touched = await db.session.findUniqueOrThrow({ where: { id } });
    expect(touched.expiresAt.getTime()).toBe(createdAt.getTime() + 7 * DAY);

    await db.session.update({ where: { id }, data: { createdAt: new Date(Date.now() - 7 * DAY - 1000), lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) } });
    expect(await works(cookie)).toBe(false);
    const listed = (await (await usersRoute.GET(await request('GET', '/api/users', { as: 'admin' }))).json()) as { users: { name: string; activeSessions: number }[] };
    expect(listed.users.find((u) => u.name === 'bob')?.activeSessions).toBe(0);
  });
});

describe('API tokens over the API', () => {
  it('are created with an optional expiry, listed without secrets, refused once expired, and revoked', async () => {
    const create = async (json: unknown) => tokensRoute.POST(await request('POST', '/api/tokens', { as: 'admin', json }));
    expect((await create({ name: 'x', role: 'viewer', expiresInDays: 0 })).status).toBe(400);
    expect((await create({ name: 'x', role: 'viewer', expiresInDays: 3651 })).status).toBe(400);
    expect((await create({ name: 'x', role: 'viewer', expiresInDays: 1.5 })).status).toBe(400);
    expect((await create({ name: 'bad name', role: 'viewer' })).status).toBe(400);
    const res = await create({ name: 'nightly', role: 'viewer', expiresInDays: 30 });
    expect(res.status).toBe(201);
    const { token } = ((await res.json()) as { token: { token: string; expiresAt: string } });
    expect(Math.abs(Date.parse(token.expiresAt) - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    expect(await lastAudit('token.create')).toMatchObject({ target: 'nightly', result: 'ok' });
    const forever = await create({ name: 'forever', role: 'viewer' });
    expect(((await forever.json()) as { token: { expiresAt: null } }).token.expiresAt).toBeNull();

    const listText = await (await tokensRoute.GET(await request('GET', '/api/tokens', { as: 'admin' }))).text();
    expect(listText).not.toContain(token.token);
    expect(listText).not.toMatch(/tokenHash/);
    expect((JSON.parse(listText) as { tokens: { name: string; expiresAt: string | null }[] }).tokens.find((t) => t.name === 'nightly')?.expiresAt).toBe(token.expiresAt);
    expect((await tokensRoute.GET(await request('GET', '/api/tokens', { as: 'viewer' }))).status).toBe(403);

    const db = await getDb();
    expect(await verifyToken({ db, token: token.token })).toEqual({ name: 'nightly', role: 'viewer' });
    await db.apiToken.update({ where: { name: 'nightly' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyToken({ db, token: token.token })).toBeNull();
    const expired = await clustersRoute.GET(new Request(`${ORIGIN}/api/clusters`, { headers: { authorization: `Bearer ${token.token}` } }));
    expect(expired.status).toBe(401);

    const revoke = async (name: string) => tokenRoute.DELETE(await request('DELETE', `/api/tokens/${encodeURIComponent(name)}`, { as: 'admin' }), params(name));
    expect((await revoke('forever ')).status).toBe(404);
    expect((await revoke('forever')).status).toBe(204);
    expect(await lastAudit('token.revoke')).toMatchObject({ target: 'forever', result: 'ok' });
    expect((await revoke('forever')).status).toBe(404);
  });
});

describe('live connections', () => {
  it('end when their user is disabled, their session ends or their token is revoked', async () => {
    // A stand-in for the Socket.IO server: sockets carrying the credential the
    // handshake records, and a note of which were disconnected.
    const ended: string[] = [];
    const socket = (id: string, credential: Record<string, string>) => [id, { data: { credential }, disconnect: () => void ended.push(id) }] as const;
    const token = await tokensRoute.POST(await request('POST', '/api/tokens', { as: 'admin', json: { name: 'watcher', role: 'viewer' } }));
    expect(token.status).toBe(201);
    const cookie = await cookieOf('bob', PW.bob);
    const sessionId = sessionIdOf(cookie.split('=')[1] ?? '');
    const sockets = new Map([socket('bob-1', { kind: 'user', name: 'bob', sessionId }), socket('watcher', { kind: 'token', name: 'watcher' }), socket('root-1', { kind: 'user', name: 'root', sessionId: 'x' })]);
    Reflect.set(globalThis, '__tandemIo', { sockets: { sockets } });
    try {
      expect((await signoutRoute.POST(await request('POST', '/api/auth/signout', { cookie }))).status).toBe(200);
      expect(ended).toEqual(['bob-1']);
      expect((await userSessionsRoute.DELETE(await request('DELETE', '/api/users/bob/sessions', { as: 'admin' }), params('bob'))).status).toBe(200);
      expect((await userRoute.PATCH(await request('PATCH', '/api/users/bob', { as: 'admin', json: { disabled: true } }), params('bob'))).status).toBe(200);
      expect(ended).toEqual(['bob-1', 'bob-1', 'bob-1']);
      expect((await tokenRoute.DELETE(await request('DELETE', '/api/tokens/watcher', { as: 'admin' }), params('watcher'))).status).toBe(204);
      expect(ended).toEqual(['bob-1', 'bob-1', 'bob-1', 'watcher']);
    } finally {
      Reflect.deleteProperty(globalThis, '__tandemIo');
      await (await getDb()).user.update({ where: { name: 'bob' }, data: { disabledAt: null } });
    }
  });
});
