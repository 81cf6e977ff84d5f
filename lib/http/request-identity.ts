import { isIP } from 'node:net';
import { CLIENT_ADDRESS_HEADER } from './client-address';

// The caller's address, as server.ts decided it from the socket and the
// trusted proxies (lib/http/client-address.ts); never a header the client
// chose. null when the request did not come through server.ts.
export const requestIp = (req: Request): string | null => {
  const a = req.headers.get(CLIENT_ADDRESS_HEADER);
  return a && isIP(a) !== 0 ? a : null;
};
