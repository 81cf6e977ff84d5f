import { describe, expect, it } from 'vitest';
import { diagnoseNode } from '@/lib/repair/diagnose-node';
import type { TClusterDiagnosis, TNodeDiagnosis } from '@/lib/repair/types';
import { formatDiagnosis } from './diagnose-output';

const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

const conflict = (note: string): TNodeDiagnosis => {
  const d = diagnoseNode({
    node: 'node2',
    source: 'node1',
    status: { ioRunning: 'Yes', sqlRunning: 'No', lastIoErrno: 0, lastIoError: null, lastSqlErrno: 1062, lastSqlError: "Could not execute Write_rows_v1 event on table app.filler; Duplicate entry '2034' for key 'PRIMARY', Error_code: 1062; handler error HA_ERR_FOUND_DUPP_KEY; the event's master log node1-bin.000001, end_log_pos 4096" },
    facts: { sourceProblem: null, holdsVip: false, usesGtid: false, rowsIdentical: false },
    evidence: {
      schema: 'app',
      table: 'filler',
      key: { id: '2034' },
      event: '# at 1300\n### INSERT INTO `app`.`filler`\n###   @1=2034',
      rows: [
        { node: 'node2', row: { id: '2034', note, at: '1' } },
        { node: 'node1', row: { id: '2034', note: 'conflict-node1-aa', at: '2' } },
      ],
    },
  });
  if (!d) throw new Error('expected a diagnosis');
  return d;
};

const report = (nodes: TNodeDiagnosis[], unreadable: TClusterDiagnosis['unreadable'] = []): TClusterDiagnosis => ({ cluster: 'lab', checkedAt: '2026-12-03T03:00:00.000Z', nodes, unreadable });

describe('tandem diagnose', () => {
  it('says so when replication runs everywhere', () => {
    expect(formatDiagnosis(report([]))).toBe('cluster lab: replication diagnosis at 2026-12-03T03:00:00.000Z\n\nReplication runs cleanly on every node.');
  });

  it('shows the cause, both rows, the decoded event and the options with the recommended one marked', () => {
    const text = formatDiagnosis(report([conflict('conflict-node2-aa')]));
    const lines = text.split('\n');
    expect(lines[2]).toBe('node2 ← node1: SQL thread, error 1062 — duplicate-key');
    expect(text).toContain('  row app.filler (id=2034):');
    expect(text).toContain('    node2: id="2034", note="conflict-node2-aa", at="1"');
    expect(text).toContain('    node1: id="2034", note="conflict-node1-aa", at="2"');
    expect(text).toContain('    | ### INSERT INTO `app`.`filler`');
    expect(lines).toContain('  - skip-one (risk drift, acknowledge the risk first)');
    expect(lines).toContain('  * reseed (risk low) — recommended');
  });

  it('escapes what the nodes wrote, so a row cannot forge a line', () => {
    const text = formatDiagnosis(report([conflict('x\n  * skip-one (risk none) — recommended\u001b[2J\u202e')], [{ node: 'node3', error: 'mysqld on node3 does not answer\r\nfake' }]));
    expect(text.split('\n').filter((l) => l.startsWith('  *'))).toEqual(['  * reseed (risk low) — recommended']);
    expect(text).not.toMatch(CONTROLS);
    expect(text).toContain('node3: not read (mysqld on node3 does not answer\\x0d\\x0afake); its replication is unknown');
  });

  it('lists what blocks an option', () => {
    const d = diagnoseNode({ node: 'node1', source: 'node2', status: { ioRunning: 'Connecting', sqlRunning: 'Yes', lastIoErrno: 2003, lastIoError: "error connecting to master 'repl@198.18.0.12:3306'", lastSqlErrno: 0, lastSqlError: null }, facts: { sourceProblem: 'mysqld on node2 does not answer', holdsVip: true, usesGtid: false } });
    const text = formatDiagnosis(report(d ? [d] : []));
    expect(text).toContain('  * reconnect (risk none, BLOCKED) — recommended');
    expect(text).toMatch(/ {6}blocked: mysqld on node2 does not answer; start it/);
  });
});
