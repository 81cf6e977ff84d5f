import { describe, expect, it } from 'vitest';
import { fixture, fixtureFiles } from '@/test/support/fixture-files';
import { parseIpAddr, type TIpAddr, type TIpAddress } from './ip-addr';
import { catchParseError } from '@/test/support/catch-parse-error';

const v4 = (address: string, prefixLength: number): TIpAddress => ({ address, prefixLength, family: 'inet' });
const v6 = (address: string, prefixLength: number): TIpAddress => ({ address, prefixLength, family: 'inet6' });
const LO = { name: 'lo', addresses: [v4('127.0.0.1', 8), v6('::1', 128)] };

const LAB_HOLDER: TIpAddr = {
  interfaces: [LO, { name: 'eth0', addresses: [v4('198.18.0.11', 24), v4('198.18.0.100', 24), v6('fe80::48d6:2dff:fec2:8df1', 64)] }],
};

const cases: [string, TIpAddr][] = [
  [
    'real-world/ip-addr__artem4eg-kubernetes-bare-metal-vip-secondary-24.txt',
    { interfaces: [{ name: 'enp1s0', addresses: [v4('192.168.124.83', 24), v4('192.168.124.100', 24), v6('fe80::5054:ff:fe55:f77b', 64)] }] },
  ],
  [
    'real-world/ip-addr__dba-note-kp04-mysql-vip-32.txt',
    { interfaces: [LO, { name: 'enp0s3', addresses: [v4('192.168.0.91', 24), v4('192.168.0.93', 32), v6('fe80::cb5b:b7fc:94c0:6a41', 64)] }] },
  ],
  [
    'real-world/ip-addr__dba-note-kp05-vip-after-failover.txt',
    { interfaces: [LO, { name: 'enp0s3', addresses: [v4('192.168.0.92', 24), v4('192.168.0.93', 32), v6('fe80::a00:27ff:fea6:62f6', 64)] }] },
  ],
  [
    'real-world/ip-addr__keepalived-docs-case-study-lvs1-four-vips.txt',
    {
      interfaces: [
        { name: 'lo', addresses: [v4('127.0.0.1', 8)] },
        { name: 'eth0', addresses: [v4('192.168.200.5', 24), v4('192.168.200.10', 32), v4('192.168.200.11', 32), v4('192.168.200.12', 32), v4('192.168.200.13', 32)] },
        { name: 'eth1', addresses: [v4('192.168.100.5', 24), v4('192.168.100.10', 32), v4('192.168.100.11', 32)] },
      ],
    },
  ],
  [
    'real-world/ip-addr__keepalived-docs-case-study-lvs2.txt',
    {
      interfaces: [
        { name: 'lo', addresses: [v4('127.0.0.1', 8)] },
        { name: 'eth0', addresses: [v4('192.168.200.5', 24), v4('192.168.200.12', 32), v4('192.168.200.13', 32)] },
        { name: 'eth1', addresses: [v4('192.168.100.5', 24), v4('192.168.100.11', 32)] },
      ],
    },
  ],
  ['lab/ip-addr__lab-holder-long.txt', LAB_HOLDER],
  ['lab/ip-addr__lab-holder-o.txt', LAB_HOLDER],
  ['lab/ip-addr__lab-passive-o.txt', { interfaces: [LO, { name: 'eth0', addresses: [v4('198.18.0.12', 24), v6('fe80::8057:bdff:fe58:9ed2', 64)] }] }],
];

describe('parseIpAddr on fixtures', () => {
  it('covers every fixture of this kind', () => {
    const all = fixtureFiles('real-world', 'lab').filter((f) => /\/ip-addr__/.test(f));
    expect(cases.map(([f]) => f).sort()).toEqual(all.sort());
  });

  it.each(cases)('%s', (file, expected) => {
    expect(parseIpAddr(fixture(file))).toEqual(expected);
  });
});

describe('parseIpAddr on constructed output', () => {
  it('attaches labelled (eth0:1) addresses to the header interface in the long form', () => {
    const text = [
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP qlen 1000',
      '    link/ether 08:00:27:e2:e4:89 brd ff:ff:ff:ff:ff:ff',
      '    altname enp0s3',
      '    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0',
      '    inet 192.168.0.100/32 scope global eth0:1',
      '3: eth1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN qlen 1000',
      '    link/ether 08:00:27:e2:e4:8a brd ff:ff:ff:ff:ff:ff',
    ].join('\n');
    expect(parseIpAddr(text)).toEqual({
      interfaces: [
        { name: 'eth0', addresses: [v4('10.0.0.1', 24), v4('192.168.0.100', 32)] },
        { name: 'eth1', addresses: [] },
      ],
    });
  });

  it('strips @peer suffixes and alias labels in the -o form, keeping order and removing duplicates', () => {
    const text = [
      '5: bond0.10@bond0    inet 10.1.0.5/24 brd 10.1.0.255 scope global bond0.10\\       valid_lft forever preferred_lft forever',
      '2: eth0    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0\\       valid_lft forever preferred_lft forever',
      '2: eth0:vip    inet 10.0.0.100/32 scope global eth0:vip\\       valid_lft forever preferred_lft forever',
      '2: eth0    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0\\       valid_lft forever preferred_lft forever',
      '2: eth0    inet6 2001:db8::1/64 scope global \\       valid_lft forever preferred_lft forever',
    ].join('\n');
    expect(parseIpAddr(text)).toEqual({
      interfaces: [
        { name: 'bond0.10', addresses: [v4('10.1.0.5', 24)] },
        { name: 'eth0', addresses: [v4('10.0.0.1', 24), v4('10.0.0.100', 32), v6('2001:db8::1', 64)] },
      ],
    });
  });

  it('takes the prefix of a point-to-point address from its peer', () => {
    const text = '4: tun0: <POINTOPOINT,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UNKNOWN\n    inet 10.8.0.1 peer 10.8.0.2/32 scope global tun0\n    inet 10.9.0.1 scope global tun0\n';
    expect(parseIpAddr(text)).toEqual({ interfaces: [{ name: 'tun0', addresses: [v4('10.8.0.1', 32), v4('10.9.0.1', 32)] }] });
  });

  it.each(['', '  \n\n', '[root@db1 ~]# ip -o addr show to 198.18.0.100/32\n'])('gives no interfaces for empty output: %j', (text) => {
    expect(parseIpAddr(text)).toEqual({ interfaces: [] });
  });

  it.each([
    ['a bad IPv4 octet', '2: eth0    inet 10.0.0.300/24 scope global eth0', 1],
    ['a prefix over 32', '2: eth0: <UP> mtu 1500\n    inet 10.0.0.3/33 scope global eth0', 2],
    ['a bad IPv6 address', '2: eth0    inet6 fe80/64 scope link', 1],
    ['an error from ip', 'Device "eth9" does not exist.', 1],
    ['an unindented stray line', '2: eth0: <UP> mtu 1500\n    inet 10.0.0.3/24 scope global eth0\nsomething else', 3],
  ])('rejects %s with its line number', (_, text, line) => {
    const e = catchParseError(() => parseIpAddr(text));
    expect(e.kind).toBe('ip-addr');
    expect(e.line).toBe(line);
  });
});
