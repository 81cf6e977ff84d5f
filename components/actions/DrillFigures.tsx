import type { TDrillReportPush } from '@/lib/realtime/payloads';
import { LocalTime } from '@/components/ui/LocalTime';
import { DRILL_VERDICT, formatCount, formatDrillMs, formatSince, verdictKey } from './drill-format';

const yesNo = (v: boolean | null): string => (v === null ? '—' : v ? 'yes' : 'no');

// The verdict with the engine's reasons; "no verdict" says why there is
// none (the drill stopped before it counted the rows).
export const DrillVerdict = ({ report, runStatus }: { report: TDrillReportPush | null; runStatus: string }) => {
  const key = verdictKey(report);
  const v = DRILL_VERDICT[key];
  return (
    <div aria-label="Drill verdict" role="group">
      <p className="text-base">
        Verdict: <strong className={`rounded px-2 py-0.5 ${v.className}`}>{v.label}</strong>
        {key === 'none' && <span className="ml-2 text-sm text-slate-700 dark:text-slate-300">{runStatus === 'running' ? 'the drill is still running' : 'the drill did not get as far as counting the probe\u2019s rows'}</span>}
      </p>
      {report && report.reasons.length > 0 && (
        <ul aria-label="Verdict reasons" className="mt-1 list-disc pl-5 text-sm">
          {report.reasons.map((r) => <li key={r} className="whitespace-pre-wrap break-words">{r}</li>)}
        </ul>
      )}
    </div>
  );
};

const WRITE_ROWS: { key: keyof TDrillReportPush['writes']; label: string; title?: string; isBad: boolean }[] = [
  { key: 'attempted', label: 'attempted', isBad: false },
  { key: 'acknowledged', label: 'acknowledged', isBad: false },
  { key: 'lost', label: 'lost', title: 'acknowledged to the probe but missing on a node after the restore', isBad: true },
  { key: 'duplicated', label: 'duplicated', title: 'present more than once on a node', isBad: true },
  { key: 'ambiguous', label: 'ambiguous', title: 'not acknowledged (the client saw an error) but present: the write landed', isBad: false },
];

const Row = ({ label, value, title }: { label: string; value: string; title?: string }) => (
  <>
    <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
    <dd className="font-mono" title={title}>{value}</dd>
  </>
);

// Times are ms from the injection (the moment the failure command
// returned); outages are the longest stretch the probe could not write
// (read) through the VIP.
export const DrillFigures = ({ report }: { report: TDrillReportPush }) => {
  const w = report.writes;
  return (
    <div className="space-y-3 text-sm">
      <dl aria-label="Drill timings" className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <Row label="Failure" value={`${report.failure} on ${report.node}`} />
        <dt className="text-slate-600 dark:text-slate-400">Injected at</dt>
        <dd>{report.injectedAt ? <><LocalTime iso={report.injectedAt} /> <span className="font-mono text-xs">({report.injectedAt})</span></> : 'not injected'}</dd>
        {typeof report.injectCommandMs === 'number' && <Row label="Failure command took" value={formatDrillMs(report.injectCommandMs)} title="times are from when it returned, so what happened while it ran is negative" />}
        <Row label="Detected" value={formatSince(report.detectedMs)} title="first monitor finding or keepalived transition after the injection" />
        <Row label="VIP moved" value={report.vipMovedMs === null ? 'did not move' : `${formatSince(report.vipMovedMs)} to ${report.newHolder ?? '?'}`} title="when the peer alone held the VIP" />
        <Row label="Write outage" value={formatDrillMs(report.writeOutageMs)} />
        <Row label="Read outage" value={formatDrillMs(report.readOutageMs)} />
        <Row label="Restored" value={formatSince(report.restoredMs)} />
        <Row label="Caught up" value={formatSince(report.caughtUpMs)} />
        <Row label="VIP returned" value={yesNo(report.vipReturned)} title="whether the VIP went back to the node that held it before (preempt)" />
        {report.hold !== undefined && <Row label="Hold" value={`${report.hold} s${report.writesPerSecond !== undefined ? `, ${report.writesPerSecond} writes/s` : ''}`} />}
      </dl>
      <table aria-label="Probe writes" className="text-left">
        <caption className="text-left text-slate-600 dark:text-slate-400">Probe writes</caption>
        <tbody className="font-mono">
          {WRITE_ROWS.map(({ key, label, title, isBad }) => {
            const v = w[key];
            return (
              <tr key={key}>
                <th scope="row" title={title} className="pr-4 font-sans font-normal text-slate-600 dark:text-slate-400">{label}</th>
                <td className={isBad && v ? 'font-semibold text-red-700 dark:text-red-300' : undefined}>{formatCount(v)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl aria-label="Drill overlaps" className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <Row label="Max VIP holders" value={`${report.maxHolders}${report.twoHoldersMs > 0 ? ` (two for ${formatDrillMs(report.twoHoldersMs)})` : ''}`} />
        <Row label="Max writable" value={`${report.maxWritable}${report.twoWritableMs > 0 ? ` (two for ${formatDrillMs(report.twoWritableMs)})` : ''}`} />
      </dl>
    </div>
  );
};
