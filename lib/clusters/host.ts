import { z } from 'zod';

// One spelling per host, so the uniqueness rules compare addresses rather than
// text: ::1 and 0:0:0:0:0:0:0:1 are one node, ::ffff:10.6.0.1 is 10.6.0.1,
// and HOST.example.com. is host.example.com.

const DNS_LABEL_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4_MAPPED_RE = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

export const isIpv4 = (s: string): boolean => z.ipv4().safeParse(s).success;
export const isIpv6 = (s: string): boolean => z.ipv6().safeParse(s).success;
export const isIpAddress = (s: string): boolean => isIpv4(s) || isIpv6(s);

// A name whose last label is all digits would be a malformed IPv4 address.
export const isDnsName = (s: string): boolean => {
  const labels = s.replace(/\.$/, '').split('.');
  return s.length <= 253 && labels.every((l) => DNS_LABEL_RE.test(l)) && !/^\d+$/.test(labels.at(-1) ?? '');
};

// The WHATWG URL parser serialises IPv6 the RFC 5952 way (lowercase, longest
// zero run compressed, embedded IPv4 as hex), in Node and in browsers alike.
const canonicalIpv6 = (s: string): string => {
  const compressed = new URL(`http://[${s}]/`).hostname.slice(1, -1);
  const mapped = IPV4_MAPPED_RE.exec(compressed);
  if (!mapped) return compressed;
  const word = (hex: string | undefined) => Number.parseInt(hex ?? '0', 16);
  const [hi, lo] = [word(mapped[1]), word(mapped[2])];
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
};

// Text that is neither an address nor a DNS name comes back trimmed and
// lowercased only: the caller reports it as invalid.
export const canonicalHost = (input: string): string => {
  const h = input.trim().toLowerCase();
  if (isIpv6(h)) return canonicalIpv6(h);
  if (isIpv4(h) || !isDnsName(h)) return h;
  return h.replace(/\.$/, '');
};
