import { describe, expect, it } from 'vitest';
import { isIpAddress, parseWith, ZClusterDocumentSchema, ZClusterPatchSchema } from '@/lib/clusters/schema';
import { AppError } from '@/lib/errors/app-error';

const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----';
const node = (name: string, host: string) => ({ name, host, ssh: { privateKey: key }, mysql: { user: 'tandem', password: 'pw' } });
const doc = (over: Record<string, unknown> = {}) => ({ name: 'prod-1', vip: '10.0.0.100', nodes: [node('db1', '10.0.0.11'), node('db2', '10.0.0.12')], ...over });

const fieldsFor = (input: unknown, schema = ZClusterDocumentSchema): Record<string, string> => {
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

  it('lets a patch omit secrets and clear optional fields with null', () => {
    const patch = parseWith(ZClusterPatchSchema, { description: null, virtualRouterId: null, nodes: [{ name: 'db1', host: '10.0.0.11', ssh: {}, mysql: { user: 'u' } }, { name: 'db2', host: '10.0.0.12', ssh: {}, mysql: { user: 'u' } }] });
    expect(patch.description).toBeNull();
    expect(patch.nodes?.[0]?.ssh.privateKey).toBeUndefined();
  });
});
