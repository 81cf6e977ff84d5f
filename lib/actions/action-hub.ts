import type { TFinding } from '@/lib/health/types';
import type { TRunView } from './run-view';
import { isActionKind, type TActionKind } from './types';

// What the engine tells the rest of the process, kept on globalThis so the
// custom server, Next's route bundles and the collector share one hub:
// pushes of run progress, "poll now" requests to the monitor, which
// clusters have a run in progress (their expected findings are not alarms)
// and the critical findings of interrupted runs.
type THub = {
  push: (cluster: string, run: TRunView) => void;
  // To this server's own sockets only: each server follows a CLI's runs
  // itself, so a push through the Redis adapter would arrive once per server.
  pushLocal: (cluster: string, run: TRunView) => void;
  pollNow: (cluster: string) => void;
  active: Map<string, { runId: string; kind: string }>;
  interrupted: Map<string, TFinding[]>;
};

const store = globalThis as typeof globalThis & { __tandemActionHub?: THub };

export const actionHub = (): THub => (store.__tandemActionHub ??= { push: () => undefined, pushLocal: () => undefined, pollNow: () => undefined, active: new Map(), interrupted: new Map() });

export const setActionSinks = (sinks: { push: THub['push']; pushLocal?: THub['pushLocal']; pollNow: THub['pollNow'] }): void => {
  const hub = actionHub();
  hub.push = sinks.push;
  hub.pushLocal = sinks.pushLocal ?? sinks.push;
  hub.pollNow = sinks.pollNow;
};

// Findings each kind of run causes on purpose, shown as info while it runs.
// A switchover: the VIP between holders, the new writer open a moment
// before it holds the VIP, the old one read-only while it still holds it, a
// short catch-up lag. A drill breaks a node: everything but an interrupted
// run's own finding. (Kept here, not on the definitions: the collector
// imports this hub and must not pull in the actions themselves.)
const SWITCHOVER_EXPECTED = new Set<string>(['split-brain', 'vip-unassigned', 'passive-writable', 'vip-holder-read-only', 'writes-on-passive', 'lag-high', 'heartbeat-failing', 'health-check-failing']);
const REPAIR_EXPECTED = new Set<string>(['io-thread-stopped', 'sql-thread-stopped', 'io-thread-connecting', 'lag-high', 'lag-unknown', 'heartbeat-failing']);
const EXPECTED_DURING: Record<TActionKind, (code: string) => boolean> = {
  switchover: (code) => SWITCHOVER_EXPECTED.has(code),
  drill: (code) => code !== 'action-interrupted',
  // The drift check holds the replica's SQL thread for a moment when a chunk
  // differs while both nodes move.
  checksum: (code) => code === 'sql-thread-stopped' || code === 'lag-high',
  // A repair stops and restarts replication (both ways for a reseed).
  repair: (code) => REPAIR_EXPECTED.has(code) || code.startsWith('replication-'),
};

// Applied by the monitor to every snapshot it builds.
export const overlayFindings = (cluster: string, findings: TFinding[]): TFinding[] => {
  const hub = actionHub();
  const run = hub.active.get(cluster);
  const expected = (code: string) => (run && isActionKind(run.kind) ? EXPECTED_DURING[run.kind](code) : false);
  const shown = run
    ? findings.map((f) => (expected(f.code) && f.severity !== 'info' ? { ...f, severity: 'info' as const, message: `${f.message} (expected during ${run.kind} run ${run.runId.slice(0, 8)})` } : f))
    : findings;
  const extra = hub.interrupted.get(cluster) ?? [];
  return extra.length > 0 ? [...extra, ...shown] : shown;
};
