import { z } from 'zod';

// The error body every route sends through lib/http/respond.ts.
const ZProblemSchema = z.object({ message: z.string().optional(), fields: z.record(z.string(), z.string()).optional() });

// A failure keeps its whole body too, for callers that explain a refusal by
// its extra fields (a preflight's checks, a retry-after).
export type TApiResult = { isOk: true; status: number; body: unknown } | { isOk: false; status: number | null; message: string; fields: Record<string, string>; body: unknown };

// A same-origin JSON call from a page. A failure carries the server's message
// and its per-field errors apart, for forms that show each next to its field.
export const requestApi = async (method: string, url: string, body?: unknown): Promise<TApiResult> => {
  const res = await fetch(url, { method, ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) }).catch(() => null);
  if (!res) return { isOk: false, status: null, message: 'Could not reach the Tandem server.', fields: {}, body: null };
  const answer: unknown = await res.json().catch(() => null);
  if (res.ok) return { isOk: true, status: res.status, body: answer };
  const problem = ZProblemSchema.safeParse(answer);
  const { message, fields } = problem.success ? problem.data : {};
  return { isOk: false, status: res.status, message: message ?? `The server answered ${res.status}.`, fields: fields ?? {}, body: answer };
};

// The same call for forms without per-field display: null on success, else one
// message fit to show (the server's own message when it sent one).
export const callApi = async (method: string, url: string, body?: unknown): Promise<string | null> => {
  const r = await requestApi(method, url, body);
  if (r.isOk) return null;
  const fields = Object.entries(r.fields).map(([k, v]) => `${k} ${v}`).join('; ');
  return [r.message, fields].filter(Boolean).join(': ');
};
