import type { TSnapshotNode } from '@/lib/collector/snapshot';

// One replication direction, in one word.
export type TLinkHealth = 'running' | 'connecting' | 'broken' | 'unknown';

export const linkHealth = (r: TSnapshotNode['replication']): TLinkHealth => {
  if (!r) return 'unknown';
  if (r.ioRunning === 'Yes' && r.sqlRunning === 'Yes') return 'running';
  if (r.ioRunning === 'Connecting' && r.sqlRunning === 'Yes') return 'connecting';
  if (r.ioRunning === 'No' || r.sqlRunning === 'No' || (r.lastIoErrno ?? 0) > 0 || (r.lastSqlErrno ?? 0) > 0) return 'broken';
  return 'unknown';
};
