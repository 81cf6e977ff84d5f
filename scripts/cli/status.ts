import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { formatTable } from './output';

const dash = (v: unknown): string => (v === null || v === undefined || v === '' ? '-' : String(v));

// `tandem status` for people: the VIP, one line per node, then findings.
export const formatStatus = (s: TClusterSnapshot, now = Date.now()): string => {
  const age = ((now - new Date(s.observedAt).getTime()) / 1000).toFixed(1);
  const holders = s.vip.holders.length === 0 ? 'NOBODY' : s.vip.holders.join(' AND ');
  const lines = [`cluster ${s.cluster}: VIP ${s.vip.address} held by ${holders}${s.vip.holders.length > 1 ? ' (SPLIT BRAIN)' : ''} — observed ${age} s ago`, ''];
  lines.push(
    formatTable(
      ['NODE', 'REACHABLE', 'VERSION', 'RO', 'IO/SQL', 'LAG', 'HB LAG', 'KEEPALIVED', 'BINLOG'],
      s.nodes.map((n) => [
        n.name,
        n.reachable ? 'yes' : 'NO',
        dash(n.version?.split('-')[0]),
        n.readOnly === null ? '-' : n.readOnly ? 'ON' : 'OFF',
        n.replication ? `${dash(n.replication.ioRunning)}/${dash(n.replication.sqlRunning)}` : '-',
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
