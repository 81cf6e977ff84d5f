import { Link } from '@/components/ui/Link';
import type { TRunPush } from '@/lib/realtime/payloads';
import { Instant } from './Instant';
import { DRILL_VERDICT, drillNode, drillReportOf, formatCount, formatDrillMs, formatSince, verdictKey } from './drill-format';
import { RUN_STATUS } from './run-format';

// Past drills of a cluster with their figures side by side, so a trend
// (a slower failover after a config change, a first lost write) shows.
export const DrillHistory = ({ drills }: { drills: TRunPush[] }) => (
  <section aria-labelledby="drill-history-title">
    <h2 id="drill-history-title" className="mb-2 text-base font-semibold">Failover drills</h2>
    {drills.length === 0 ? (
      <p className="text-sm text-slate-600 dark:text-slate-300">No failover drill has run on this cluster yet.</p>
    ) : (
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Failover drills, newest first; times in ms from the injection</caption>
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:text-slate-400 dark:border-slate-700">
            <tr>
              <th scope="col" className="py-2">Date</th><th scope="col">Failure</th><th scope="col">Node</th><th scope="col">Verdict</th>
              <th scope="col">Detected</th><th scope="col">VIP moved</th><th scope="col">Write outage</th><th scope="col">Lost</th><th scope="col">Restored</th><th scope="col">Report</th>
            </tr>
          </thead>
          <tbody>
            {drills.map((d) => {
              const report = drillReportOf(d);
              const key = verdictKey(report);
              const verdict = d.status === 'running' ? RUN_STATUS.running : DRILL_VERDICT[key];
              return (
                <tr key={d.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="py-2 pr-2"><Instant iso={d.startedAt} /></td>
                  <td className="pr-2">{report?.failure ?? (typeof d.params.failure === 'string' ? d.params.failure : '?')}</td>
                  <td className="pr-2">{drillNode(d, report)}</td>
                  <td className="pr-2">
                    <span className={`rounded px-2 py-0.5 text-xs font-semibold ${verdict.className}`}>{verdict.label}</span>
                    {d.status !== 'running' && key === 'none' && <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">({d.status})</span>}
                  </td>
                  <td className="pr-2 font-mono text-xs">{formatSince(report?.detectedMs)}</td>
                  <td className="pr-2 font-mono text-xs">{formatSince(report?.vipMovedMs)}</td>
                  <td className="pr-2 font-mono text-xs">{formatDrillMs(report?.writeOutageMs)}</td>
                  <td className={`pr-2 font-mono text-xs ${report?.writes.lost ? 'font-semibold text-red-700 dark:text-red-300' : ''}`}>{formatCount(report?.writes.lost)}</td>
                  <td className="pr-2 font-mono text-xs">{formatSince(report?.restoredMs)}</td>
                  <td><Link href={`/actions/${d.id}`} className="text-indigo-700 underline dark:text-indigo-300">Report {d.id.slice(0, 8)}</Link></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    )}
  </section>
);
