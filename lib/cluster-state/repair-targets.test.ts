import { describe, expect, it } from 'vitest';
import type { TClusterSnapshot, TSnapshotNode } from '@/lib/collector/snapshot';
import { recordedSnapshot } from '@/test/support/snapshots';
import { repairTargets } from './repair-targets';

const withReplica = (s: TClusterSnapshot, node: string, change: Partial<NonNullable<TSnapshotNode['replication']>>): TClusterSnapshot => ({
  ...s,
  nodes: s.nodes.map((n) => (n.name === node && n.replication ? { ...n, replication: { ...n.replication, ...change } } : n)),
});

describe('repairTargets', () => {
  it('offers nothing on a healthy pair', () => {
    expect(repairTargets(recordedSnapshot('healthy'), null)).toEqual([]);
  });

  it('offers the node whose thread stopped, with its peer and its errors', () => {
    const broken = withReplica(recordedSnapshot('healthy'), 'node2', { sqlRunning: 'No', lastSqlErrno: 1062, lastSqlError: 'Duplicate entry' });
    expect(repairTargets(broken, null)).toEqual([{ node: 'node2', source: 'node1', holdsVip: false, problem: 'IO Yes, SQL No, SQL error 1062', unavailable: null }]);
    const stopped = withReplica(recordedSnapshot('healthy'), 'node1', { ioRunning: 'No', sqlRunning: 'No' });
    expect(repairTargets(stopped, null)).toEqual([{ node: 'node1', source: 'node2', holdsVip: true, problem: 'IO No, SQL No', unavailable: null }]);
  });

  it('counts an IO thread retrying a refused connection as broken, not one merely connecting', () => {
    const refused = withReplica(recordedSnapshot('healthy'), 'node2', { ioRunning: 'Connecting', lastIoErrno: 1045 });
    expect(repairTargets(refused, null).map((t) => t.problem)).toEqual(['IO Connecting, SQL Yes, IO error 1045']);
    expect(repairTargets(withReplica(recordedSnapshot('healthy'), 'node2', { ioRunning: 'Connecting' }), null)).toEqual([]);
  });

  it('says a run is in progress; a node whose MariaDB is down has no replica to repair, its peer retries (2003)', () => {
    const broken = withReplica(recordedSnapshot('healthy'), 'node2', { ioRunning: 'No', lastIoErrno: 1236 });
    expect(repairTargets(broken, { id: '0123456789abcdef', requestedBy: 'ann' })[0]?.unavailable).toBe('a run is in progress (01234567, by ann)');
    const down = recordedSnapshot('node1-mysqld-stopped');
    expect(repairTargets(down, null).map((t) => [t.node, t.problem])).toEqual([['node2', 'IO Connecting, SQL Yes, IO error 2003']]);
  });
});
