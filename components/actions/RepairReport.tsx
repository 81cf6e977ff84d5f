import { Link } from '@/components/ui/Link';
import type { TRepairReport } from '@/lib/actions/repair/result-schema';
import { isRepairStrategy } from '@/lib/repair/types';
import type { TRunPush } from '@/lib/realtime/payloads';
import { LiveProgress } from './DriftProgress';
import { DriftFigures, DriftTables, DriftVerdict } from './DriftReport';
import { STRATEGY_LABEL, formatMiB, repairReportOf } from './repair-format';
import { formatMs } from './run-format';

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <>
    <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
    <dd className="break-words">{children}</dd>
  </>
);

const copyText = (copy: NonNullable<TRepairReport['copy']>): string =>
  `${formatMiB(copy.bytes)}, ${copy.tables ?? '?'} table(s)${copy.ms !== null ? ` in ${formatMs(copy.ms)}` : ''}${copy.mbPerSecond !== null ? ` (${copy.mbPerSecond} MiB/s)` : ''}`;

// What a repair did: replication before and after, how long the node took
// to catch up, every change it made, a reseed's copy, and whether the
// drift check afterwards found the nodes equal (linking to its tables).
export const RepairFigures = ({ report, driftHref }: { report: TRepairReport; driftHref: string }) => (
  <div className="space-y-2 text-sm">
    <dl aria-label="Repair figures" className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
      <Row label="Node">{report.node} (source {report.source})</Row>
      <Row label="Strategy">{isRepairStrategy(report.strategy) ? `${STRATEGY_LABEL[report.strategy]} (${report.strategy})` : report.strategy}</Row>
      <Row label="Before"><span className="font-mono">{report.before}</span></Row>
      <Row label="After"><span className="font-mono">{report.after ?? 'not checked'}</span></Row>
      <Row label="Caught up">{report.caughtUpMs === null ? '—' : `in ${formatMs(report.caughtUpMs)}`}</Row>
      {report.copy && (
        <>
          <Row label="Copy"><span className="font-mono">{copyText(report.copy)}</span></Row>
          <Row label="Positioned at"><span className="font-mono">{report.copy.gtid ?? '—'}</span></Row>
          <Row label="Dropped first">{report.copy.dropped.length > 0 ? <span className="font-mono">{report.copy.dropped.join(', ')}</span> : 'no schema'}</Row>
          <Row label="Not copied">{report.copy.skippedSchemas.join(', ')} (each node keeps its own users and grants)</Row>
        </>
      )}
    </dl>
    <div>
      <p className="font-medium">Changes</p>
      {report.changes.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">None.</p>
      ) : (
        <ul aria-label="Changes" className="list-disc pl-5 font-mono text-xs">{report.changes.map((c, i) => <li key={`${i}-${c}`} className="break-all">{c}</li>)}</ul>
      )}
    </div>
    {report.drift ? (
      <div className="space-y-1">
        <DriftVerdict report={report.drift} why="" size="small" />
        <Link href={driftHref} className="text-indigo-700 underline dark:text-indigo-300">Drift report</Link>
      </div>
    ) : (
      <p>Drift check: {report.driftSkipped ?? 'did not run (the repair stopped before it)'}.</p>
    )}
  </div>
);

// A repair's report on its run page; the drift check's tables in full
// below it, where the summary's link points.
export const RepairReport = ({ run }: { run: TRunPush }) => {
  const report = repairReportOf(run);
  return (
    <>
      <section aria-labelledby="repair-report-title" className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
        <h2 id="repair-report-title" className="text-base font-semibold">Repair report</h2>
        <LiveProgress run={run} />
        {report ? <RepairFigures report={report} driftHref="#drift-report" /> : <p className="text-sm text-slate-700 dark:text-slate-300">{run.status === 'running' ? 'The summary comes when the repair ends; follow the steps below meanwhile.' : 'This run stored no summary.'}</p>}
      </section>
      {report?.drift && (
        <section id="drift-report" aria-labelledby="drift-report-title" className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
          <h2 id="drift-report-title" className="text-base font-semibold">Drift report</h2>
          <DriftVerdict report={report.drift} why="" />
          <DriftFigures report={report.drift} />
          <DriftTables report={report.drift} />
        </section>
      )}
    </>
  );
};
