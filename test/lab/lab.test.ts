import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { MAINT_FAULT } from '@/lab/keepalived';
import { ZClusterDocumentSchema } from '@/lib/clusters/schema';
import mysql from 'mysql2/promise';
import { query } from '@/lab/mariadb';
import { scratchFile } from '../support/scratch-file';
import { labctl, labctlAsync, labctlOk, labctlStatus, labStatus, netnsList, waitForStatus, type TLabStatusJson } from '../support/labctl';

// The lab on real MariaDB, keepalived and sshd. Each block brings a lab up and
// always takes it down, also when a test fails.
// The lab's daemons. A namespace also holds short-lived processes (the
// keepalived health check runs every second), which say nothing about whether
// `up` restarted anything.
const DAEMONS = new Set(['mariadbd', 'keepalived', 'sshd']);
const commOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};
const labPids = (): number[] =>
  netnsList()
    .filter((n) => n.startsWith('tandem-'))
    .flatMap((ns) => spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number));
const labDaemonPids = (): number[] => labPids().filter((pid) => DAEMONS.has(commOf(pid)));
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z');

const labSecrets = (): { app: string; probe: string } => JSON.parse(readFileSync('lab/.state/lab.json', 'utf8')).secrets;

// A write as an application would make it: over TCP, as a user without
// READ ONLY ADMIN. Resolves to the server's errno, or 0 when it was taken.
const appWrite = async (host: string, user: 'app' | 'probe'): Promise<number> => {
  const conn = await mysql.createConnection({ host, port: 3306, user, password: labSecrets()[user], connectTimeout: 3000 });
  try {
    await conn.query({ sql: 'INSERT INTO app.filler (note, at) VALUES (?, ?)', values: [`app-write-${Date.now()}`, Date.now()], timeout: 5000 });
    return 0;
  } catch (e) {
    return e instanceof Error && 'errno' in e && typeof e.errno === 'number' ? e.errno : -1;
  } finally {
    await conn.end();
  }
};
const ER_OPTION_PREVENTS_STATEMENT = 1290;
const setMaint = (node: 'node1' | 'node2', value: 0 | typeof MAINT_FAULT) => writeFileSync(`lab/.state/${node}/tandem-maint`, `${value}\n`);
const readOnlyOf = (s: TLabStatusJson) => s.nodes.map((n) => [n.name, n.readOnly]);

describe.sequential('lab (recommended setup: nopreempt, read_only passive, track file)', () => {
  let inventory = '';

  beforeAll(() => {
    labctlOk(['down']);
    inventory = labctlOk(['up']);
  }, 180_000);
  afterAll(() => void labctl(['down']), 120_000);

  it('up prints an inventory document that Tandem accepts, and writes it to lab/.state', () => {
    const doc = ZClusterDocumentSchema.parse(JSON.parse(inventory));
    expect(doc).toMatchObject({ name: 'lab', vip: '198.18.0.100', nodes: [{ name: 'node1', host: '198.18.0.11' }, { name: 'node2', host: '198.18.0.12' }] });
    expect(doc.nodes[0]?.ssh.privateKey).toContain('PRIVATE KEY');
    expect(doc.probe?.user).toBe('probe');
    expect(readFileSync('lab/.state/inventory.json', 'utf8')).toBe(inventory);
  });

  it('is idempotent: up on a healthy lab keeps it and its credentials', () => {
    const pidsBefore = labDaemonPids().sort();
    expect(pidsBefore.length).toBeGreaterThanOrEqual(6);
    expect(labctlOk(['up'])).toBe(inventory);
    expect(labDaemonPids().sort()).toEqual(pidsBefore);
  });

  it('gives each node its hostname, key-only sshd and a working mariadb client over SSH', () => {
    const r = spawnSync('ssh', ['-i', 'lab/.state/id_ed25519', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=5', 'root@198.18.0.12', 'hostname; mariadb -N -e "SELECT @@server_id"'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stdout.trim().split('\n')).toEqual(['node2', '2']);
    const password = spawnSync('ssh', ['-o', 'BatchMode=yes', '-o', 'PubkeyAuthentication=no', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', 'root@198.18.0.11', 'true'], { encoding: 'utf8', timeout: 20_000 });
    expect(password.status).not.toBe(0);
  });

  it('reports node1 holding the VIP and every replication thread running', () => {
    const s = labctlStatus();
    expect(s.vipHolders).toEqual(['node1']);
    for (const n of s.nodes) expect(n).toMatchObject({ mysqld: true, sshd: true, keepalived: true, ioRunning: 'Yes', sqlRunning: 'Yes' });
    expect(s.nodes.map((n) => n.keepalivedState)).toEqual(['MASTER', 'BACKUP']);
  });

  it('keeps the passive node read-only: it refuses the application and probe users, the holder takes their writes', async () => {
    expect(readOnlyOf(await labStatus())).toEqual([['node1', false], ['node2', true]]);
    expect(await appWrite('198.18.0.12', 'app')).toBe(ER_OPTION_PREVENTS_STATEMENT);
    expect(await appWrite('198.18.0.12', 'probe')).toBe(ER_OPTION_PREVENTS_STATEMENT);
    expect(await appWrite('198.18.0.11', 'app')).toBe(0);
    expect(await appWrite('198.18.0.100', 'probe')).toBe(0);
    // keepalived's notify logged every read_only change it made.
    expect(readFileSync('lab/.state/node2/notify.log', 'utf8')).toMatch(/read_only ON\n?$/);
    expect(readFileSync('lab/.state/node1/keepalived.conf', 'utf8')).toMatch(/track_file tandem_maint \{[\s\S]*weight 1/);
  });

  it('replicates writes both ways', async () => {
    const mark = `both-ways-${Date.now()}`;
    await query('node1', 'INSERT INTO app.filler (note, at) VALUES (?, ?)', [`${mark}-from-node1`, Date.now()]);
    await query('node2', 'INSERT INTO app.filler (note, at) VALUES (?, ?)', [`${mark}-from-node2`, Date.now()]);
    for (const node of ['node1', 'node2'] as const) {
      await expect
        .poll(async () => (await query<{ note: string }[]>(node, 'SELECT note FROM app.filler WHERE note LIKE ? ORDER BY note', [`${mark}%`])).map((r) => r.note), { timeout: 10_000 })
        .toEqual([`${mark}-from-node1`, `${mark}-from-node2`]);
    }
  });

  it('stop-mysqld on the holder moves the VIP and the writer role, loses nothing acknowledged; the returning node stays passive (nopreempt); the track file moves the VIP back', async () => {
    const out = scratchFile('failover-writer');
    const writer = labctlAsync(['writer', '--duration', '16', '--rate', '10', '--out', out]);
    await new Promise((r) => setTimeout(r, 2000));
    labctlOk(['fault', 'stop-mysqld', 'node1']);
    await waitForStatus('the VIP on node2, writable', (s) => s.vipHolders.join() === 'node2' && s.nodes[1]?.readOnly === false, 20_000);
    const w = await writer;
    expect(w.code).toBe(0);
    const writes = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as { ack: boolean; node?: string; t: number });
    expect(writes.filter((x) => x.ack && x.node === 'node1').length).toBeGreaterThan(0);
    expect(writes.filter((x) => x.ack && x.node === 'node2').length).toBeGreaterThan(0);
    expect(writes.some((x) => !x.ack)).toBe(true);

    labctlOk(['fault', 'start-mysqld', 'node1']);
    // my.cnf starts it read-only; keepalived keeps it BACKUP (nopreempt).
    await waitForStatus('node1 back as a read-only BACKUP', (s) => s.nodes[0]?.keepalivedState === 'BACKUP' && s.nodes[0]?.readOnly === true, 20_000);
    await new Promise((r) => setTimeout(r, 5000));
    expect((await labStatus()).vipHolders).toEqual(['node2']);

    setMaint('node2', MAINT_FAULT);
    // A later test must not start with node2 held in FAULT if this one fails here.
    onTestFinished(() => setMaint('node2', 0));
    // keepalived adds the VIP before it runs the notify script that records MASTER, so wait for both.
    await waitForStatus('the VIP on node1, MASTER, after node2 went to FAULT', (s) => s.vipHolders.join() === 'node1' && s.nodes[0]?.keepalivedState === 'MASTER' && s.nodes[1]?.keepalivedState === 'FAULT', 20_000);
    setMaint('node2', 0);
    const settled = await waitForStatus('node2 BACKUP and read-only, node1 writable', (s) => s.nodes[1]?.keepalivedState === 'BACKUP' && s.nodes[1]?.readOnly === true && s.nodes[0]?.readOnly === false, 20_000);
    expect(settled.vipHolders).toEqual(['node1']);

    const verify = labctl(['verify', out, '--json']);
    expect(verify.code).toBe(0);
    const result = JSON.parse(verify.stdout);
    expect(result).toMatchObject({ lost: 0, duplicated: 0 });
    expect(result.acknowledged).toBe(writes.filter((x) => x.ack).length);
    expect(result.longestOutageMs).toBeGreaterThan(0);
  });

  it('isolate puts the VIP on both nodes (split brain) and heal ends it', async () => {
    labctlOk(['fault', 'isolate', 'node2']);
    let healed = false;
    onTestFinished(() => {
      if (!healed) labctl(['fault', 'heal', 'node2']);
    });
    const split = await waitForStatus('a split brain', (s) => s.vipHolders.length === 2, 20_000);
    expect(split.vipHolders.sort()).toEqual(['node1', 'node2']);
    // The partition is between the nodes; the control plane still reaches both.
    for (const host of ['198.18.0.11', '198.18.0.12']) {
      const r = spawnSync('ssh', ['-i', 'lab/.state/id_ed25519', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=5', `root@${host}`, 'hostname'], { encoding: 'utf8', timeout: 20_000 });
      expect(r.status, host).toBe(0);
    }
    labctlOk(['fault', 'heal', 'node2']);
    healed = true;
    await waitForStatus('one VIP holder again', (s) => s.vipHolders.join() === 'node1', 20_000);
    await waitForStatus('replication reconnected', (s) => s.nodes.every((n) => n.ioRunning === 'Yes'), 30_000);
  });

  it('errant-write refuses the VIP holder and writes to the passive node directly', async () => {
    const refused = labctl(['fault', 'errant-write', 'node1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/node1 holds the VIP/);
    const note = /note=(\S+)/.exec(labctlOk(['fault', 'errant-write', 'node2']))?.[1];
    expect(note).toMatch(/^errant-/);
    const [row] = await query<{ server: number }[]>('node1', 'SELECT 1 AS server FROM app.filler WHERE note = ?', [note]);
    expect(row).toBeDefined();
  });

  it('break-binlog yields a real error 1236 on the node’s replica', async () => {
    labctlOk(['fault', 'break-binlog', 'node2']);
    const s = await waitForStatus('error 1236', (x) => x.nodes[1]?.lastIoErrno === 1236, 20_000);
    expect(s.nodes[1]).toMatchObject({ ioRunning: 'No', sqlRunning: 'Yes' });
  });

  it('down leaves no namespace, bridge, state or daemon', () => {
    const pids = labPids();
    expect(pids.length).toBeGreaterThanOrEqual(6);
    labctlOk(['down']);
    expect(netnsList().filter((n) => n.startsWith('tandem-'))).toEqual([]);
    expect(spawnSync('ip', ['link', 'show', 'tandem-br0']).status).not.toBe(0);
    expect(spawnSync('nft', ['list', 'table', 'bridge', 'tandem_lab']).status).not.toBe(0);
    expect(existsSync('lab/.state')).toBe(false);
    expect(pids.filter(alive)).toEqual([]);
    expect(labctlOk(['down'])).toBe('');
  });
});

describe.sequential('lab --seed (the seed guide: preempt, weighted check, both writable)', () => {
  beforeAll(() => void labctlOk(['up', '--seed']), 180_000);
  afterAll(() => void labctl(['down']), 120_000);

  it('leaves both nodes writable for the application and has no track file', async () => {
    expect(readOnlyOf(await labStatus())).toEqual([['node1', false], ['node2', false]]);
    expect(await appWrite('198.18.0.12', 'app')).toBe(0);
    const conf = readFileSync('lab/.state/node1/keepalived.conf', 'utf8');
    expect(conf).not.toMatch(/track_file|nopreempt/);
    expect(conf).toMatch(/weight -5/);
  });

  it('moves the VIP when the holder\'s mysqld stops and takes it back on start (preempt)', async () => {
    labctlOk(['fault', 'stop-mysqld', 'node1']);
    expect((await labStatus()).nodes[0]?.mysqld).toBe(false);
    await waitForStatus('the VIP on node2', (s) => s.vipHolders.join() === 'node2', 60_000);
    labctlOk(['fault', 'start-mysqld', 'node1']);
    await waitForStatus('the VIP back on node1', (s) => s.vipHolders.join() === 'node1', 60_000);
  });
});

describe('labctl input handling', () => {
  it('rejects unknown faults, nodes and options with a clear error', () => {
    expect(labctl(['fault', 'explode', 'node1'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/fault KIND must be one of/) });
    expect(labctl(['fault', 'stop-mysqld', 'node9'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/node1, node2 or node3/) });
    expect(labctl(['up', '--nodes', '5'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/--nodes must be 2 or 3/) });
    expect(labctl(['status', '--colour'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown option --colour/) });
  });
});
