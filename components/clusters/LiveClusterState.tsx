'use client';
import type { TClusterSnapshot, TSnapshotNode } from '@/lib/collector/snapshot';
import { useClusterState } from '@/components/realtime/use-cluster-state';

const SEVERITY_CLASS = { critical: 'border-red-400 bg-red-50 dark:bg-red-950', warning: 'border-amber-400 bg-amber-50 dark:bg-amber-950', info: 'border-slate-300' } as const;

const Row = ({ label, value }: { label: string; value: string | number | null | undefined }) => (
  <>
    <dt className="text-slate-500">{label}</dt>
    <dd className="font-mono">{value === null || value === undefined || value === '' ? '—' : String(value)}</dd>
  </>
);

const NodePanel = ({ n }: { n: TSnapshotNode }) => (
  <section aria-label={`Node ${n.name}`} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
    <h3 className="mb-2 font-semibold">
      {n.name} {n.holdsVip && <span className="ml-2 rounded bg-indigo-600 px-2 py-0.5 text-xs text-white">VIP</span>}
      {!n.reachable && <span className="ml-2 rounded bg-red-600 px-2 py-0.5 text-xs text-white">unreachable</span>}
    </h3>
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <Row label="version" value={n.version} />
      <Row label="server_id" value={n.serverId} />
      <Row label="read_only" value={n.readOnly === null ? null : n.readOnly ? 'ON' : 'OFF'} />
      <Row label="binlog" value={n.binlog ? `${n.binlog.file}:${n.binlog.position}` : null} />
      <Row label="GTID" value={n.gtidPosition} />
      <Row label="IO / SQL" value={n.replication ? `${n.replication.ioRunning ?? '—'} / ${n.replication.sqlRunning ?? '—'}` : null} />
      <Row label="lag" value={n.lagSeconds === null ? null : `${n.lagSeconds} s`} />
      <Row label="last errors" value={n.replication && (n.replication.lastIoErrno || n.replication.lastSqlErrno) ? `IO ${n.replication.lastIoErrno ?? 0} / SQL ${n.replication.lastSqlErrno ?? 0}` : null} />
      <Row label="keepalived" value={n.keepalived.state ? `${n.keepalived.state}${n.keepalived.priority !== null ? ` (${n.keepalived.priority})` : ''}` : null} />
      {n.error && <Row label="error" value={n.error} />}
    </dl>
  </section>
);

export const LiveClusterState = ({ name, initial }: { name: string; initial: TClusterSnapshot | null }) => {
  const state = useClusterState(name, initial);
  if (!state) return <p className="text-sm text-slate-600">Waiting for the first observation of this cluster…</p>;
  const holders = state.vip.holders;
  const split = holders.length > 1;
  return (
    <div className="space-y-4">
      <p className={`rounded-lg border p-3 text-lg ${split ? 'border-red-500 bg-red-50 dark:bg-red-950' : 'border-slate-200 dark:border-slate-700'}`}>
        VIP <span className="font-mono">{state.vip.address}</span> held by{' '}
        <output aria-label="VIP holder" className="font-semibold">{holders.length === 0 ? 'nobody' : holders.join(' and ')}</output>
        {split && <strong className="ml-2 text-red-700 dark:text-red-300">SPLIT BRAIN</strong>}
        <span className="ml-3 text-xs text-slate-500">observed {new Date(state.observedAt).toLocaleTimeString()}</span>
      </p>
      <div className="grid gap-4 md:grid-cols-2">{state.nodes.map((n) => <NodePanel key={n.name} n={n} />)}</div>
      <section aria-label="Findings">
        <h2 className="mb-2 text-base font-semibold">Findings ({state.findings.length})</h2>
        {state.findings.length === 0 && <p className="text-sm text-slate-600">Nothing wrong found.</p>}
        <ul className="space-y-2">
          {state.findings.map((f) => (
            <li key={`${f.code}@${f.node ?? ''}`} className={`rounded-md border p-3 text-sm ${SEVERITY_CLASS[f.severity]}`}>
              <p><strong className="uppercase">{f.severity}</strong> <span className="font-mono text-xs">{f.code}</span> {f.message}</p>
              <p className="mt-1 text-slate-700 dark:text-slate-300">{f.advice}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
};
