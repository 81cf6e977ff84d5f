import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime } from '@/lib/realtime/attach-realtime';
import { hardenServer, hasMalformedPath } from '@/lib/http/harden-server';
import { SECURITY_HEADERS } from '@/lib/http/security-headers';

// The wiring of server.ts on a real socket: a stand-in for Next's handler
// (404 for everything), Socket.IO attached in front of it, then hardenServer.
let server: Server;
let base = '';
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.statusCode = 404;
    res.end('not found');
  });
  attachRealtime(server, 'test');
  hardenServer(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const expectSecurityHeaders = (res: Response, what: string) => {
  for (const { key, value } of SECURITY_HEADERS) expect(res.headers.get(key), `${key} on ${what}`).toBe(value);
};

describe('hardenServer', () => {
  it('puts the security headers on a Socket.IO long-polling handshake', async () => {
    const res = await fetch(`${base}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^0\{"sid":/);
    expectSecurityHeaders(res, 'the polling handshake');
  });

  it('puts them on an engine.io error and on a 404 from the page handler', async () => {
    const bad = await fetch(`${base}/socket.io/?EIO=4&transport=bogus`);
    expect(bad.status).toBe(400);
    expectSecurityHeaders(bad, 'an engine.io 400');
    const missing = await fetch(`${base}/no/such/page`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing, 'a 404');
  });

  it('answers 400, with the headers, for a path with a malformed percent-escape, before the handler runs', async () => {
    seen.length = 0;
    for (const p of ['/api/clusters/%E0%A4%A/state', '/clusters/%E0%A4%A', '/clusters/%', '/%zz']) {
      const res = await fetch(`${base}${p}`);
      expect(res.status, p).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid', message: 'the URL path has a malformed percent-escape' });
      expectSecurityHeaders(res, p);
    }
    expect(seen).toEqual([]);
    // Query strings are not paths: URLSearchParams reads a stray % as itself.
    expect((await fetch(`${base}/api/clusters?actor=%E0%A4%A`)).status).toBe(404);
    expect(seen).toEqual(['/api/clusters?actor=%E0%A4%A']);
  });

  it.each([
    ['/clusters/lab', false],
    ['/clusters/a%20b?x=%', false],
    ['/clusters/%E0%A4%A', true],
    ['/%', true],
  ])('reads %s as malformed: %s', (url, malformed) => {
    expect(hasMalformedPath(url)).toBe(malformed);
  });
});
