import { findingKey } from '@/lib/health/evaluate-health';
import type { TClusterEvent, TClusterSnapshot } from './snapshot';

const threadsOk = (n: TClusterSnapshot['nodes'][number]) => n.replication === null || (n.replication.ioRunning === 'Yes' && n.replication.sqlRunning === 'Yes');

// Turns two consecutive snapshots into the events a DBA cares about. The first
// snapshot of a cluster only raises its findings (there is nothing to compare).
export const diffSnapshots = (prev: TClusterSnapshot | undefined, next: TClusterSnapshot): TClusterEvent[] => {
  const at = next.observedAt;
  const events: TClusterEvent[] = [];
  if (prev) {
    const before = prev.vip.holders.join(',');
    const after = next.vip.holders.join(',');
    if (before !== after) {
      events.push({
        at,
        kind: 'vip-moved',
        node: next.vip.holders[0] ?? null,
        severity: next.vip.holders.length === 1 ? 'info' : 'critical',
        message: `VIP ${next.vip.address} moved from ${prev.vip.holders.join(' and ') || 'nobody'} to ${next.vip.holders.join(' and ') || 'nobody'}`,
        data: { from: prev.vip.holders, to: next.vip.holders },
      });
    }
    for (const n of next.nodes) {
      const p = prev.nodes.find((x) => x.name === n.name);
      if (!p) continue;
      if (p.reachable && !n.reachable) events.push({ at, kind: 'node-unreachable', node: n.name, severity: 'critical', message: `${n.name} became unreachable: ${n.error ?? ''}` });
      if (!p.reachable && n.reachable) events.push({ at, kind: 'node-reachable', node: n.name, severity: 'info', message: `${n.name} is reachable again` });
      if (!n.reachable || !p.reachable) continue;
      if (threadsOk(p) && !threadsOk(n)) {
        events.push({ at, kind: 'replication-broken', node: n.name, severity: 'critical', message: `replication on ${n.name} broke (IO ${n.replication?.ioRunning}, SQL ${n.replication?.sqlRunning})`, data: { lastIoErrno: n.replication?.lastIoErrno ?? null, lastSqlErrno: n.replication?.lastSqlErrno ?? null } });
      }
      if (!threadsOk(p) && threadsOk(n)) events.push({ at, kind: 'replication-recovered', node: n.name, severity: 'info', message: `replication on ${n.name} is running again` });
      if (p.keepalived.state !== n.keepalived.state && n.keepalived.state !== null) {
        events.push({ at, kind: 'keepalived-transition', node: n.name, severity: 'info', message: `keepalived on ${n.name}: ${p.keepalived.state ?? 'unknown'} → ${n.keepalived.state}`, data: { from: p.keepalived.state, to: n.keepalived.state, since: n.keepalived.since } });
      }
    }
  }
  const old = new Map((prev?.findings ?? []).map((f) => [findingKey(f), f]));
  const now = new Map(next.findings.map((f) => [findingKey(f), f]));
  for (const [key, f] of now) if (!old.has(key)) events.push({ at, kind: 'finding-raised', node: f.node ?? null, severity: f.severity, message: f.message, data: { code: f.code } });
  for (const [key, f] of old) if (!now.has(key)) events.push({ at, kind: 'finding-cleared', node: f.node ?? null, severity: f.severity, message: `cleared: ${f.message}`, data: { code: f.code } });
  return events;
};
