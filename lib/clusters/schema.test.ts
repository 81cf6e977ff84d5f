import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { canonicalHost } from '@/lib/clusters/host';
import { isIpAddress, parseWith, RESERVED_CLUSTER_NAMES, ZClusterDocumentSchema, ZClusterPatchSchema } from '@/lib/clusters/schema';
import { AppError } from '@/lib/errors/app-error';

const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----';
const node = (name: string, host: string) => ({ name, host, ssh: { privateKey: key }, mysql: { user: 'tandem', password: 'pw' } });
const doc = (over: Record<string, unknown> = {}) => ({ name: 'prod-1', vip: '10.0.0.100', nodes: [node('db1', '10.0.0.11'), node('db2', '10.0.0.12')], ...over });

const fieldsFor = (input: unknown, schema: z.ZodType = ZClusterDocumentSchema): Record<string, string> => {
  try {
    parseWith(schema, input);
  } catch (e) {
    if (e instanceof AppError && e.fields) return e.fields;
    throw e;
  }
  return {};
};

describe('inventory document schema', () => {
  it('fills SSH and MySQL defaults', () => {
    const parsed = parseWith(ZClusterDocumentSchema, doc());
    expect(parsed.nodes[0]?.ssh).toEqual({ port: 22, user: 'root', privateKey: key });
    expect(parsed.nodes[0]?.mysql.port).toBe(3306);
  });

  it.each(['10.1.2.3', '::1', 'fe80::1', '2001:db8::ff00:42:8329'])('takes %s as an IP address', (ip) => {
    expect(isIpAddress(ip)).toBe(true);
  });

  it.each(['10.1.2', '10.1.2.256', 'db1', '1.2.3.4/32', ':::1'])('does not take %s as an IP address', (ip) => {
    expect(isIpAddress(ip)).toBe(false);
  });

  it.each(['db1', 'db-1.dc1.example.com', 'a.b', 'node.local.'])('accepts host name %s', (host) => {
    expect(fieldsFor(doc({ nodes: [node('a', host), node('b', '10.0.0.12')] }))).toEqual({});
  });

  it.each(['-db1', 'db_1', 'db..x', '999.1.1.1', `${'a'.repeat(64)}.com`, '$(reboot)', 'db 1', ''])('rejects host %j', (host) => {
    expect(fieldsFor(doc({ nodes: [node('a', host), node('b', '10.0.0.12')] }))).toHaveProperty(['nodes.0.host']);
  });

  it('reports every problem at once, each under its dotted path', () => {
    const fields = fieldsFor({ name: 'x', vip: '10.0.0.11', nodes: [node('db1', '10.0.0.11'), { ...node('db1', 'bad host'), ssh: {} }] });
    expect(Object.keys(fields).sort()).toEqual(['nodes.1.host', 'nodes.1.name', 'nodes.1.ssh.privateKey', 'vip']);
    const crossField = fieldsFor({ name: 'x', vip: '10.0.0.11', nodes: [node('db1', '10.0.0.11'), node('db1', '10.0.0.11')] });
    expect(Object.keys(crossField).sort()).toEqual(['nodes.1.host', 'nodes.1.name', 'vip']);
  });

  it('says "is required" for a missing field and names unknown ones', () => {
    expect(fieldsFor({ nodes: [] })).toMatchObject({ name: 'is required', vip: 'is required' });
    expect(fieldsFor(doc({ extra: 1 }))).toEqual({ extra: 'is not a known field' });
  });

  it('treats node names case-insensitively for uniqueness', () => {
    expect(fieldsFor(doc({ nodes: [node('DB1', '10.0.0.11'), node('db1', '10.0.0.12')] }))).toHaveProperty(['nodes.1.name']);
  });

  it.each(['a\u0000b', 'line1\nline2', 'tab\there', '\u001b[2Jwiped', 'c1\u009bx', 'del\u007f', 'rlo\u202etxt.exe', 'alm\u061c', 'lri\u2066x'])('rejects description %j with a control character', (description) => {
    expect(fieldsFor(doc({ description }))).toEqual({ description: expect.stringContaining('control characters') });
    expect(fieldsFor({ description }, ZClusterPatchSchema)).toEqual({ description: expect.stringContaining('control characters') });
  });

  it('keeps ordinary text in a description, accents and other scripts included', () => {
    expect(parseWith(ZClusterDocumentSchema, doc({ description: '  Prod pair — Zürich / 東京 / عربى  ' })).description).toBe('Prod pair — Zürich / 東京 / عربى');
  });

  it('lets a patch omit secrets and clear optional fields with null', () => {
    const patch = parseWith(ZClusterPatchSchema, { description: null, virtualRouterId: null, nodes: [{ name: 'db1', host: '10.0.0.11', ssh: {}, mysql: { user: 'u' } }, { name: 'db2', host: '10.0.0.12', ssh: {}, mysql: { user: 'u' } }] });
    expect(patch.description).toBeNull();
    expect(patch.nodes?.[0]?.ssh.privateKey).toBeUndefined();
  });
});

describe('host normalisation', () => {
  it.each([
    ['0:0:0:0:0:0:0:1', '::1'],
    ['::1', '::1'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', '2001:db8::ff00:42:8329'],
    ['fe80:0:0:0:0:0:0:1', 'fe80::1'],
    ['::ffff:10.6.0.1', '10.6.0.1'],
    ['::FFFF:10.6.0.1', '10.6.0.1'],
    ['0:0:0:0:0:ffff:0a06:0001', '10.6.0.1'],
    ['64:ff9b::10.6.0.1', '64:ff9b::a06:1'],
    ['10.6.0.1', '10.6.0.1'],
    ['HOST.Example.COM', 'host.example.com'],
    ['host.example.com.', 'host.example.com'],
    [' db1. ', 'db1'],
  ])('writes %s as %s', (input, canonical) => {
    expect(canonicalHost(input)).toBe(canonical);
  });

  it('stores and returns the normalised node hosts and VIP', () => {
    const parsed = parseWith(ZClusterDocumentSchema, doc({ vip: '0:0:0:0:0:ffff:a00:64', nodes: [node('db1', 'DB1.Example.com.'), node('db2', '2001:DB8:0:0:0:0:0:12')] }));
    expect(parsed.vip).toBe('10.0.0.100');
    expect(parsed.nodes.map((n) => n.host)).toEqual(['db1.example.com', '2001:db8::12']);
    const patch = parseWith(ZClusterPatchSchema, { vip: '::FFFF:10.0.0.100', nodes: [{ name: 'db1', host: '::ffff:10.0.0.11', ssh: {}, mysql: { user: 'u' } }, { name: 'db2', host: 'Db2.', ssh: {}, mysql: { user: 'u' } }] });
    expect([patch.vip, ...(patch.nodes ?? []).map((n) => n.host)]).toEqual(['10.0.0.100', '10.0.0.11', 'db2']);
  });

  it.each([
    ['::1', '0:0:0:0:0:0:0:1'],
    ['10.6.0.1', '::ffff:10.6.0.1'],
    ['host.example.com', 'HOST.example.com.'],
    ['fe80::1', 'FE80:0000::0001'],
  ])('sees node hosts %s and %s as one host', (a, b) => {
    expect(fieldsFor(doc({ nodes: [node('a', a), node('b', b)] }))).toEqual({ 'nodes.1.host': 'duplicates the host of nodes.0' });
    expect(fieldsFor({ nodes: [node('a', a), node('b', b)] }, ZClusterPatchSchema)).toEqual({ 'nodes.1.host': 'duplicates the host of nodes.0' });
  });

  it('sees a VIP written as an IPv4-mapped address as the node it names', () => {
    expect(fieldsFor(doc({ vip: '::ffff:10.6.0.1', nodes: [node('a', '10.6.0.1'), node('b', '10.6.0.2')] }))).toEqual({ vip: 'must differ from every node host (nodes.0.host is the same)' });
    expect(fieldsFor(doc({ vip: '0:0::1', nodes: [node('a', '10.6.0.1'), node('b', '::1')] }))).toHaveProperty(['vip']);
  });

  it('still reports an alias when another field failed too', () => {
    expect(fieldsFor(doc({ name: 'Bad', nodes: [node('a', '::1'), node('b', '0:0:0:0:0:0:0:1')] }))).toMatchObject({ name: expect.any(String), 'nodes.1.host': 'duplicates the host of nodes.0' });
  });
});

describe('cluster names', () => {
  it('refuses a name that is a route of its own, in a document and a rename', () => {
    expect(fieldsFor(doc({ name: 'new' }))).toEqual({ name: expect.stringContaining('is reserved') });
    expect(fieldsFor({ name: 'new' }, ZClusterPatchSchema)).toEqual({ name: expect.stringContaining('is reserved') });
    expect(fieldsFor(doc({ name: 'new-york' }))).toEqual({});
  });

  // Every static segment beside [name] under app/clusters and app/api/clusters.
  it('reserves every static route segment a cluster name could shadow', () => {
    const staticSegments = (dir: string) =>
      readdirSync(path.join(process.cwd(), dir), { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('[') && !e.name.startsWith('('))
        .map((e) => e.name);
    const segments = [...staticSegments('app/clusters'), ...staticSegments('app/api/clusters')];
    expect(segments).toContain('new');
    for (const s of segments) expect(RESERVED_CLUSTER_NAMES, `app route segment "${s}"`).toContain(s);
  });
});

describe('node service commands (services)', () => {
  const withServices = (services: unknown) => doc({ nodes: [{ ...node('db1', '10.0.0.11'), services }, node('db2', '10.0.0.12')] });

  it('takes a node\'s overrides, trimmed, and leaves them out when not given', () => {
    const parsed = parseWith(ZClusterDocumentSchema, withServices({ stopMysql: ' sudo systemctl stop mysql ', isolate: '/usr/local/sbin/cut-off', heal: '/usr/local/sbin/cut-off --undo' }));
    expect(parsed.nodes[0]?.services).toEqual({ stopMysql: 'sudo systemctl stop mysql', isolate: '/usr/local/sbin/cut-off', heal: '/usr/local/sbin/cut-off --undo' });
    expect(parsed.nodes[1]).not.toHaveProperty('services');
  });

  it.each(['systemctl stop mariadb\nrm -rf /', 'stop\u0000', 'stop\u001b[2J', 'stop \u202e'])('rejects the command %j with a control character', (stopMysql) => {
    expect(fieldsFor(withServices({ stopMysql }))).toEqual({ 'nodes.0.services.stopMysql': expect.stringContaining('control characters') });
  });

  it('rejects isolate without heal (and heal without isolate)', () => {
    expect(fieldsFor(withServices({ isolate: 'cut-off' }))).toEqual({ 'nodes.0.services.heal': expect.stringContaining('isolate and heal go together') });
    expect(fieldsFor(withServices({ heal: 'cut-off --undo' }))).toHaveProperty(['nodes.0.services.heal']);
  });

  it('names an unknown key, an empty command and a non-object', () => {
    expect(fieldsFor(withServices({ stopMySQL: 'x' }))).toEqual({ 'nodes.0.services.stopMySQL': 'is not a known field' });
    expect(fieldsFor(withServices({ startMysql: '  ' }))).toEqual({ 'nodes.0.services.startMysql': 'must not be empty' });
    expect(fieldsFor(withServices('systemctl stop mariadb'))).toEqual({ 'nodes.0.services': 'must be an object' });
  });

  it('lets a patch remove them with null, but not a full document', () => {
    const patch = parseWith(ZClusterPatchSchema, { nodes: [{ name: 'db1', host: '10.0.0.11', ssh: {}, mysql: { user: 'u' }, services: null }, { name: 'db2', host: '10.0.0.12', ssh: {}, mysql: { user: 'u' } }] });
    expect(patch.nodes?.[0]?.services).toBeNull();
    expect(patch.nodes?.[1]?.services).toBeUndefined();
    expect(fieldsFor(withServices(null))).toEqual({ 'nodes.0.services': 'must be an object' });
  });
});
