import { describe, expect, it } from 'vitest';
import { addressBucket, clientAddress, normalizeAddress, parseTrustedProxies } from './client-address';

const proxies = (...entries: string[]) => parseTrustedProxies(entries).list;

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted: forwarded headers are the client\'s own claim', () => {
    expect(clientAddress({ peer: '203.0.113.9', forwardedFor: '1.2.3.4', realIp: '5.6.7.8' }, null)).toBe('203.0.113.9');
    // A peer that is not a trusted proxy cannot speak for anyone else either.
    expect(clientAddress({ peer: '203.0.113.9', forwardedFor: '1.2.3.4' }, proxies('10.0.0.0/8'))).toBe('203.0.113.9');
  });

  it('behind a trusted nginx that appends, is the right-most untrusted hop, whatever the client prepended', () => {
    const nginx = proxies('10.0.0.5');
    for (const forged of ['1.1.1.1', '9.9.9.9, 8.8.8.8', 'not-an-address', '']) {
      const xff = forged ? `${forged}, 198.51.100.20` : '198.51.100.20';
      expect(clientAddress({ peer: '10.0.0.5', forwardedFor: xff }, nginx)).toBe('198.51.100.20');
    }
  });

  it('skips a chain of trusted proxies, and stops at a hop that is not an address', () => {
    const chain = proxies('10.0.0.0/8', '::1');
    expect(clientAddress({ peer: '::1', forwardedFor: '198.51.100.20, 10.1.1.1, 10.2.2.2' }, chain)).toBe('198.51.100.20');
    expect(clientAddress({ peer: '::1', forwardedFor: 'x" onload=1, 10.2.2.2' }, chain)).toBe('10.2.2.2');
    expect(clientAddress({ peer: '::1', realIp: '198.51.100.30' }, chain)).toBe('198.51.100.30');
  });

  it('is one spelling of an address, or nothing: never arbitrary text', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(normalizeAddress('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normalizeAddress('x'.repeat(5000))).toBeNull();
    expect(normalizeAddress('1.2.3.4\nforged row')).toBeNull();
    expect(clientAddress({ peer: 'garbage' }, null)).toBeNull();
  });

  it('rejects proxy entries that are not addresses or CIDRs', () => {
    expect(parseTrustedProxies(['10.0.0.0/8', '::1', 'fd00::/8']).invalid).toEqual([]);
    expect(parseTrustedProxies(['10.0.0.0/33', 'proxy.local', '1.2.3.4/x']).invalid).toEqual(['10.0.0.0/33', 'proxy.local', '1.2.3.4/x']);
  });

  it('counts an IPv6 client by its /64, an IPv4 client by its address', () => {
    expect(addressBucket('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:3::1')).not.toBe(addressBucket('2001:db8:1:2::1'));
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('198.51.100.7')).toBe('198.51.100.7');
    expect(addressBucket(null)).toBe('unknown');
  });
});
