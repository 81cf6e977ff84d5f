import { Link } from '@/components/ui/Link';
import { durationMs } from '@/lib/actions/run-state';
import type { TRunPush } from '@/lib/realtime/payloads';
import { Instant } from './Instant';
import { DRIFT_VERDICT, checksumReportOf, driftVerdictKey } from './drift-format';
import { RUN_STATUS, formatMs } from './run-format';

// Past drift checks of a cluster, newest first: when, the verdict, how
// many tables differed, and a link to each report.
export const DriftHistory = ({ checks }: { checks: TRunPush[] }) => (
  <section aria-labelledby="drift-history-title">
    <h2 id="drift-history-title" className="mb-2 text-base font-semibold">Drift checks</h2>
    {checks.length === 0 ? (
      <p className="text-sm text-slate-600 dark:text-slate-300">No drift check has run on this cluster yet.</p>
    ) : (
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Drift checks, newest first</caption>
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-700 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-2">Date</th><th scope="col">By</th><th scope="col">Verdict</th><th scope="col">Tables</th>
              <th scope="col">Differing</th><th scope="col">Chunks</th><th scope="col">Duration</th><th scope="col">Report</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => {
              const report = checksumReportOf(c);
              const key = driftVerdictKey(report);
              const verdict = c.status === 'running' ? RUN_STATUS.running : DRIFT_VERDICT[key];
              const differing = report ? report.tables.filter((t) => !t.equal).length : null;
              return (
                <tr key={c.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="py-2 pr-2"><Instant iso={c.startedAt} /></td>
                  <td className="pr-2">{c.requestedBy}</td>
                  <td className="pr-2">
                    <span className={`rounded px-2 py-0.5 text-xs font-semibold ${verdict.className}`}>{verdict.label}</span>
                    {c.status !== 'running' && key === 'none' && <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">({c.status})</span>}
                  </td>
                  <td className="pr-2 font-mono text-xs">{report?.tables.length ?? '—'}</td>
                  <td className={`pr-2 font-mono text-xs ${differing ? 'font-semibold text-red-700 dark:text-red-300' : ''}`}>{differing ?? '—'}</td>
                  <td className="pr-2 font-mono text-xs">{report?.chunks ?? '—'}</td>
                  <td className="pr-2 font-mono text-xs">{c.endedAt ? formatMs(durationMs(c.startedAt, c.endedAt)) : '…'}</td>
                  <td><Link href={`/actions/${c.id}`} className="text-indigo-700 underline dark:text-indigo-300">Report {c.id.slice(0, 8)}</Link></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    )}
  </section>
);
