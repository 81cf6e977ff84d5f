import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setSecurityHeaders } from '@/lib/http/security-headers';

// Next answers a path with a malformed percent-escape (/clusters/%E0%A4%A)
// with a bare 500 from deep in its router; such a path names nothing, so it is
// a 400 here, before Next or engine.io sees it.
export const hasMalformedPath = (url: string | undefined): boolean => {
  const pathname = (url ?? '/').split('?')[0] ?? '/';
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
};

const refuseMalformedPath = (res: ServerResponse): void => {
  res.statusCode = 400;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ error: 'invalid', message: 'the URL path has a malformed percent-escape' }));
};

// Wraps every 'request' listener the server has now (Next's handler and the
// one Socket.IO installed in front of it), so call it after attachRealtime.
// Socket.IO does the same to put itself first.
export const hardenServer = (server: Server): void => {
  const listeners = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    if (hasMalformedPath(req.url)) return refuseMalformedPath(res);
    for (const listener of listeners) listener.call(server, req, res);
  });
};
