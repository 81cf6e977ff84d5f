import type { TPromFamily, TPromSample } from 'parse-prometheus-text-format';
import * as metricsRoute from '@/app/metrics/route';
import { authHeaders } from './api';
import { parseExposition, parseSeries } from './exposition';

export type TScrape = { status: number; contentType: string | null; text: string; families: Map<string, TPromFamily>; series: Map<string, TPromSample[]> };

// GET /metrics through the real route handler, as a viewer's token by default.
export const scrape = async (as: 'viewer' | 'nobody' = 'viewer'): Promise<TScrape> => {
  const res = await metricsRoute.GET(new Request('http://127.0.0.1:3000/metrics', { headers: await authHeaders(as) }));
  const text = await res.text();
  const ok = res.status === 200;
  return { status: res.status, contentType: res.headers.get('content-type'), text, families: ok ? parseExposition(text) : new Map(), series: ok ? parseSeries(text) : new Map() };
};
