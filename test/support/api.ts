import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { getDb } from '@/lib/db/client';
import { createToken } from '@/lib/tokens/create-token';
import type { TRole } from '@/lib/auth/roles';
import * as exportRoute from '@/app/api/clusters/[name]/export/route';
import * as clusterRoute from '@/app/api/clusters/[name]/route';
import * as clustersRoute from '@/app/api/clusters/route';
import * as healthRoute from '@/app/api/health/route';

// Calls the real route handlers with real Request objects, the way Next does,
// without an HTTP server in between. Unless told otherwise it authenticates
// as an admin API token created for the test file.
export type TApiResult = { status: number; text: string; body: unknown; headers: Headers };

type TInit = { json?: unknown; raw?: string | ReadableStream<Uint8Array>; headers?: Record<string, string>; as?: TRole | 'nobody' };

const params = (name: string) => ({ params: Promise.resolve({ name }) });

const tokens = new Map<string, string>();
export const tokenFor = async (role: TRole): Promise<string> => {
  const cached = tokens.get(role);
  if (cached) return cached;
  const { token } = await createToken({ db: await getDb(), name: `test-${role}-${Math.random().toString(36).slice(2, 8)}`, role, createdBy: 'test' });
  tokens.set(role, token);
  return token;
};
export const forgetTokens = (): void => tokens.clear();

export const authHeaders = async (as: TRole | 'nobody' = 'admin'): Promise<Record<string, string>> =>
  as === 'nobody' ? {} : { authorization: `Bearer ${await tokenFor(as)}` };

export const api = async (method: string, url: string, init: TInit = {}): Promise<TApiResult> => {
  const hasBody = init.json !== undefined || init.raw !== undefined;
  const req = new Request(`http://127.0.0.1${url}`, {
    method,
    headers: { ...(hasBody && { 'content-type': 'application/json' }), ...(await authHeaders(init.as)), ...init.headers },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.raw,
    ...(init.raw instanceof ReadableStream && { duplex: 'half' }),
  });
  const m = /^\/api\/clusters\/([^/]+)(\/export)?$/.exec(url);
  let res: Response;
  if (url === '/api/health' && method === 'GET') res = await healthRoute.GET();
  else if (url === '/api/clusters' && method === 'GET') res = await clustersRoute.GET(req);
  else if (url === '/api/clusters' && method === 'POST') res = await clustersRoute.POST(req);
  else if (m?.[1] && m[2] && method === 'GET') res = await exportRoute.GET(req, params(decodeURIComponent(m[1])));
  else if (m?.[1] && method === 'GET') res = await clusterRoute.GET(req, params(decodeURIComponent(m[1])));
  else if (m?.[1] && method === 'PATCH') res = await clusterRoute.PATCH(req, params(decodeURIComponent(m[1])));
  else if (m?.[1] && method === 'DELETE') res = await clusterRoute.DELETE(req, params(decodeURIComponent(m[1])));
  else throw new Error(`no route for ${method} ${url}`);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, text, body, headers: res.headers };
};

// The routes that answer without credentials, for every walk that proves
// the others refuse: health (load balancers), sign-in, and the OpenAPI
// description (the document committed as docs/openapi.json: nothing in it is
// secret, and tools fetch it without credentials).
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['GET /api/health', 'POST /api/auth/signin', 'GET /api/openapi.json']);

// Every route file under app/ (the API and /metrics), so a new route cannot
// escape the auth walk.
export const routeFiles = (dir = path.join(process.cwd(), 'app')): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? routeFiles(p) : f === 'route.ts' ? [p] : [];
  });
