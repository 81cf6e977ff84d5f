import { Link } from '@/components/ui/Link';
import { durationMs, needsAcknowledgement } from '@/lib/actions/run-state';
import type { TRunPush } from '@/lib/realtime/payloads';
import { Instant } from './Instant';
import { RUN_STATUS, formatMs, runSubject } from './run-format';

export const RunHistory = ({ runs }: { runs: TRunPush[] }) => (
  <section aria-labelledby="run-history-title">
    <h2 id="run-history-title" className="mb-2 text-base font-semibold">Action runs</h2>
    {runs.length === 0 ? (
      <p className="text-sm text-slate-600 dark:text-slate-300">No actions have run on this cluster yet.</p>
    ) : (
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Action runs, newest first</caption>
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:text-slate-400 dark:border-slate-700">
          <tr><th scope="col" className="py-2">Started</th><th scope="col">Action</th><th scope="col">Status</th><th scope="col">By</th><th scope="col">Duration</th><th scope="col">Details</th></tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const status = RUN_STATUS[r.status];
            return (
              <tr key={r.id} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-2"><Instant iso={r.startedAt} /></td>
                <td>{r.kind} {runSubject(r)}</td>
                <td>
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${status.className}`}>{status.label}</span>
                  {needsAcknowledgement(r) && <span className="ml-2 text-xs font-semibold text-red-700 dark:text-red-300">needs acknowledgement</span>}
                </td>
                <td>{r.requestedBy}</td>
                <td>{r.endedAt ? formatMs(durationMs(r.startedAt, r.endedAt)) : '…'}</td>
                <td><Link href={`/actions/${r.id}`} className="text-indigo-700 underline dark:text-indigo-300">Run {r.id.slice(0, 8)}</Link></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    )}
  </section>
);
