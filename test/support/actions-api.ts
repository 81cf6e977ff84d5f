import * as abortRoute from '@/app/api/actions/[id]/abort/route';
import * as ackRoute from '@/app/api/actions/[id]/acknowledge/route';
import * as reportRoute from '@/app/api/actions/[id]/report/route';
import * as restoreRoute from '@/app/api/actions/[id]/restore/route';
import * as actionRoute from '@/app/api/actions/[id]/route';
import * as actionsRoute from '@/app/api/clusters/[name]/actions/route';
import type { TRunView } from '@/lib/actions/run-view';
import { watchForeignRuns } from '@/lib/actions/watch-runs';
import { getDb } from '@/lib/db/client';
import type { TRole } from '@/lib/auth/roles';
import { authHeaders } from './api';

// The action routes called the way Next calls them, as a given role.
export type TActionResult = { status: number; body: Record<string, unknown>; headers: Headers };

const call = async (res: Response): Promise<TActionResult> => ({ status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers });

const request = async (method: string, url: string, as: TRole, json?: unknown) =>
  new Request(`http://127.0.0.1${url}`, { method, headers: { ...(json !== undefined && { 'content-type': 'application/json' }), ...(await authHeaders(as)) }, body: json === undefined ? undefined : JSON.stringify(json) });

export const postAction = async (cluster: string, json: unknown, as: TRole = 'admin') =>
  call(await actionsRoute.POST(await request('POST', `/api/clusters/${cluster}/actions`, as, json), { params: Promise.resolve({ name: cluster }) }));

export const listRuns = async (cluster: string, as: TRole = 'viewer', query = '') =>
  call(await actionsRoute.GET(await request('GET', `/api/clusters/${cluster}/actions?limit=20${query}`, as), { params: Promise.resolve({ name: cluster }) }));

export const getRun = async (id: string, as: TRole = 'viewer'): Promise<TRunView> => {
  const r = await call(await actionRoute.GET(await request('GET', `/api/actions/${id}`, as), { params: Promise.resolve({ id }) }));
  if (r.status !== 200) throw new Error(`GET /api/actions/${id}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as unknown as TRunView;
};

export const abortRun = async (id: string, as: TRole = 'operator') => call(await abortRoute.POST(await request('POST', `/api/actions/${id}/abort`, as), { params: Promise.resolve({ id }) }));
export const restoreRun = async (id: string, as: TRole = 'operator') => call(await restoreRoute.POST(await request('POST', `/api/actions/${id}/restore`, as), { params: Promise.resolve({ id }) }));
export const getReport = async (id: string, as: TRole = 'viewer') => call(await reportRoute.GET(await request('GET', `/api/actions/${id}/report`, as), { params: Promise.resolve({ id }) }));
export const ackRun = async (id: string, as: TRole = 'operator') => call(await ackRoute.POST(await request('POST', `/api/actions/${id}/acknowledge`, as), { params: Promise.resolve({ id }) }));

// Waits for a run to leave "running" (bounded: a hang fails the test).
export const waitForEnd = async (id: string, timeoutMs = 60_000): Promise<TRunView> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(id);
    if (run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still running after ${timeoutMs} ms: ${run.steps.map((s) => `${s.key}:${s.status}`).join(' ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

export const waitForStep = async (id: string, key: string, status: string, timeoutMs = 30_000): Promise<TRunView> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(id);
    if (run.steps.some((s) => s.key === key && s.status === status)) return run;
    if (run.status !== 'running' || Date.now() > deadline) throw new Error(`step ${key} never reached ${status}: ${run.status} ${run.steps.map((s) => `${s.key}:${s.status}`).join(' ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

// With the server's watcher running, as in server.ts: the run of a process
// that died is marked interrupted within seconds. Returns the run then.
export const waitInterrupted = async (id: string, timeoutMs = 15_000): Promise<TRunView> => {
  const stop = watchForeignRuns(await getDb());
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await getRun(id);
      if (run.status === 'interrupted') return run;
      if (Date.now() > deadline) throw new Error(`run ${id} is ${run.status}, not interrupted, after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    stop();
  }
};
