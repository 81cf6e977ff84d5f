import { linkHealth } from '@/lib/cluster-state/link-health';
import type { TSnapshotNode } from '@/lib/collector/snapshot';

const Row = ({ label, value, alarm = false }: { label: string; value: string | number | null | undefined; alarm?: boolean }) => (
  <>
    <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
    <dd className={`break-all font-mono ${alarm ? 'text-red-700 dark:text-red-300' : ''}`}>{value === null || value === undefined || value === '' ? '—' : String(value)}</dd>
  </>
);

const lastErrors = (r: TSnapshotNode['replication']): string | null => {
  if (!r) return null;
  const parts = [r.lastIoErrno ? `IO ${r.lastIoErrno}: ${r.lastIoError ?? ''}` : null, r.lastSqlErrno ? `SQL ${r.lastSqlErrno}: ${r.lastSqlError ?? ''}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'none';
};

export const NodePanel = ({ n }: { n: TSnapshotNode }) => {
  const errors = lastErrors(n.replication);
  return (
    <section aria-label={`Node ${n.name}`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <h3 className="mb-2 flex flex-wrap items-center gap-2 font-semibold">
        {n.name}
        {n.holdsVip && <span className="rounded bg-indigo-600 px-2 py-0.5 text-xs text-white">VIP</span>}
        <span className={`rounded px-2 py-0.5 text-xs ${n.reachable ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100' : 'bg-red-600 text-white'}`}>{n.reachable ? 'reachable' : 'unreachable'}</span>
      </h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <Row label="host" value={n.hostname ? `${n.host} (${n.hostname})` : n.host} />
        <Row label="version" value={n.version} />
        <Row label="server_id" value={n.serverId} />
        <Row label="read_only" value={n.readOnly === null ? null : n.readOnly ? 'ON' : 'OFF'} />
        <Row label="binlog" value={n.binlog ? `${n.binlog.file}:${n.binlog.position}` : null} />
        <Row label="GTID" value={n.gtidPosition} />
        <Row label="source" value={n.replication?.sourceHost} />
        <Row label="IO / SQL" value={n.replication ? `${n.replication.ioRunning ?? '—'} / ${n.replication.sqlRunning ?? '—'}` : null} alarm={n.replication !== null && linkHealth(n.replication) !== 'running'} />
        <Row label="lag" value={n.lagSeconds === null ? null : `${n.lagSeconds} s`} />
        <Row label="heartbeat lag" value={n.heartbeatLagSeconds === null ? null : `${n.heartbeatLagSeconds.toFixed(1)} s`} />
        <Row label="last errors" value={errors} alarm={errors !== null && errors !== 'none'} />
        <Row label="keepalived" value={n.keepalived.state ? `${n.keepalived.state}${n.keepalived.priority !== null ? `, priority ${n.keepalived.priority}` : ''}` : n.keepalived.running === false ? 'not running' : null} alarm={n.keepalived.running === false || n.keepalived.state === 'FAULT'} />
        <Row label="poll" value={n.pollMs === null ? null : `${n.pollMs} ms`} />
        {n.error && <Row label="error" value={n.error} alarm />}
        {n.parseErrors.length > 0 && <Row label="parse errors" value={n.parseErrors.map((p) => `${p.section}: ${p.message}`).join('; ')} alarm />}
      </dl>
    </section>
  );
};
