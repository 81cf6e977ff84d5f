import { ParseError } from './parse-error';
import { toLines } from './input-text';

export type TIpFamily = 'inet' | 'inet6';
export type TIpAddress = { address: string; prefixLength: number; family: TIpFamily };
export type TIpInterface = { name: string; addresses: TIpAddress[] };
export type TIpAddr = { interfaces: TIpInterface[] };

// `2: eth0@if11: <BROADCAST,...> mtu 1500 ...` (also `ip -o link` lines).
const HEADER = /^(\d+):\s+([^\s:@]+)(?:@[^\s:]+)?:\s+<[^>]*>/;
// `2: eth0    inet 10.0.0.1/24 brd ... scope global eth0\       valid_lft ...`
const ONE_LINE = /^(\d+):\s+([^\s@]+?)(?:@\S+)?\s+(inet6?)\s+(\S+)(.*)$/;
// `inet 10.0.0.1/24 brd ... scope global secondary eth0:1` inside a block.
const ADDRESS = /^(inet6?)\s+(\S+)(.*)$/;
const PEER = /\speer\s+\S+\/(\d{1,3})\b/;
// Shell prompts pasted with the command: `[root@kp04 ~]# ip addr`, `shell> ip a`.
const PROMPT = /^(?:\[[^\]]*\]|[\w.@~:/-]+)\s*[#$>%](?:\s|$)/;
const DETAIL = /^[a-z]/;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6 = /^(?=(?:[^:]*:){2})[0-9a-fA-F:.]+$/;

const validAddress = (family: TIpFamily, address: string): boolean => {
  switch (family) {
    case 'inet': {
      const m = IPV4.exec(address);
      return m !== null && m.slice(1).every((o) => Number(o) <= 255);
    }
    case 'inet6':
      return IPV6.test(address);
  }
};

const HOST_PREFIX: Record<TIpFamily, number> = { inet: 32, inet6: 128 };

// Point-to-point addresses print as `inet 10.1.1.1 peer 10.1.1.2/32`: the
// prefix belongs to the peer, and a bare local address is a host address.
const toAddress = (family: TIpFamily, token: string, rest: string, line: number): TIpAddress => {
  const [address = '', prefix] = token.split('/', 2);
  const prefixText = prefix ?? PEER.exec(rest)?.[1] ?? String(HOST_PREFIX[family]);
  const prefixLength = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!validAddress(family, address) || !(prefixLength >= 0 && prefixLength <= HOST_PREFIX[family])) {
    throw new ParseError('ip-addr', `bad ${family} address "${token}"`, { line });
  }
  return { address, prefixLength, family };
};

const indentOf = (text: string): number => /^\s*/.exec(text)?.[0].length ?? 0;

// `ip addr` (long form) and `ip -o addr`. Empty output is valid: `ip addr show
// to VIP` prints nothing on the node that does not hold the VIP.
export const parseIpAddr = (text: string): TIpAddr => {
  const interfaces = new Map<string, TIpInterface>();
  const seen = new Set<string>();
  const ensure = (name: string): TIpInterface => {
    const existing = interfaces.get(name);
    if (existing) return existing;
    const created: TIpInterface = { name, addresses: [] };
    interfaces.set(name, created);
    return created;
  };
  const add = (name: string, address: TIpAddress): void => {
    const key = `${name} ${address.family} ${address.address}/${address.prefixLength}`;
    if (seen.has(key)) return;
    seen.add(key);
    ensure(name).addresses.push(address);
  };

  let block: { name: string; indent: number } | null = null;
  for (const { text: raw, line } of toLines('ip-addr', text)) {
    const t = raw.trim();
    if (t === '') continue;
    const header = HEADER.exec(t);
    if (header) {
      block = { name: header[2] ?? '', indent: indentOf(raw) };
      ensure(block.name);
      continue;
    }
    const one = ONE_LINE.exec(t);
    if (one) {
      // -o prints the link name; an alias label (eth0:1) belongs to its base.
      const name = (one[2] ?? '').split(':')[0] ?? '';
      const family = one[3] === 'inet6' ? 'inet6' : 'inet';
      add(name, toAddress(family, one[4] ?? '', one[5] ?? '', line));
      block = null;
      continue;
    }
    const address = block ? ADDRESS.exec(t) : null;
    if (block && address) {
      // The trailing label (eth0:1) is ignored: the address is on the header's link.
      const family = address[1] === 'inet6' ? 'inet6' : 'inet';
      add(block.name, toAddress(family, address[2] ?? '', address[3] ?? '', line));
      continue;
    }
    if (block && indentOf(raw) > block.indent && DETAIL.test(t)) continue;
    if (PROMPT.test(t)) {
      block = null;
      continue;
    }
    throw new ParseError('ip-addr', `unexpected line "${t.slice(0, 60)}"`, { line });
  }
  return { interfaces: [...interfaces.values()] };
};
