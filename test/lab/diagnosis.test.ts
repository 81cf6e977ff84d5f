import { readFileSync } from 'node:fs';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as diagnosisRoute from '@/app/api/clusters/[name]/diagnosis/route';
import { connectNode, query } from '@/lab/mariadb';
import { actionPool } from '@/lib/actions/action-pool';
import type { TRole } from '@/lib/auth/roles';
import { importCluster } from '@/lib/clusters/import-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { getDb } from '@/lib/db/client';
import type { TClusterDiagnosis, TNodeDiagnosis, TRepairStrategy } from '@/lib/repair/types';
import { formatDiagnosis } from '@/scripts/cli/diagnose-output';
import { authHeaders } from '../support/api';
import { labctl, labctlOk, waitForStatus, labFault } from '../support/labctl';

// The diagnosis against the real lab, fault by fault: each `labctl fault`
// produces the real server error, GET /api/clusters/lab/diagnosis (as a
// viewer) must name it, show what matters and recommend the playbook's fix;
// the test then repairs with plain SQL so the next fault starts clean.

const diagnose = async (as: TRole = 'viewer'): Promise<TClusterDiagnosis> => {
  const res = await diagnosisRoute.GET(new Request('http://127.0.0.1/api/clusters/lab/diagnosis', { headers: await authHeaders(as) }), { params: Promise.resolve({ name: 'lab' }) });
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body as TClusterDiagnosis;
};

const waitForDiagnosis = async (check: (d: TClusterDiagnosis) => boolean, timeoutMs = 20_000): Promise<TClusterDiagnosis> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await diagnose();
    if (check(d)) return d;
    if (Date.now() > deadline) throw new Error(`timed out waiting for the diagnosis: ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
};

// The one node listed, with nothing unreadable.
const only = (d: TClusterDiagnosis, node: string): TNodeDiagnosis => {
  expect(d.unreadable, JSON.stringify(d)).toEqual([]);
  expect(d.nodes.map((n) => n.node), JSON.stringify(d)).toEqual([node]);
  const n = d.nodes[0];
  if (!n) throw new Error('no diagnosis');
  return n;
};

const option = (n: TNodeDiagnosis, strategy: TRepairStrategy) => {
  const o = n.options.find((x) => x.strategy === strategy);
  if (!o) throw new Error(`${n.node}: no ${strategy} among ${n.options.map((x) => x.strategy).join(', ')}`);
  return o;
};
const recommended = (n: TNodeDiagnosis) => n.options.filter((o) => o.recommended).map((o) => o.strategy);

const running = () => waitForStatus('replication running both ways', (s) => s.nodes.every((n) => n.ioRunning === 'Yes' && n.sqlRunning === 'Yes'), 30_000);

const unlogged = async (node: 'node1' | 'node2', sql: string, values: unknown[] = []) => {
  const conn: mysql.Connection = await connectNode(node);
  try {
    await conn.query('SET SESSION sql_log_bin = 0');
    await conn.query(sql, values);
  } finally {
    await conn.end();
  }
};

const idIn = (out: string): number => Number(/id=(\d+)/.exec(out)?.[1]);

describe.sequential('replication diagnosis against the lab', () => {
  beforeAll(async () => {
    labctlOk(['down']);
    const doc = parseWith(ZClusterDocumentSchema, JSON.parse(labctlOk(['up'])));
    await importCluster({ db: await getDb(), doc });
  }, 180_000);

  afterAll(async () => {
    actionPool(await getDb()).disposeAll();
    labctl(['down']);
  }, 120_000);

  it('lists nothing while replication runs both ways', async () => {
    expect(await diagnose()).toMatchObject({ cluster: 'lab', nodes: [], unreadable: [] });
  });

  it('stop-replication: a thread stopped by hand, restart recommended', async () => {
    await labFault('stop-replication', 'node2', 'sql');
    const n = only(await diagnose(), 'node2');
    expect(n).toMatchObject({ source: 'node1', thread: 'sql', errno: null, cause: { code: 'stopped-by-hand' } });
    expect(recommended(n)).toEqual(['restart']);
    expect(option(n, 'restart').blockedBy).toEqual([]);
    await query('node2', 'START SLAVE');
    await running();
  });

  it('conflict on the VIP holder: 1062 with both rows shown and differing, reseed recommended but blocked until a switchover', async () => {
    const id = idIn(await labFault('conflict', 'node1'));
    const n = only(await diagnose(), 'node1');
    expect(n).toMatchObject({ source: 'node2', thread: 'sql', errno: 1062, cause: { code: 'duplicate-key' } });
    expect(n.evidence).toMatchObject({ schema: 'app', table: 'filler', key: { id: String(id) } });
    expect(n.evidence?.rows).toEqual([
      { node: 'node1', row: { id: String(id), note: expect.stringMatching(/^conflict-node1-/), at: '1' } },
      { node: 'node2', row: { id: String(id), note: expect.stringMatching(/^conflict-node2-/), at: '2' } },
    ]);
    // The failing event as decoded from node1's relay log: node2's insert.
    expect(n.evidence?.event).toContain('### INSERT INTO `app`.`filler`');
    expect(n.evidence?.event).toContain(`@1=${id}`);
    expect(option(n, 'skip-one')).toMatchObject({ recommended: false, risk: 'drift', needsAcknowledgement: true });
    expect(option(n, 'reseed')).toMatchObject({ recommended: true, blockedBy: [expect.stringMatching(/node1 holds the VIP: switch over to node2 first/)] });
    expect(formatDiagnosis(await diagnose())).toMatch(new RegExp(`node2: id="${id}", note="conflict-node2-\\w+", at="2"`));
    await unlogged('node1', 'DELETE FROM app.filler WHERE id = ?', [id]);
    await query('node1', 'START SLAVE');
    await running();
  });

  it('missing-row: 1032, the row missing on the replica and updated on its source', async () => {
    const id = idIn(await labFault('missing-row', 'node2'));
    const n = only(await diagnose(), 'node2');
    expect(n).toMatchObject({ thread: 'sql', errno: 1032, cause: { code: 'row-not-found' } });
    expect(n.evidence?.key).toEqual({ id: String(id) });
    expect(n.evidence?.rows).toEqual([
      { node: 'node2', row: null },
      { node: 'node1', row: expect.objectContaining({ id: String(id), note: expect.stringMatching(/-updated$/) }) },
    ]);
    expect(n.evidence?.event).toContain('### UPDATE `app`.`filler`');
    expect(recommended(n)).toEqual(['reseed']);
    // Skip the update, then give node2 the row as node1 has it.
    await query('node2', 'SET GLOBAL sql_slave_skip_counter = 1');
    await query('node2', 'START SLAVE');
    const [row] = await query<{ note: string; at: number }[]>('node1', 'SELECT note, at FROM app.filler WHERE id = ?', [id]);
    await unlogged('node2', 'INSERT INTO app.filler (id, note, at) VALUES (?, ?, ?)', [id, row?.note, row?.at]);
    await running();
  });

  it('break-grant: 1045 with the GRANT to run shown; fix-grant and the IO thread logs in again by itself', async () => {
    await labFault('break-grant', 'node2');
    const n = only(await diagnose(), 'node2');
    expect(n).toMatchObject({ thread: 'io', errno: 1045, cause: { code: 'access-denied' } });
    expect(recommended(n)).toEqual(['reconnect']);
    expect(option(n, 'reconnect').explanation).toContain("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'198.18.0.%'");
    expect(option(n, 'reconnect').explanation).toContain("CHANGE MASTER TO MASTER_USER='repl', MASTER_PASSWORD='<password>'; START SLAVE");
    const { repl } = JSON.parse(readFileSync('lab/.state/lab.json', 'utf8')).secrets as { repl: string };
    expect(JSON.stringify(n)).not.toContain(repl);
    await labFault('fix-grant', 'node2');
    await running();
  });

  it('stop-mysqld on the source: 2003, reconnect blocked while it is down; the stopped node is unreadable, not fine', async () => {
    await labFault('stop-mysqld', 'node2');
    const d = await waitForDiagnosis((x) => x.nodes.some((n) => n.errno === 2003));
    expect(d.unreadable).toEqual([{ node: 'node2', error: expect.stringMatching(/^mysqld on node2 does not answer/) }]);
    const n = d.nodes.find((x) => x.node === 'node1');
    expect(n).toMatchObject({ source: 'node2', thread: 'io', errno: 2003, cause: { code: 'cannot-connect' } });
    expect(n && recommended(n)).toEqual(['reconnect']);
    expect(n && option(n, 'reconnect').blockedBy).toEqual([expect.stringMatching(/^mysqld on node2 does not answer/)]);
    await labFault('start-mysqld', 'node2');
    await running();
  });

  it('corrupt-relay: 1594, relay-reset from the last applied position recommended', async () => {
    await labFault('corrupt-relay', 'node2');
    const n = only(await diagnose(), 'node2');
    expect(n).toMatchObject({ thread: 'sql', errno: 1594, cause: { code: 'relay-log-corrupt' } });
    expect(recommended(n)).toEqual(['relay-reset']);
    expect(option(n, 'relay-reset').blockedBy).toEqual([]);
    const [s] = await query<{ Relay_Master_Log_File: string; Exec_Master_Log_Pos: number }[]>('node2', 'SHOW SLAVE STATUS');
    expect(option(n, 'relay-reset').explanation).toContain(`MASTER_LOG_FILE='${s?.Relay_Master_Log_File}', MASTER_LOG_POS=${s?.Exec_Master_Log_Pos}`);
    await query('node2', 'STOP SLAVE');
    await query('node2', 'CHANGE MASTER TO MASTER_LOG_FILE = ?, MASTER_LOG_POS = ?', [s?.Relay_Master_Log_File, s?.Exec_Master_Log_Pos]);
    await query('node2', 'START SLAVE');
    await running();
  });

  it('plant-drift: a silent difference replication does not notice', async () => {
    const id = idIn(await labFault('plant-drift', 'node2'));
    const note = async (node: 'node1' | 'node2') => (await query<{ note: string }[]>(node, 'SELECT note FROM app.filler WHERE id = ?', [id]))[0]?.note;
    expect(await note('node2')).toBe(`${await note('node1')}-drift`);
    expect((await diagnose()).nodes).toEqual([]);
  });

  it('break-binlog: binlog purged, reseed recommended, gtid-reposition blocked by the purged events, flush-reposition never', async () => {
    await labFault('break-binlog', 'node2');
    const n = only(await diagnose(), 'node2');
    expect(n).toMatchObject({ thread: 'io', errno: 1236, cause: { code: 'binlog-purged' } });
    expect(recommended(n)).toEqual(['reseed']);
    expect(option(n, 'reseed').blockedBy).toEqual([]);
    expect(option(n, 'gtid-reposition').blockedBy).toEqual([expect.stringMatching(/node1's oldest binary log \(node1-bin\.\d+\) starts after node2's position/)]);
    expect(option(n, 'flush-reposition')).toMatchObject({ recommended: false, risk: 'data-loss', needsAcknowledgement: true });
  });
});
