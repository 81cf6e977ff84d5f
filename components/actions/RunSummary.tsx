import { isActionKind } from '@/lib/actions/types';
import { ZRunResultCommonSchema, ZSwitchoverResultSchema, type TFinalStatePush, type TRunPush } from '@/lib/realtime/payloads';
import { LocalTime } from '@/components/ui/LocalTime';
import { noDriftVerdictReason } from './DriftCheckReport';
import { DriftVerdict } from './DriftReport';
import { DrillVerdict } from './DrillFigures';
import { RepairFigures } from './RepairReport';
import { checksumReportOf } from './drift-format';
import { repairReportOf } from './repair-format';
import { drillReportOf, formatCount, formatDrillMs, formatSince } from './drill-format';
import { RUN_STATUS, formatMs, kindLabel, runSubject } from './run-format';

const yesNo = (v: boolean | null): string => (v === null ? '—' : v ? 'yes' : 'no');

const FinalState = ({ state }: { state: TFinalStatePush }) => (
  <table className="mt-1 w-full text-left text-xs">
    <caption className="text-left text-sm font-medium">State left on the nodes: VIP on {state.vipHolders.join(' and ') || 'nobody'}, writable: {state.writable.join(' and ') || 'none'}</caption>
    <thead className="text-slate-600 dark:text-slate-400">
      <tr><th scope="col">Node</th><th scope="col">reachable</th><th scope="col">holds VIP</th><th scope="col">read_only</th><th scope="col">IO / SQL</th><th scope="col">last error</th></tr>
    </thead>
    <tbody className="font-mono">
      {state.nodes.map((n) => (
        <tr key={n.node}>
          <td>{n.node}</td><td>{yesNo(n.reachable)}</td><td>{yesNo(n.holdsVip)}</td><td>{n.readOnly === null ? '—' : n.readOnly ? 'ON' : 'OFF'}</td>
          <td>{n.ioRunning ?? '—'} / {n.sqlRunning ?? '—'}</td><td className="break-all">{n.lastError ?? 'none'}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

const Figures = ({ items }: { items: [string, string][] }) => (
  <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
    {items.map(([label, value]) => <div key={label} className="contents"><dt className="text-slate-600 dark:text-slate-400">{label}</dt><dd>{value}</dd></div>)}
  </dl>
);

// The headline numbers of each kind; a drill's full report is on its page.
const KindFigures = ({ run }: { run: TRunPush }) => {
  if (!isActionKind(run.kind)) return null;
  switch (run.kind) {
    case 'switchover': {
      const parsed = ZSwitchoverResultSchema.safeParse(run.result ?? {});
      const r = parsed.success ? parsed.data : null;
      return <Figures items={[['Writes blocked', formatMs(r?.writeBlockMs)], ['VIP move', formatMs(r?.vipMoveMs)], ['Duration', formatMs(r?.durationMs)]]} />;
    }
    case 'drill': {
      const r = drillReportOf(run);
      return (
        <>
          <DrillVerdict report={r} runStatus={run.status} />
          <Figures items={[['Detected', formatSince(r?.detectedMs)], ['VIP moved', formatSince(r?.vipMovedMs)], ['Write outage', formatDrillMs(r?.writeOutageMs)], ['Lost writes', formatCount(r?.writes.lost)], ['Duration', formatMs(r?.durationMs)]]} />
        </>
      );
    }
    case 'checksum': {
      const r = checksumReportOf(run);
      return (
        <>
          <DriftVerdict report={r} why={noDriftVerdictReason(run.status)} size="small" />
          {r && <Figures items={[['Tables', String(r.tables.length)], ['Chunks', String(r.chunks)], ['Duration', formatMs(r.durationMs)]]} />}
        </>
      );
    }
    case 'repair': {
      const r = repairReportOf(run);
      return r ? <RepairFigures report={r} driftHref={`/actions/${encodeURIComponent(run.id)}#drift-report`} /> : null;
    }
  }
};

// How a finished run ended: the headline numbers, what went wrong, and the
// state it left, read fresh from the nodes. A page that shows the kind's
// figures in full (a drill's report) leaves them out here.
export const RunSummary = ({ run, hasFigures = true }: { run: TRunPush; hasFigures?: boolean }) => {
  const parsed = ZRunResultCommonSchema.safeParse(run.result ?? {});
  const result = parsed.success ? parsed.data : null;
  const status = RUN_STATUS[run.status];
  return (
    <section aria-label="Run summary" className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <p className="text-base">
        {kindLabel(run.kind)} {runSubject(run)}:{' '}
        <strong className={`rounded px-2 py-0.5 ${status.className}`}>{status.label}</strong>
        {run.endedAt && <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">ended <LocalTime iso={run.endedAt} /></span>}
      </p>
      {hasFigures && <KindFigures run={run} />}
      {result?.warnings && result.warnings.length > 0 && (
        <div>
          <p className="font-medium text-amber-800 dark:text-amber-200">Warnings</p>
          <ul className="list-disc pl-5">{result.warnings.map((w) => <li key={w} className="whitespace-pre-wrap">{w}</li>)}</ul>
        </div>
      )}
      {result?.undoFailed && <p className="font-medium text-red-700 dark:text-red-300">An undo failed: the nodes may be between states.</p>}
      {run.error && <pre role="alert" className="whitespace-pre-wrap break-words font-sans text-red-700 dark:text-red-300">{run.error}</pre>}
      {run.finalState ? <FinalState state={run.finalState} /> : <p>The state left on the nodes could not be read.</p>}
    </section>
  );
};
