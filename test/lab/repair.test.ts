import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZChecksumResultSchema, type TChecksumReport } from '@/lib/actions/checksum/result-schema';
import type { TRunView } from '@/lib/actions/run-view';
import { getDb } from '@/lib/db/client';
import { connectNode, query } from '@/lab/mariadb';
import { readState } from '@/lab/state';
import { verifyWrites } from '@/lab/verify';
import { runWriter } from '@/lab/writer';
import type { TNodeName } from '@/lab/config';
import { abortRun, getRun, postAction, waitForEnd } from '../support/actions-api';
import { describeRun, labDown, labUp } from '../support/drill-harness';
import { scratchFile } from '../support/scratch-file';
import { repair as repairCli } from '@/scripts/cli/repair-commands';
import { labctlOk, labStatus, waitForStatus, labFault } from '../support/labctl';

// The repair wizard's strategies and the drift check against the real lab,
// each outcome checked on the nodes themselves (`labctl status`, SQL on the
// nodes' sockets) and, for the reseed, by `labctl writer`/`verify` writing
// through the VIP all along.

const failing = (body: Record<string, unknown>): string[] =>
  ((body.preflight as { check: string; ok: boolean; severity: string }[] | undefined) ?? []).filter((c) => !c.ok && c.severity === 'block').map((c) => c.check);

const start = async (json: Record<string, unknown>, as: 'operator' | 'admin' = 'operator'): Promise<TRunView> => {
  const r = await postAction('lab', json, as);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return waitForEnd((r.body.run as { id: string }).id, 240_000);
};
const repair = (params: Record<string, unknown>) => start({ kind: 'repair', params, confirm: 'lab' });
const driftOf = (run: TRunView): TChecksumReport => ZChecksumResultSchema.parse(run.kind === 'checksum' ? run.result : run.result?.drift);
const differing = (r: TChecksumReport) => r.tables.filter((t) => !t.equal).map((t) => `${t.schema}.${t.table}`);

// Writes on one node only: invisible to replication and to GTIDs.
const unlogged = async (node: TNodeName, sql: string, values: unknown[] = []) => {
  const conn = await connectNode(node);
  try {
    await conn.query('SET SESSION sql_log_bin = 0');
    await conn.query({ sql, values });
  } finally {
    await conn.end();
  }
};

const bothRunning = () => waitForStatus('replication running both ways', (s) => s.nodes.every((n) => n.ioRunning === 'Yes' && n.sqlRunning === 'Yes'), 30_000);

let holder: TNodeName;
let other: TNodeName;

describe('repair wizard and drift check on the lab', () => {
  beforeAll(async () => {
    await labUp([]);
    const s = await labStatus();
    holder = s.vipHolders[0] === 'node2' ? 'node2' : 'node1';
    other = holder === 'node1' ? 'node2' : 'node1';
    // A table big enough for many chunks, written through replication.
    await query(holder, 'CREATE TABLE app.big (id INT PRIMARY KEY, k VARCHAR(40) NOT NULL UNIQUE, v DOUBLE NULL, t TIMESTAMP NULL) ENGINE=InnoDB');
    await query(holder, "INSERT INTO app.big SELECT seq, CONCAT('key-', seq), IF(seq % 7 = 0, NULL, seq * 1.5), IF(seq % 5 = 0, NULL, FROM_UNIXTIME(1700000000 + seq)) FROM app.seq_1_to_20000");
    for (let i = 0; i < 50; i++) {
      const [row] = await query<{ c: number }[]>(other, 'SELECT COUNT(*) AS c FROM app.big');
      if (Number(row?.c) === 20000) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 240_000);
  afterAll(async () => {
    await labDown();
  }, 120_000);

  it('finds a row changed on one node only, in the one chunk that holds it, while the application writes; an operator needs no confirmation, a viewer may not', async () => {
    await unlogged(other, 'UPDATE app.big SET v = v + 1 WHERE id = 12345');
    expect((await postAction('lab', { kind: 'checksum' }, 'viewer')).status).toBe(403);
    const out = scratchFile('checksum-writer');
    let stop = false;
    const writer = runWriter({ durationS: 120, rate: 20, out, shouldStop: () => stop });
    let run: TRunView;
    try {
      run = await start({ kind: 'checksum', params: { chunkTimeMs: 100 } });
    } finally {
      stop = true;
      await writer;
    }
    expect(run.status, describeRun(run)).toBe('succeeded');
    const r = driftOf(run);
    expect(r.equal).toBe(false);
    expect(differing(r)).toEqual(['app.big']);
    const big = r.tables.find((t) => t.table === 'big');
    expect(big?.rows).toEqual([20000, 20000]);
    expect(big?.chunks).toBeGreaterThan(1);
    expect(big?.differingChunks).toHaveLength(1);
    const chunk = big?.differingChunks[0];
    expect(Number(chunk?.lower ?? 0)).toBeLessThan(12345);
    expect(chunk?.upper === null || Number(chunk?.upper) >= 12345).toBe(true);
    // The application's own table, written all along, is equal.
    expect(r.tables.find((t) => t.table === 'writes')?.equal).toBe(true);
    expect(run.steps.find((s) => s.key === 'replication-after')?.status).toBe('succeeded');
    // Put the row back: the next checks start from an equal pair.
    await unlogged(other, 'UPDATE app.big SET v = v - 1 WHERE id = 12345');
  });

  it('an abort requested while the drift check runs ends the run within seconds, says so, and leaves replication running both ways', async () => {
    // A table of 400,000 rows in a schema of its own, compared in the
    // smallest chunks: an abort sent as the compare step starts lands while
    // it reads (app alone is compared in about a second).
    await query(holder, 'CREATE DATABASE IF NOT EXISTS abortable');
    await query(holder, "CREATE TABLE abortable.t (id INT PRIMARY KEY, v VARCHAR(64) NOT NULL) ENGINE=InnoDB");
    await query(holder, 'INSERT INTO abortable.t SELECT seq, MD5(seq) FROM app.seq_1_to_400000');
    await expect.poll(async () => Number((await query<{ c: number }[]>(other, 'SELECT COUNT(*) AS c FROM abortable.t').catch(() => []))[0]?.c ?? 0), { timeout: 60_000, interval: 250 }).toBe(400000);
    const r = await postAction('lab', { kind: 'checksum', params: { schemas: ['abortable'], chunkTimeMs: 50 } }, 'operator');
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id = (r.body.run as { id: string }).id;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const run = await getRun(id);
      const compare = run.steps.find((st) => st.key === 'compare');
      if (compare?.status === 'running') break;
      expect(run.status, describeRun(run)).toBe('running');
      expect(Date.now(), 'the compare step never started').toBeLessThan(deadline);
      await new Promise((res) => setTimeout(res, 50));
    }
    const abortedAt = Date.now();
    expect((await abortRun(id, 'operator')).status).toBe(202);
    const run = await waitForEnd(id, 30_000);
    expect(run.status, describeRun(run)).toBe('aborted');
    expect(Date.now() - abortedAt).toBeLessThan(15_000);
    expect(run.error).toMatch(/aborted/);
    // Mid-table the compare step fails with the reason; a compare that
    // finished first (CI once read 400,000 rows in under a second) ends and
    // the engine stops before the next step. Either way nothing runs after.
    expect(['failed', 'succeeded']).toContain(run.steps.find((st) => st.key === 'compare')?.status);
    expect(run.steps.find((st) => st.key === 'replication-after')?.status).toBe('skipped');
    // A replica held for a chunk is let go again: both ways run.
    await bothRunning();
    await query(holder, 'DROP DATABASE abortable');
  });

  it('restarts a replica stopped by hand; nothing to compare', async () => {
    await labFault('stop-replication', other);
    const run = await repair({ node: other, strategy: 'restart' });
    expect(run.status, describeRun(run)).toBe('succeeded');
    expect(run.result?.before).toBe('IO No, SQL No');
    expect(run.result?.after).toBe('IO Yes, SQL Yes');
    expect(run.result?.driftSkipped).toMatch(/nothing to compare/);
    await bothRunning();
  });

  it('a corrupt relay log (1594) is thrown away and fetched again from the executed position; nothing lost', async () => {
    await labFault('corrupt-relay', other);
    const run = await repair({ node: other, strategy: 'relay-reset' });
    expect(run.status, describeRun(run)).toBe('succeeded');
    expect(String(run.result?.before)).toContain('SQL error 1594');
    expect((run.result?.changes as string[]).join(' ')).toMatch(/CHANGE MASTER TO MASTER_LOG_FILE = '[^']+', MASTER_LOG_POS = \d+/);
    await bothRunning();
    const check = await start({ kind: 'checksum' });
    expect(driftOf(check).equal, JSON.stringify(driftOf(check).tables.filter((t) => !t.equal))).toBe(true);
  });

  it('gtid-reposition moves a replica stopped by hand onto GTID positioning, its source holding every event it lacks', async () => {
    await labFault('stop-replication', other);
    const run = await repair({ node: other, strategy: 'gtid-reposition' });
    expect(run.status, describeRun(run)).toBe('succeeded');
    expect((run.result?.changes as string[]).join(' ')).toContain('MASTER_USE_GTID = slave_pos');
    const [status] = await query<{ Using_Gtid: string }[]>(other, 'SHOW SLAVE STATUS');
    expect(status?.Using_Gtid).toBe('Slave_Pos');
    await bothRunning();
  });

  it('tandem repair without --strategy runs what the diagnosis recommends', async () => {
    await labFault('stop-replication', other);
    const lines: string[] = [];
    const code = await repairCli({ args: ['lab'], json: false, out: (t) => lines.push(t), options: { node: other, yes: true } });
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.join('\n')).toContain('the recommended strategy is restart');
    await bothRunning();
  });

  it('reseeds a node whose binlog was purged while the application writes through the VIP: none of its writes lost, both ways Yes, the pair proven equal', async () => {
    await labFault('break-binlog', other);
    const refused = await postAction('lab', { kind: 'repair', params: { node: holder, strategy: 'reseed' }, dryRun: true });
    expect(failing(refused.body)).toContain('not-vip-holder');
    const out = scratchFile('reseed-writer');
    let stop = false;
    const writer = runWriter({ durationS: 300, rate: 20, out, shouldStop: () => stop });
    let run: TRunView;
    try {
      await new Promise((r) => setTimeout(r, 1000));
      run = await repair({ node: other, strategy: 'reseed' });
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      stop = true;
      await writer;
    }
    expect(run.status, describeRun(run)).toBe('succeeded');
    const copy = z.object({ bytes: z.number(), tables: z.number() }).parse(run.result?.copy);
    expect(copy.bytes).toBeGreaterThan(500_000);
    expect(copy.tables).toBeGreaterThanOrEqual(3);
    // Live progress reached the step's output.
    expect(run.steps.find((s) => s.key === 'copy')?.output).toMatch(/MiB, \d+ table\(s\)/);
    const r = driftOf(run);
    expect(r.equal, JSON.stringify(r.tables.filter((t) => !t.equal))).toBe(true);
    expect(r.tables.find((t) => t.table === 'big')?.rows).toEqual([20000, 20000]);
    const verified = await verifyWrites({ file: out });
    expect(verified.lost, JSON.stringify(verified)).toBe(0);
    expect(verified.acknowledged).toBeGreaterThan(20);
    expect(verified.duplicated).toBe(0);
    await bothRunning();
  });

  it("the seed's flush-reposition is refused until its risk is acknowledged, then runs, and the drift check names the table whose rows it skipped", async () => {
    await labFault('break-binlog', other);
    const refused = await postAction('lab', { kind: 'repair', params: { node: other, strategy: 'flush-reposition' }, confirm: 'lab' });
    expect(refused.status).toBe(409);
    expect(failing(refused.body)).toEqual(['risk-acknowledged']);
    const run = await repair({ node: other, strategy: 'flush-reposition', acknowledgeRisk: true });
    expect(run.status, describeRun(run)).toBe('succeeded');
    expect(run.steps.find((s) => s.key === 'drift-check')?.status).toBe('warning');
    expect(differing(driftOf(run))).toEqual(['app.filler']);
    await bothRunning();
  });

  it('a duplicate key (1062) is skipped only with the risk acknowledged, the table then compared; a reseed makes the pair equal again', async () => {
    await unlogged(other, 'INSERT INTO app.filler (id, note, at) VALUES (900001, ?, 1)', [`only-on-${other}`]);
    await query(holder, 'INSERT INTO app.filler (id, note, at) VALUES (900001, ?, 2)', [`from-${holder}`]);
    await waitForStatus('error 1062', (s) => s.nodes.find((n) => n.name === other)?.lastSqlErrno === 1062);
    const skipped = await repair({ node: other, strategy: 'skip-one', acknowledgeRisk: true });
    expect(skipped.status, describeRun(skipped)).toBe('succeeded');
    expect(differing(driftOf(skipped))).toEqual(['app.filler']);
    // Only the table the skipped transaction touched was compared.
    expect(driftOf(skipped).tables).toHaveLength(1);
    const [row] = await query<{ note: string }[]>(other, 'SELECT note FROM app.filler WHERE id = 900001');
    expect(row?.note).toBe(`only-on-${other}`);

    const reseeded = await repair({ node: other, strategy: 'reseed' });
    expect(reseeded.status, describeRun(reseeded)).toBe('succeeded');
    expect(driftOf(reseeded).equal).toBe(true);
    const [after] = await query<{ note: string }[]>(other, 'SELECT note FROM app.filler WHERE id = 900001');
    expect(after?.note).toBe(`from-${holder}`);
  });

  it('while the source is down (2003) a reconnect is refused with the reason; the IO thread reconnects once it is back', async () => {
    await labFault('stop-mysqld', other);
    try {
      await waitForStatus('error 2003', (s) => s.nodes.find((n) => n.name === holder)?.lastIoErrno === 2003);
      const refused = await postAction('lab', { kind: 'repair', params: { node: holder, strategy: 'reconnect' }, dryRun: true });
      expect(failing(refused.body)).toContain('nodes-reachable');
      expect(JSON.stringify(refused.body.preflight)).toContain('bring the source back first');
    } finally {
      await labFault('start-mysqld', other);
    }
    await bothRunning();
  });

  it('after the replication password was rotated on the source (1045), reconnect with the new one brings the IO thread back', async () => {
    await labFault('break-grant', other);
    const rotated = `rotated-${process.pid}-${Date.now()}`;
    await unlogged(holder, "ALTER USER 'repl'@'198.18.0.%' IDENTIFIED BY ?", [rotated]);
    await unlogged(holder, 'FLUSH HOSTS');
    const run = await repair({ node: other, strategy: 'reconnect', sourcePassword: rotated });
    expect(run.status, describeRun(run)).toBe('succeeded');
    expect(String(run.result?.before)).toMatch(/IO error 1045/);
    expect(JSON.stringify(run)).not.toContain(rotated);
    // Back to the lab's own password (the next test reconnects with it).
    await labFault('fix-grant', other);
  });

  it('reconnects with a new replication password that is used, never stored, shown or audited', async () => {
    const password = readState()?.secrets.repl ?? '';
    expect(password.length).toBeGreaterThan(8);
    await query(other, 'STOP SLAVE IO_THREAD');
    const run = await repair({ node: other, strategy: 'reconnect', sourcePassword: password });
    expect(run.status, describeRun(run)).toBe('succeeded');
    expect(JSON.stringify(run)).not.toContain(password);
    expect(run.params.sourcePassword).toBe('<redacted>');
    const audit = await (await getDb()).auditEvent.findMany({ where: { action: 'action.repair.request' } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(password);
    await bothRunning();
  });
});
