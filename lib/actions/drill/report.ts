import { longestOutageOf } from './longest-outage';
import type { TProbeAttempt } from '@/agents/drill-probe';
import type { TNodeSample } from '@/agents/drill-sampler';
import type { TDrillFailure } from './service-commands';

// Everything a drill saw, as recorded (absolute ms timestamps of the
// control plane's clock), and the report computed from it. Pure, so the
// figures can be checked against hand-made timelines.

export type TDrillEvent = { t: number; kind: string; node: string | null; severity: string | null; message: string };

export type TDrillEvidence = {
  runId: string;
  failure: TDrillFailure;
  node: string;
  nodes: string[];
  originalHolder: string | null;
  probeStartedAt: number | null;
  injectStartedAt: number | null;
  injectedAt: number | null;
  restoreStartedAt: number | null;
  restoredAt: number | null;
  // The pair after the restore: whole (replication both ways, one holder,
  // one writer, the holder steady), and when that was first seen.
  whole: boolean | null;
  wholeDetail: string | null;
  wholeAt: number | null;
  finalHolder: string | null;
  caughtUpAt: number | null;
  caughtUpDetail: string | null;
  attempts: TProbeAttempt[];
  skipped: number;
  samples: TNodeSample[];
  events: TDrillEvent[];
  // Per node: probe seq → rows with that seq (this run's only). null: not read.
  rows: { node: string; counts: Record<string, number> }[] | null;
  verifyError: string | null;
};

export type TSegment = { from: number; to: number; holders: string[]; writable: string[] };

export type TDrillWrites = { attempted: number; acknowledged: number; lost: number | null; duplicated: number | null; ambiguous: number | null };

export type TDrillReport = {
  failure: TDrillFailure;
  node: string;
  injectedAt: string | null;
  // How long the failure command took: events during it have negative times.
  injectCommandMs: number | null;
  newHolder: string | null;
  detectedMs: number | null;
  vipMovedMs: number | null;
  writeOutageMs: number | null;
  readOutageMs: number | null;
  writes: TDrillWrites;
  maxHolders: number;
  maxWritable: number;
  twoHoldersMs: number;
  twoWritableMs: number;
  restoredMs: number | null;
  caughtUpMs: number | null;
  vipReturned: boolean | null;
  verdict: 'passed' | 'failed' | null;
  reasons: string[];
};

// What counts as Tandem noticing: the first of these the monitor recorded.
const DETECTION_KINDS = new Set(['finding-raised', 'keepalived-transition', 'node-unreachable', 'replication-broken', 'vip-moved']);

// Two VIP holders or two writable nodes for longer than this fail a drill.
export const OVERLAP_LIMIT_MS = 1000;

// The VIP holders and writable nodes over time: a new segment whenever a
// node's sample changes either. A node is counted once it has been sampled.
// A sample of one fact changes only that one (drill-sampler.ts: the other
// field may be older than its time).
export const segmentsOf = (samples: TNodeSample[], end: number): TSegment[] => {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const state = new Map<string, { vip: boolean; readOnly: boolean | null }>();
  const segments: TSegment[] = [];
  const key = (s: TSegment) => `${s.holders.join(',')}|${s.writable.join(',')}`;
  for (const sample of sorted) {
    const was = state.get(sample.node);
    state.set(sample.node, { vip: was && sample.fact === 'readOnly' ? was.vip : sample.vip, readOnly: was && sample.fact === 'vip' ? was.readOnly : sample.readOnly });
    const names = [...state.keys()].sort();
    const next: TSegment = { from: sample.t, to: end, holders: names.filter((n) => state.get(n)?.vip), writable: names.filter((n) => state.get(n)?.readOnly === false) };
    // Samples at the same moment (a node's two facts read together) make one segment, not one of no length.
    if (segments.at(-1)?.from === sample.t) {
      segments.pop();
      const before = segments.at(-1);
      if (before) before.to = end;
    }
    const last = segments.at(-1);
    if (last && key(last) === key(next)) continue;
    if (last) last.to = sample.t;
    segments.push(next);
  }
  return segments;
};

// The longest stretch with at least two of `pick` (contiguous segments joined).
const longestOverlap = (segments: TSegment[], pick: (s: TSegment) => string[]): number => {
  let longest = 0;
  let since: number | null = null;
  for (const s of segments) {
    if (pick(s).length >= 2) {
      since ??= s.from;
      longest = Math.max(longest, s.to - since);
    } else since = null;
  }
  return longest;
};

// The longest time clients could not do `kind` (lib/actions/drill/longest-outage.ts).
export const longestOutage = (attempts: TProbeAttempt[], kind: 'write' | 'read'): number =>
  longestOutageOf(attempts.filter((a) => a.kind === kind).sort((a, b) => a.t - b.t || a.seq - b.seq));

export const countWrites = (attempts: TProbeAttempt[], rows: TDrillEvidence['rows']): TDrillWrites => {
  const writes = attempts.filter((a) => a.kind === 'write');
  const acked = new Set(writes.filter((w) => w.ok).map((w) => w.seq));
  const unacked = new Set(writes.filter((w) => !w.ok).map((w) => w.seq));
  if (rows === null) return { attempted: writes.length, acknowledged: acked.size, lost: null, duplicated: null, ambiguous: null };
  const lost = new Set<number>();
  const duplicated = new Set<number>();
  const ambiguous = new Set<number>();
  for (const { counts } of rows) {
    for (const seq of acked) if (!counts[String(seq)]) lost.add(seq);
    for (const [seq, c] of Object.entries(counts)) {
      if (c > 1) duplicated.add(Number(seq));
      if (unacked.has(Number(seq))) ambiguous.add(Number(seq));
    }
  }
  return { attempted: writes.length, acknowledged: acked.size, lost: lost.size, duplicated: duplicated.size, ambiguous: ambiguous.size };
};

export const buildDrillReport = (e: TDrillEvidence, now = Date.now()): TDrillReport => {
  const since = (t: number | null) => (t !== null && e.injectedAt !== null ? t - e.injectedAt : null);
  const end = Math.max(now, ...e.samples.map((s) => s.t));
  const segments = segmentsOf(e.samples, end);
  const afterInject = e.injectStartedAt === null ? [] : segments.filter((s) => s.from >= (e.injectStartedAt ?? 0));
  const moved = e.originalHolder === e.node ? afterInject.find((s) => s.holders.length === 1 && s.holders[0] !== e.node) : undefined;
  const detected = e.injectStartedAt === null ? undefined : e.events.filter((ev) => ev.t >= (e.injectStartedAt ?? 0) && DETECTION_KINDS.has(ev.kind)).sort((a, b) => a.t - b.t)[0];
  const watched = e.probeStartedAt === null ? segments : segments.filter((s) => s.to >= (e.probeStartedAt ?? 0));
  const writes = countWrites(e.attempts, e.rows);
  const twoHoldersMs = longestOverlap(watched, (s) => s.holders);
  const twoWritableMs = longestOverlap(watched, (s) => s.writable);

  const report: TDrillReport = {
    failure: e.failure,
    node: e.node,
    injectedAt: e.injectedAt === null ? null : new Date(e.injectedAt).toISOString(),
    injectCommandMs: e.injectedAt !== null && e.injectStartedAt !== null ? e.injectedAt - e.injectStartedAt : null,
    newHolder: moved?.holders[0] ?? null,
    detectedMs: detected ? since(detected.t) : null,
    vipMovedMs: moved ? since(moved.from) : null,
    writeOutageMs: e.attempts.length > 0 ? longestOutage(e.attempts, 'write') : null,
    readOutageMs: e.attempts.length > 0 ? longestOutage(e.attempts, 'read') : null,
    writes,
    maxHolders: Math.max(0, ...watched.map((s) => s.holders.length)),
    maxWritable: Math.max(0, ...watched.map((s) => s.writable.length)),
    twoHoldersMs,
    twoWritableMs,
    restoredMs: since(e.restoredAt),
    caughtUpMs: since(e.caughtUpAt),
    vipReturned: e.finalHolder !== null && e.originalHolder !== null ? e.finalHolder === e.originalHolder : null,
    verdict: null,
    reasons: [],
  };

  // A verdict only for a drill that got as far as counting the rows.
  if (e.injectedAt === null || e.rows === null) {
    if (e.verifyError) report.reasons.push(`not verified: ${e.verifyError}`);
    return report;
  }
  const reasons: string[] = [];
  if (writes.lost) reasons.push(`${writes.lost} acknowledged write(s) missing on a node after the restore`);
  if (writes.duplicated) reasons.push(`${writes.duplicated} write(s) present more than once`);
  if (twoHoldersMs > OVERLAP_LIMIT_MS) reasons.push(`two nodes held the VIP for ${twoHoldersMs} ms (limit ${OVERLAP_LIMIT_MS} ms)`);
  if (twoWritableMs > OVERLAP_LIMIT_MS) reasons.push(`two nodes were writable for ${twoWritableMs} ms (limit ${OVERLAP_LIMIT_MS} ms)`);
  if (e.whole !== true) reasons.push(`the pair was not whole after the restore: ${e.wholeDetail ?? 'not checked'}`);
  if (e.caughtUpAt === null) reasons.push(`replication did not catch up after the restore${e.caughtUpDetail ? `: ${e.caughtUpDetail}` : ''}`);
  if (writes.acknowledged === 0) reasons.push('the probe never had a write acknowledged, so nothing was measured');
  report.reasons = reasons;
  report.verdict = reasons.length === 0 ? 'passed' : 'failed';
  return report;
};

// What the report page draws, in ms from the injection: probe outcomes per
// 100 ms, the VIP holder / writer band, transitions and findings.
export type TDrillTimeline = {
  bucketMs: number;
  start: number;
  buckets: [number, number, number, number][];
  segments: { from: number; to: number; holders: string[]; writable: string[] }[];
  events: { t: number; kind: string; node: string | null; severity: string | null; message: string }[];
  marks: { t: number; label: string }[];
};

export const BUCKET_MS = 100;

export const buildTimeline = (e: TDrillEvidence, now = Date.now()): TDrillTimeline => {
  const zero = e.injectedAt ?? e.probeStartedAt ?? now;
  const first = Math.min(e.probeStartedAt ?? zero, ...e.attempts.map((a) => a.t));
  const last = Math.max(now, ...e.attempts.map((a) => a.t + a.ms), ...e.samples.map((s) => s.t));
  const count = Math.min(20_000, Math.max(1, Math.ceil((last - first) / BUCKET_MS)));
  const buckets: [number, number, number, number][] = Array.from({ length: count }, () => [0, 0, 0, 0]);
  for (const a of e.attempts) {
    const b = buckets[Math.min(count - 1, Math.floor((a.t - first) / BUCKET_MS))];
    if (!b) continue;
    const i = (a.kind === 'write' ? 0 : 2) + (a.ok ? 0 : 1);
    b[i] = (b[i] ?? 0) + 1;
  }
  const rel = (t: number) => t - zero;
  const marks = [
    ['probe started', e.probeStartedAt],
    ['failure injected', e.injectedAt],
    ['restore started', e.restoreStartedAt],
    ['restored', e.restoredAt],
    ['pair whole', e.wholeAt],
    ['caught up', e.caughtUpAt],
  ].flatMap(([label, t]) => (typeof t === 'number' && typeof label === 'string' ? [{ t: rel(t), label }] : []));
  return {
    bucketMs: BUCKET_MS,
    start: rel(first),
    buckets,
    segments: segmentsOf(e.samples, last).map((s) => ({ ...s, from: rel(s.from), to: rel(s.to) })),
    events: e.events.filter((ev) => ev.t >= first).map((ev) => ({ ...ev, t: rel(ev.t) })),
    marks,
  };
};
