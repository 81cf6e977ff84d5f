import * as exportRoute from '@/app/api/clusters/[name]/export/route';
import * as clusterRoute from '@/app/api/clusters/[name]/route';
import * as clustersRoute from '@/app/api/clusters/route';
import * as healthRoute from '@/app/api/health/route';

// Calls the real route handlers with real Request objects, the way Next does,
// without an HTTP server in between.
export type TApiResult = { status: number; text: string; body: unknown; headers: Headers };

type TInit = { json?: unknown; raw?: string | ReadableStream<Uint8Array>; headers?: Record<string, string> };

const params = (name: string) => ({ params: Promise.resolve({ name }) });

export const api = async (method: string, url: string, init: TInit = {}): Promise<TApiResult> => {
  const hasBody = init.json !== undefined || init.raw !== undefined;
  const req = new Request(`http://127.0.0.1${url}`, {
    method,
    headers: { ...(hasBody && { 'content-type': 'application/json' }), ...init.headers },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.raw,
    ...(init.raw instanceof ReadableStream && { duplex: 'half' }),
  });
  const m = /^\/api\/clusters\/([^/]+)(\/export)?$/.exec(url);
  let res: Response;
  if (url === '/api/health' && method === 'GET') res = await healthRoute.GET();
  else if (url === '/api/clusters' && method === 'GET') res = await clustersRoute.GET();
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
