import type { TRunPush } from '@/lib/realtime/payloads';
import { LiveProgress } from './DriftProgress';
import { DriftFigures, DriftTables, DriftVerdict } from './DriftReport';
import { checksumReportOf } from './drift-format';

// Why a drift check has no verdict, by how its run stands.
export const noDriftVerdictReason = (status: TRunPush['status']): string =>
  status === 'running' ? 'The drift check is still comparing: it follows below as it goes.' : 'The drift check ended before it had compared every table (see the steps below).';

// A drift check's report on its run page: the verdict, big; while it
// runs, where it is; then every table, differing ones first.
export const DriftCheckReport = ({ run }: { run: TRunPush }) => {
  const report = checksumReportOf(run);
  return (
    <section id="drift-report" aria-labelledby="drift-report-title" className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <h2 id="drift-report-title" className="text-base font-semibold">Drift report</h2>
      <DriftVerdict report={report} why={noDriftVerdictReason(run.status)} />
      <LiveProgress run={run} />
      {report && <DriftFigures report={report} />}
      {report && <DriftTables report={report} />}
    </section>
  );
};
