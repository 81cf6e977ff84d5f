import type { TRunView } from '@/lib/actions/run-view';
import { ZDrillReportSchema, type TDrillReportPush } from '@/lib/realtime/payloads';
import { escapeControlCharacters } from '@/lib/text/control-characters';

// A drill's report for the terminal. The verdict, its reasons and the
// figures are the engine's (lib/actions/drill/report.ts); reasons quote
// what nodes said (a MySQL error, a replication state), so every piece of
// text is escaped: a node cannot forge a line such as "verdict PASSED".
const safe = (s: string): string => escapeControlCharacters(s);

export const drillReportOfRun = (run: TRunView): TDrillReportPush | null => {
  if (run.kind !== 'drill' || run.result === null) return null;
  const parsed = ZDrillReportSchema.safeParse(run.result);
  return parsed.success ? parsed.data : null;
};

const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const since = (ms: number | null): string => (ms === null ? '-' : `${ms < 0 ? '-' : '+'}${secs(Math.abs(ms))}`);
const span = (ms: number | null): string => (ms === null ? '-' : secs(ms));
const count = (n: number | null): string => (n === null ? '?' : String(n));
const yesNo = (v: boolean | null): string => (v === null ? '-' : v ? 'yes' : 'no');

// What was broken where: from the report, else the request and the step
// that breaks the node (the node defaults to the VIP holder).
export const drillSubjectOf = (run: TRunView, report: TDrillReportPush | null = drillReportOfRun(run)): string => {
  const failure = report?.failure ?? (typeof run.params.failure === 'string' ? run.params.failure : '?');
  const node = report?.node ?? (typeof run.params.node === 'string' ? run.params.node : null) ?? run.steps.find((s) => s.key === 'inject')?.node ?? '?';
  return `${safe(failure)} on ${safe(node)}`;
};

export const drillVerdictOf = (run: TRunView): 'passed' | 'failed' | null => drillReportOfRun(run)?.verdict ?? null;

export const formatDrillReport = (run: TRunView): string => {
  const r = drillReportOfRun(run);
  if (!r) return `Drill ${drillSubjectOf(run, null)}: no report${run.status === 'running' ? ' yet (still running)' : ''}`;
  const w = r.writes;
  const verdict = r.verdict === null ? 'NONE (the drill ended before it counted the probe\'s rows)' : r.verdict.toUpperCase();
  const overlap = (n: number, ms: number, what: string) => `max ${n} ${what}${ms > 0 ? ` (two for ${secs(ms)})` : ''}`;
  return [
    `Drill ${drillSubjectOf(run, r)}: verdict ${verdict}`,
    ...r.reasons.map((x) => `  reason: ${safe(x)}`),
    `  injected      ${r.injectedAt ? safe(r.injectedAt) : 'never'}${r.hold !== undefined ? `; held ${r.hold} s` : ''}${r.writesPerSecond !== undefined ? `; probe ${r.writesPerSecond} writes/s` : ''}`,
    `  detected      ${since(r.detectedMs)}`,
    `  VIP moved     ${r.vipMovedMs === null ? 'no' : `${since(r.vipMovedMs)} to ${safe(r.newHolder ?? '?')}`}`,
    `  write outage  ${span(r.writeOutageMs)}`,
    `  read outage   ${span(r.readOutageMs)}`,
    `  restored      ${since(r.restoredMs)}`,
    `  caught up     ${since(r.caughtUpMs)}`,
    `  writes        ${w.attempted} attempted, ${w.acknowledged} acknowledged, ${count(w.lost)} lost, ${count(w.duplicated)} duplicated, ${count(w.ambiguous)} ambiguous`,
    `  overlap       ${overlap(r.maxHolders, r.twoHoldersMs, 'VIP holder(s)')}, ${overlap(r.maxWritable, r.twoWritableMs, 'writable')}`,
    `  VIP returned  ${yesNo(r.vipReturned)}`,
  ].join('\n');
};
