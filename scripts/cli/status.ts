import { ageOf, isStale } from '@/lib/cluster-state/freshness';
import { linkHealth } from '@/lib/cluster-state/link-health';
import { statusOf } from '@/lib/cluster-state/overall-status';
import { vipStateOf, type TVipState } from '@/lib/cluster-state/vip-state';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { formatTable } from './output';

const dash = (v: unknown): string => (v === null || v === undefined || v === '' ? '-' : String(v));

// Two holders are a split brain only when the collector says so (the
// split-brain finding); for a moment during a move they are not.
const vipNote = (vip: TVipState): string => {
  switch (vip) {
    case 'split-brain':
      return ' (SPLIT BRAIN)';
    case 'moving':
      return ' (moving)';
    case 'unassigned':
    case 'held':
      return '';
  }
};

// `tandem status` for people: the VIP, one line per node, then findings.
export const formatStatus = (s: TClusterSnapshot, now = Date.now()): string => {
  const ageMs = ageOf(s.observedAt, now);
  const holders = s.vip.holders.length === 0 ? 'NOBODY' : s.vip.holders.join(' AND ');
  const header = `cluster ${s.cluster} (${statusOf(s)}): VIP ${s.vip.address} held by ${holders}${vipNote(vipStateOf(s))} — observed ${(ageMs / 1000).toFixed(1)} s ago${isStale(ageMs) ? ' (STALE)' : ''}`;
  const lines = [header, ''];
  lines.push(
    formatTable(
      ['NODE', 'REACHABLE', 'VERSION', 'RO', 'IO/SQL', 'LINK', 'LAG', 'HB LAG', 'KEEPALIVED', 'BINLOG'],
      s.nodes.map((n) => [
        n.name,
        n.reachable ? 'yes' : 'NO',
        dash(n.version?.split('-')[0]),
        n.readOnly === null ? '-' : n.readOnly ? 'ON' : 'OFF',
        n.replication ? `${dash(n.replication.ioRunning)}/${dash(n.replication.sqlRunning)}` : '-',
        n.replication ? linkHealth(n.replication) : '-',
        dash(n.lagSeconds),
        n.heartbeatLagSeconds === null ? '-' : n.heartbeatLagSeconds.toFixed(2),
        `${dash(n.keepalived.state)}${n.keepalived.priority !== null ? ` (${n.keepalived.priority})` : ''}`,
        n.binlog ? `${n.binlog.file}:${n.binlog.position}` : '-',
      ]),
    ),
  );
  lines.push('');
  if (s.findings.length === 0) lines.push('No findings.');
  for (const f of s.findings) {
    lines.push(`${f.severity.toUpperCase().padEnd(8)} ${f.node ? `${f.node}: ` : ''}${f.message}`);
    lines.push(`         → ${f.advice}`);
  }
  return lines.join('\n');
};
