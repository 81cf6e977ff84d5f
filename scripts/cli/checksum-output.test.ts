import { describe, expect, it } from 'vitest';
import { runFixture } from '@/test/support/run-fixture';
import { formatChecksumReport, formatRepairReport } from './checksum-output';

const drift = {
  equal: false,
  atGtid: '0-1-7124',
  nodes: ['node1', 'node2'],
  writer: 'node1',
  schemas: null,
  tables: [
    { schema: 'app', table: 'filler', rows: [8, 5], equal: false, differingChunks: [{ lower: null, upper: '1000' }], unsettledChunks: [], problem: null, chunks: 1 },
    { schema: 'app', table: 'gone', rows: [0, 0], equal: false, differingChunks: [], unsettledChunks: [], problem: 'missing on node2', chunks: 0 },
    { schema: 'app', table: 'big', rows: [20000, 20000], equal: true, differingChunks: [], unsettledChunks: [], problem: null, chunks: 7 },
  ],
  chunks: 9,
  pinnedChunks: 1,
  durationMs: 1800,
};

describe('the drift check and repair summaries', () => {
  it('says DIFFERENT and lists only the differing tables with each node’s rows and where', () => {
    const text = formatChecksumReport(runFixture({ kind: 'checksum', status: 'succeeded', result: drift }));
    expect(text).toMatch(/^DIFFERENT: 3 table\(s\), 9 chunk\(s\), 1 read with the replica held, 1\.8 s; last point 0-1-7124/);
    expect(text).toMatch(/app\.filler\s+8\s+5\s+differs \(start … 1000\]/);
    expect(text).toContain('missing on node2');
    expect(text).not.toContain('app.big');
  });

  it('says EQUAL with no table list when every table matches, and escapes control characters from the nodes', () => {
    const text = formatChecksumReport(runFixture({ kind: 'checksum', status: 'succeeded', result: { ...drift, equal: true, atGtid: '0-1-9\u001b[2J', tables: [drift.tables[2]] } }));
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toMatch(/^EQUAL/);
    expect(text).not.toContain('\u001b');
  });

  it('summarises a repair: before and after, what changed, the copy, and the drift verdict', () => {
    const text = formatRepairReport(
      runFixture({
        kind: 'repair',
        status: 'succeeded',
        result: { node: 'node2', source: 'node1', strategy: 'reseed', before: 'IO No, SQL Yes, IO error 1236', after: 'IO Yes, SQL Yes', caughtUpMs: 1200, changes: ['node2: RESET MASTER'], equal: true, driftSkipped: null, drift: { ...drift, equal: true, tables: [drift.tables[2]] }, copy: { bytes: 10485760, tables: 4, ms: 5000, mbPerSecond: 2, gtid: '0-1-9', dropped: ['app'], skippedSchemas: ['mysql'] } },
      }),
    );
    expect(text).toContain('before: IO No, SQL Yes, IO error 1236');
    expect(text).toContain('after:  IO Yes, SQL Yes; caught up in 1.2 s');
    expect(text).toContain('copy: 10.0 MiB, 4 table(s) in 5.0 s (2 MiB/s)');
    expect(text).toContain('changed: node2: RESET MASTER');
    expect(text).toMatch(/EQUAL: 1 table\(s\)/);
  });

  it('shows progress words rather than garbage while a run has no result yet', () => {
    expect(formatChecksumReport(runFixture({ kind: 'checksum' }))).toBe('comparing…');
    expect(formatRepairReport(runFixture({ kind: 'repair' }))).toBe('repairing…');
  });
});
