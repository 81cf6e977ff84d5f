import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TRole } from '@/lib/auth/roles';
import { AREAS } from '@/lib/openapi/areas';
import { buildDocument } from '@/lib/openapi/build-document';
import { HTTP_METHODS, type TOperation } from '@/lib/openapi/operation';
import * as openapiRoute from '@/app/api/openapi.json/route';
import { authHeaders, PUBLIC_ROUTES } from '../support/api';

type THandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

// Routes that need no description, each with its reason. Every other
// app/**/route.ts handler must be described in lib/openapi/paths/.
const UNDESCRIBED: Record<string, string> = {};

// Every route file under app/ (not only app/api: /metrics is a route too).
const routeFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? routeFiles(p) : f === 'route.ts' ? [p] : [];
  });

// app/api/clusters/[name]/route.ts → /api/clusters/{name}; (groups) leave no segment.
const urlPathOf = (file: string): string =>
  `/${path
    .relative(path.join(process.cwd(), 'app'), path.dirname(file))
    .split(path.sep)
    .filter((s) => s !== '' && !/^\(.+\)$/.test(s))
    .map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, '{$1}'))
    .join('/')}`;

const handlers = async (): Promise<Map<string, THandler>> => {
  const found = new Map<string, THandler>();
  for (const file of routeFiles(path.join(process.cwd(), 'app'))) {
    const mod: Record<string, unknown> = await import(file);
    for (const method of HTTP_METHODS) {
      const h = mod[method];
      if (typeof h === 'function') found.set(`${method} ${urlPathOf(file)}`, (req, ctx) => h(req, ctx));
    }
  }
  return found;
};

const operations = AREAS.flatMap((a) => a.operations);
const keyOf = (op: TOperation) => `${op.method} ${op.path}`;

describe('the OpenAPI description', () => {
  it('describes every route handler under app/, and nothing that is not one', async () => {
    const routes = [...(await handlers()).keys()];
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const described = new Set(operations.map(keyOf));
    expect(routes.filter((r) => !described.has(r) && !(r in UNDESCRIBED)).map((r) => `${r} has no description in lib/openapi/paths/`)).toEqual([]);
    expect([...described].filter((d) => !routes.includes(d)).map((d) => `${d} is described but no route file exports it`)).toEqual([]);
    expect(Object.keys(UNDESCRIBED).filter((r) => !routes.includes(r))).toEqual([]);
  });

  // The declared role is what the handler enforces: the role below it is
  // refused (403) and the role itself is let through (whatever the answer
  // then: 400 for an empty body, 404 for a missing cluster…).
  it('states the credentials each route really needs', async () => {
    const all = await handlers();
    const below: Record<TRole, TRole | null> = { viewer: null, operator: 'viewer', admin: 'operator' };
    const call = async (op: TOperation, as: TRole | 'nobody') => {
      const handler = all.get(keyOf(op));
      if (!handler) throw new Error(`no handler for ${keyOf(op)}`);
      const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
      const req = new Request(`http://127.0.0.1:3000${op.path.replace(/\{[^}]+\}/g, 'lab')}`, {
        method: op.method,
        headers: { ...(await authHeaders(as)), ...(hasBody && { 'content-type': 'application/json' }) },
        body: hasBody ? '{}' : undefined,
      });
      return (await handler(req, { params: Promise.resolve({ name: 'lab', node: 'node1', id: 'no-such-run' }) })).status;
    };
    // Public in the description exactly where the auth walks expect it.
    expect(new Set(operations.filter((op) => op.auth.kind === 'public').map(keyOf))).toEqual(PUBLIC_ROUTES);
    const wrong: string[] = [];
    for (const op of operations) {
      const expect403 = (as: TRole, status: number) => status !== 403 && wrong.push(`${keyOf(op)} as ${as}: ${status}, expected 403`);
      const expectThrough = (as: TRole | 'nobody', status: number) => (status === 401 || status === 403) && wrong.push(`${keyOf(op)} as ${as}: ${status}, expected to pass the guard`);
      switch (op.auth.kind) {
        case 'public':
          expectThrough('nobody', await call(op, 'nobody'));
          break;
        case 'session':
          expect403('admin', await call(op, 'admin'));
          break;
        case 'role': {
          const lower = below[op.auth.role];
          if (lower) expect403(lower, await call(op, lower));
          expectThrough(op.auth.role, await call(op, op.auth.role));
          break;
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('is served at /api/openapi.json without credentials', async () => {
    const res = await openapiRoute.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(buildDocument())));
  });
});
