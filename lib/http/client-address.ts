import { BlockList, isIP } from 'node:net';

// The header server.ts sets on every request it hands to Next: the client's
// address as Tandem decided it. Any value a client sends under this name is
// removed first, so route handlers can trust it.
export const CLIENT_ADDRESS_HEADER = 'x-tandem-client-address';

// An address in one spelling: IPv4-mapped IPv6 (how a dual-stack socket
// reports IPv4 peers) becomes IPv4, IPv6 is lowercased and compressed. Anything
// that is not an address is null, so nothing else is ever stored or compared.
export const normalizeAddress = (raw: string | null | undefined): string | null => {
  if (!raw) return null;
  let a = raw.trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind !== 6) return null;
  const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped?.[1] && isIP(mapped[1]) === 4) return mapped[1];
  // URL's host parser prints the canonical (RFC 5952) form.
  return new URL(`http://[${a}]/`).hostname.slice(1, -1);
};

export type TTrustedProxies = BlockList;

// Parses TANDEM_TRUSTED_PROXIES entries ("10.0.0.0/8", "::1", "192.0.2.7").
export const parseTrustedProxies = (entries: string[]): { list: TTrustedProxies; invalid: string[] } => {
  const list = new BlockList();
  const invalid: string[] = [];
  for (const entry of entries) {
    const [addr, prefix] = entry.split('/');
    const a = normalizeAddress(addr);
    const type = a && isIP(a) === 6 ? 'ipv6' : 'ipv4';
    const bits = prefix === undefined ? (type === 'ipv6' ? 128 : 32) : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!a || !Number.isInteger(bits) || bits > (type === 'ipv6' ? 128 : 32)) {
      invalid.push(entry);
      continue;
    }
    list.addSubnet(a, bits, type);
  }
  return { list, invalid };
};

const isTrusted = (list: TTrustedProxies, a: string): boolean => list.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4');

// Who sent a request. Without trusted proxies: the socket's peer, and
// forwarded headers are ignored (anyone can write them). With them: when the
// peer is a trusted proxy, X-Forwarded-For is read from the right (each proxy
// appends the address it saw), skipping trusted hops; the first untrusted hop
// is the client. A hop that is not an address ends the walk at the last
// trusted one: what lies left of it is the client's own claim.
export const clientAddress = (input: { peer: string | null | undefined; forwardedFor?: string | null; realIp?: string | null }, trusted: TTrustedProxies | null): string | null => {
  const peer = normalizeAddress(input.peer);
  if (!peer || !trusted || !isTrusted(trusted, peer)) return peer;
  const hops = (input.forwardedFor ?? '').split(',').map((h) => h.trim()).filter((h) => h !== '');
  if (hops.length === 0) return normalizeAddress(input.realIp) ?? peer;
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) return nearest;
    if (!isTrusted(trusted, hop)) return hop;
    nearest = hop;
  }
  return nearest;
};

// What per-address limits count: an IPv4 address, or an IPv6 address's /64.
// One host usually holds a whole /64, so counting single IPv6 addresses would
// let one client spread its attempts (and audit rows) over millions of them.
export const addressBucket = (address: string | null): string => {
  if (!address) return 'unknown';
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
};
