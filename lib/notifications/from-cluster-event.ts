import type { TClusterEvent } from '@/lib/collector/snapshot';
import type { TFinding } from '@/lib/health/types';
import type { TNotifyEvent, TNotifySeverity } from './schema';

const severity = (s: string | null): TNotifySeverity => (s === 'critical' || s === 'warning' ? s : 'info');

// The collector's events that a rule can ask for. Broken replication and an
// unreachable node reach people as the findings that explain them (with
// advice); their own events would say the same thing twice.
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const notifyEventOf = (cluster: string, e: TClusterEvent, now: { findings: TFinding[]; vipAddress: string | null }): TNotifyEvent | null => {
  const base = { cluster, node: e.node, at: e.at, severity: severity(e.severity), message: e.message, advice: null, code: null, runId: null, vip: null };
  const findings = now.findings;
  switch (e.kind) {
    case 'vip-moved':
      return { ...base, kind: 'vip-moved', vip: now.vipAddress === null ? null : { address: now.vipAddress, from: names(e.data?.from), to: names(e.data?.to) } };
    case 'keepalived-transition':
      return { ...base, kind: 'keepalived-transition' };
    case 'finding-raised':
    case 'finding-cleared': {
      const code = typeof e.data?.code === 'string' ? e.data.code : null;
      const finding = findings.find((f) => f.code === code && (f.node ?? null) === e.node);
      const kind = e.kind === 'finding-raised' && code === 'split-brain' ? 'split-brain' : e.kind;
      return { ...base, kind, code, advice: e.kind === 'finding-raised' ? (finding?.advice ?? null) : null };
    }
    default:
      return null;
  }
};
