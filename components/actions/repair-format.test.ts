import { describe, expect, it } from 'vitest';
import { ZDiagnosisSchema, type TDiagnosisOption } from '@/lib/repair/diagnosis-schema';
import { repairTargets } from '@/lib/cluster-state/repair-targets';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { repairOptions, type TOptionFacts } from '@/lib/repair/repair-options';
import type { TCauseCode } from '@/lib/repair/types';
import { runFixture } from '@/test/support/run-fixture';
import { recordedSnapshot } from '@/test/support/snapshots';
import { copyProgress, diagnosisOf, evidenceTable, needsAcknowledgement, orderOptions, repairParams, repairReportOf, repairSubject, switchoverFirst } from './repair-format';
import { runPageLabel, runSubject } from './run-format';

const option = (over: Partial<TDiagnosisOption>): TDiagnosisOption => ({ strategy: 'restart', risk: 'none', explanation: '', recommended: false, blockedBy: [], ...over });

describe('orderOptions', () => {
  it('puts the recommended option first, then those that can run, then the safer', () => {
    const options = [
      option({ strategy: 'flush-reposition', risk: 'data-loss' }),
      option({ strategy: 'reseed', risk: 'low', blockedBy: ['node2 holds the VIP'] }),
      option({ strategy: 'skip-one', risk: 'drift' }),
      option({ strategy: 'gtid-reposition', risk: 'none', recommended: true }),
      option({ strategy: 'restart', risk: 'none' }),
    ];
    expect(orderOptions(options).map((o) => o.strategy)).toEqual(['gtid-reposition', 'restart', 'skip-one', 'flush-reposition', 'reseed']);
  });
});

describe('needsAcknowledgement', () => {
  it('takes the diagnosis at its word, else the engine\u2019s list of risky strategies', () => {
    expect(needsAcknowledgement({ strategy: 'skip-one' })).toBe(true);
    expect(needsAcknowledgement({ strategy: 'flush-reposition' })).toBe(true);
    expect(needsAcknowledgement({ strategy: 'reseed' })).toBe(false);
    expect(needsAcknowledgement({ strategy: 'reseed', needsAcknowledgement: true })).toBe(true);
    expect(needsAcknowledgement({ strategy: 'skip-one', needsAcknowledgement: false })).toBe(false);
  });
});

describe('repairParams', () => {
  const choice = { node: 'node2', mustAcknowledge: false, isAcknowledged: false, sourcePassword: '' };

  it('sends the acknowledgement only where it is asked for, and only once ticked', () => {
    expect(repairParams({ ...choice, strategy: 'skip-one', mustAcknowledge: true, isAcknowledged: true })).toEqual({ node: 'node2', strategy: 'skip-one', acknowledgeRisk: true });
    expect(repairParams({ ...choice, strategy: 'flush-reposition', mustAcknowledge: true })).toEqual({ node: 'node2', strategy: 'flush-reposition' });
    expect(repairParams({ ...choice, strategy: 'restart', isAcknowledged: true })).toEqual({ node: 'node2', strategy: 'restart' });
  });

  it('sends a typed password with reconnect only', () => {
    expect(repairParams({ ...choice, strategy: 'reconnect', sourcePassword: 's3cret' })).toEqual({ node: 'node2', strategy: 'reconnect', sourcePassword: 's3cret' });
    expect(repairParams({ ...choice, strategy: 'reconnect' })).toEqual({ node: 'node2', strategy: 'reconnect' });
    expect(repairParams({ ...choice, strategy: 'reseed', sourcePassword: 's3cret' })).toEqual({ node: 'node2', strategy: 'reseed' });
  });
});

describe('diagnosisOf', () => {
  const node2 = { node: 'node2', source: 'node1', thread: 'sql' as const, errno: null, error: null, cause: { code: 'stopped-by-hand' as const, explanation: 'STOP SLAVE' }, options: [], evidence: null };

  it('reads the answer for one node: broken, unreadable (unknown, not fine), or fine', () => {
    const parsed = ZDiagnosisSchema.parse({ cluster: 'lab', checkedAt: '2026-12-01T00:00:00.000Z', nodes: [node2], unreadable: [{ node: 'node1', error: 'mysqld on node1 does not answer' }] });
    expect(diagnosisOf(parsed, 'node2')).toEqual({ kind: 'broken', diagnosis: node2 });
    expect(diagnosisOf(parsed, 'node1')).toEqual({ kind: 'unreadable', error: 'mysqld on node1 does not answer' });
    expect(diagnosisOf({ ...parsed, nodes: [], unreadable: [] }, 'node2')).toEqual({ kind: 'fine' });
  });

  it('reads an answer without the unreadable list or the per-option acknowledgement', () => {
    const parsed = ZDiagnosisSchema.safeParse({ cluster: 'lab', checkedAt: '2026-12-01T00:00:00.000Z', nodes: [{ ...node2, options: [{ strategy: 'restart', risk: 'none', explanation: '', recommended: true, blockedBy: [] }] }] });
    expect(parsed.success && parsed.data.unreadable).toEqual([]);
    expect(ZDiagnosisSchema.safeParse({ cluster: 'lab', checkedAt: 'x', nodes: [{ ...node2, cause: { code: 'gremlins', explanation: '' } }] }).success).toBe(false);
  });
});

describe('switchoverFirst', () => {
  // The wizard's inputs as the page gets them: the target from the live
  // state (the lab's recorded snapshot, node1 holding the VIP, one node's
  // SQL thread stopped) and the options the engine offers for its cause.
  const targetOf = (node: 'node1' | 'node2') => {
    const s: TClusterSnapshot = recordedSnapshot('healthy');
    const broken = { ...s, nodes: s.nodes.map((n) => (n.name === node && n.replication ? { ...n, replication: { ...n.replication, sqlRunning: 'No', lastSqlErrno: 1062 } } : n)) };
    const [target] = repairTargets(broken, null);
    if (!target) throw new Error(`the snapshot offers no repair for ${node}`);
    return target;
  };
  const optionsFor = (code: TCauseCode, facts: Pick<TOptionFacts, 'node' | 'source' | 'holdsVip'>) => repairOptions(code, { ...facts, sourceProblem: null, usesGtid: false });

  it('offers a switchover to the peer first when the node to reseed holds the VIP', () => {
    const target = targetOf('node1');
    expect(target).toMatchObject({ node: 'node1', source: 'node2', holdsVip: true });
    const options = optionsFor('duplicate-key', { node: 'node1', source: 'node2', holdsVip: true });
    // The engine blocks the reseed there; the wizard says how to unblock it.
    expect(options.find((o) => o.strategy === 'reseed')?.blockedBy.join(' ')).toMatch(/node1 holds the VIP/);
    expect(switchoverFirst(target, options)).toEqual({ to: 'node2' });
    expect(switchoverFirst(target, optionsFor('binlog-purged', { node: 'node1', source: 'node2', holdsVip: true }))).toEqual({ to: 'node2' });
  });

  it('offers none on the passive node, where a reseed may run', () => {
    const target = targetOf('node2');
    expect(target).toMatchObject({ node: 'node2', holdsVip: false });
    expect(switchoverFirst(target, optionsFor('duplicate-key', { node: 'node2', source: 'node1', holdsVip: false }))).toBeNull();
  });

  it('offers none on the VIP holder when no option is a reseed (a restart or a reconnect runs in place)', () => {
    const target = targetOf('node1');
    const options = optionsFor('stopped-by-hand', { node: 'node1', source: 'node2', holdsVip: true });
    expect(options.map((o) => o.strategy)).toEqual(['restart']);
    expect(switchoverFirst(target, options)).toBeNull();
    const login = optionsFor('access-denied', { node: 'node1', source: 'node2', holdsVip: true });
    expect(login.map((o) => o.strategy)).toEqual(['reconnect']);
    expect(switchoverFirst(target, login)).toBeNull();
    expect(switchoverFirst(target, [])).toBeNull();
  });

  it('names no peer when the live state has none (the note then says "its peer", without a button)', () => {
    expect(switchoverFirst({ holdsVip: true, source: null }, [{ strategy: 'reseed' }])).toEqual({ to: null });
  });
});

describe('evidenceTable', () => {
  it('lines the rows up by column and marks the columns that differ', () => {
    const t = evidenceTable({
      schema: 'app',
      table: 'filler',
      key: { id: '7' },
      event: null,
      rows: [
        { node: 'node1', row: { id: '7', note: 'from node1', at: '100' } },
        { node: 'node2', row: { id: '7', note: 'errant-ab12', at: '100', extra: null } },
      ],
    });
    expect(t.nodes).toEqual(['node1', 'node2']);
    expect(t.missingOn).toEqual([]);
    expect(t.columns.map((c) => [c.column, c.isDifferent])).toEqual([['id', false], ['note', true], ['at', false], ['extra', true]]);
    expect(t.columns.find((c) => c.column === 'extra')?.values).toEqual([undefined, null]);
  });

  it('says where the row is missing (1032) without marking every column', () => {
    const t = evidenceTable({ schema: 'app', table: 'filler', key: { id: '9' }, event: '### DELETE FROM `app`.`filler`', rows: [{ node: 'node1', row: { id: '9', note: null } }, { node: 'node2', row: null }] });
    expect(t.missingOn).toEqual(['node2']);
    expect(t.columns).toEqual([
      { column: 'id', values: ['9', undefined], isDifferent: false },
      { column: 'note', values: [null, undefined], isDifferent: false },
    ]);
  });
});

describe('copyProgress', () => {
  it('reads the newest progress line of the copy step', () => {
    expect(copyProgress('1.0 MiB, 1 table(s), now app.a\n12.3 MiB, 4 table(s), now big\n')).toEqual({ mib: 12.3, tables: 4, current: 'big' });
    expect(copyProgress('0.0 MiB, 0 table(s)')).toEqual({ mib: 0, tables: 0, current: null });
    expect(copyProgress('')).toBeNull();
  });
});

describe('repair runs', () => {
  const result = {
    node: 'node2',
    source: 'node1',
    strategy: 'restart',
    before: 'IO No, SQL No',
    after: 'IO Yes, SQL Yes',
    caughtUpMs: 120,
    changes: ['node2: START SLAVE'],
    equal: null,
    driftSkipped: 'restart skips and rewrites no event: nothing to compare',
    drift: null,
  };

  it('reads the stored result, and names the run by node and strategy', () => {
    const run = runFixture({ kind: 'repair', params: { node: 'node2', strategy: 'restart', acknowledgeRisk: false }, status: 'succeeded', result });
    expect(repairReportOf(run)).toEqual(result);
    expect(repairReportOf({ ...run, result: {} })).toBeNull();
    expect(repairSubject(run)).toBe('node2: restart');
    expect(runSubject(run)).toBe('node2: restart');
  });
});

describe('runPageLabel', () => {
  it('names the run page for what it shows', () => {
    expect(['switchover', 'drill', 'checksum', 'repair', 'future'].map(runPageLabel)).toEqual(['Run details', 'Drill report', 'Drift report', 'Repair report', 'Run details']);
  });
});
