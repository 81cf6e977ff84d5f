import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/support/fixture-files';
import { isParseKind, parse, PARSE_KINDS, type TParseKind } from './index';

describe('parse dispatcher', () => {
  it('routes each kind to its parser', () => {
    expect(parse('slave-status', fixture('lab/slave-status__lab-mariadb1011-healthy-G.txt'))).toMatchObject({ sourceHost: '198.18.0.11', flavor: 'mariadb' });
    expect(parse('slave-status', 'Empty set (0.00 sec)')).toBeNull();
    expect(parse('master-status', fixture('lab/master-status__lab-mariadb1011-G.txt'))).toMatchObject({ file: 'node1-bin.000001', position: 1820 });
    expect(parse('ip-addr', fixture('lab/ip-addr__lab-passive-o.txt'))).toMatchObject({ interfaces: [{ name: 'lo' }, { name: 'eth0' }] });
    expect(parse('keepalived-log', fixture('lab/keepalived-log__lab-v227-node2-takeover.txt'))).toMatchObject({ events: expect.arrayContaining([expect.objectContaining({ kind: 'state', state: 'MASTER' })]) });
    expect(parse('keepalived-conf', fixture('lab/keepalived-conf__lab-node2.txt'))).toMatchObject({ instances: [{ name: 'VI_1', priority: 99 }] });
  });

  it('lists the kinds the CLI accepts', () => {
    expect(PARSE_KINDS).toEqual(['slave-status', 'master-status', 'ip-addr', 'keepalived-log', 'keepalived-conf']);
    expect(PARSE_KINDS.every(isParseKind)).toBe(true);
    expect(isParseKind('replica-status')).toBe(false);
  });

  it('throws a plain Error for an unknown kind from an untyped caller', () => {
    expect(() => parse('bogus' as TParseKind, '')).toThrow('unknown parse kind "bogus"');
  });
});
