import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cookieValue } from '@/lib/auth/authenticate';
import { PUBLIC_ROUTES, routeFiles } from '../support/api';

type THandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

// decodeURIComponent throws on these; the session cookie once turned that into a 500.
const MALFORMED = ['%E0%A4%A', '%', '%zz', 'abc%'];

const handlersOf = async (file: string): Promise<{ key: string; handler: THandler; method: string }[]> => {
  const route = `/${path.relative(process.cwd(), path.dirname(file)).split(path.sep).slice(1).join('/')}`;
  const mod: Record<string, unknown> = await import(file);
  return ['GET', 'POST', 'PATCH', 'DELETE'].flatMap((method) => {
    const h = mod[method];
    return typeof h === 'function' ? [{ key: `${method} ${route}`, method, handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => (h as THandler)(req, ctx) }] : [];
  });
};

describe('a session cookie with a malformed percent-escape', () => {
  it.each(MALFORMED)('reads %j as no cookie at all', (value) => {
    expect(cookieValue(`a=1; tandem_session=${value}; b=2`, 'tandem_session')).toBeNull();
    expect(cookieValue('tandem_session=ok%20value', 'tandem_session')).toBe('ok value');
  });

  it('answers 401 on every API route that needs a principal, never 500', async () => {
    const all = (await Promise.all(routeFiles().map(handlersOf))).flat().filter((h) => !PUBLIC_ROUTES.has(h.key));
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const { key, method, handler } of all) {
      for (const value of MALFORMED) {
        const req = new Request('http://127.0.0.1:3000/api/x', {
          method,
          headers: { cookie: `tandem_session=${value}`, host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', ...(method !== 'GET' && { 'content-type': 'application/json' }) },
          body: method === 'GET' ? undefined : '{}',
        });
        const res = await handler(req, { params: Promise.resolve({ name: 'lab' }) });
        expect(res.status, `${key} with tandem_session=${value}`).toBe(401);
      }
    }
  });
});
