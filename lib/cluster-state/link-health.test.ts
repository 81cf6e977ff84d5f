import { describe, expect, it } from 'vitest';
import { recordedSnapshot } from '@/test/support/snapshots';
import { linkHealth } from './link-health';

describe('replication link health', () => {
  it('reads recorded snapshots: both links running when healthy, connecting to a stopped mysqld', () => {
    expect(recordedSnapshot('healthy').nodes.map((n) => linkHealth(n.replication))).toEqual(['running', 'running']);
    const stopped = recordedSnapshot('node1-mysqld-stopped').nodes.find((n) => n.name === 'node2');
    expect(stopped?.replication?.lastIoErrno).toBe(2003);
    expect(linkHealth(stopped?.replication ?? null)).toBe('connecting');
  });

  it('classifies thread states', () => {
    const base = recordedSnapshot('healthy').nodes[0]?.replication;
    if (!base) throw new Error('fixture changed');
    expect(linkHealth(null)).toBe('unknown');
    expect(linkHealth({ ...base, ioRunning: 'No', lastIoErrno: 1236 })).toBe('broken');
    expect(linkHealth({ ...base, sqlRunning: 'No', lastSqlErrno: 1062 })).toBe('broken');
    expect(linkHealth({ ...base, ioRunning: 'Connecting' })).toBe('connecting');
    expect(linkHealth({ ...base, ioRunning: null, sqlRunning: null })).toBe('unknown');
  });
});
