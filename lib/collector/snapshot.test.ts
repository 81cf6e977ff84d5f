import { describe, expect, it } from 'vitest';
import { recordedSnapshot } from '@/test/support/snapshots';
import { savedStateFingerprint, snapshotFingerprint, type TClusterSnapshot } from './snapshot';

const healthy = (): TClusterSnapshot => recordedSnapshot('healthy');
const withReplication = (s: TClusterSnapshot, i: number, patch: Record<string, unknown>): TClusterSnapshot => {
  const nodes = s.nodes.map((n, j) => (j === i && n.replication ? { ...n, replication: { ...n.replication, ...patch } } : n));
  return { ...s, nodes };
};

describe('which snapshot changes are saved at once', () => {
  it('leaves replicated-write counters to the periodic save, but pushes them', () => {
    const recorded = healthy();
    const i = recorded.nodes.findIndex((n) => n.replication !== null);
    expect(i).toBeGreaterThanOrEqual(0);
    // The recording predates the relay log fields.
    const before = withReplication(recorded, i, { relayLogFile: 'node2-relay-bin.000002', relayLogPos: 1726 });
    const moved = withReplication(before, i, { execSourceLogPos: 999_999, readSourceLogPos: 999_999, relayLogFile: 'node2-relay-bin.000003', relayLogPos: 999_999, secondsBehindSource: 3 });
    const after = { ...moved, nodes: moved.nodes.map((n) => ({ ...n, lagSeconds: 3, heartbeatLagSeconds: 2.5, binlog: n.binlog && { ...n.binlog, position: n.binlog.position + 100 } })) };
    expect(savedStateFingerprint(after)).toBe(savedStateFingerprint(before));
    expect(snapshotFingerprint(after)).not.toBe(snapshotFingerprint(before));
  });

  it('saves at once a stopped thread, a new VIP holder, a finding or a read_only change', () => {
    const before = healthy();
    const i = before.nodes.findIndex((n) => n.replication !== null);
    const changes: TClusterSnapshot[] = [
      withReplication(before, i, { sqlRunning: 'No', lastSqlErrno: 1062 }),
      { ...before, vip: { ...before.vip, holders: [...before.vip.holders, 'other'] } },
      { ...before, findings: [...before.findings, { code: 'split-brain', severity: 'critical', message: 'two holders', advice: 'look' }] },
      { ...before, nodes: before.nodes.map((n) => ({ ...n, readOnly: !n.readOnly })) },
    ];
    for (const changed of changes) expect(savedStateFingerprint(changed)).not.toBe(savedStateFingerprint(before));
  });
});
