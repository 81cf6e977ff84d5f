'use client';
import type { TRunPush } from '@/lib/realtime/payloads';
import { secondaryButtonClass } from '@/components/ui/styles';
import { DrillFigures, DrillVerdict } from './DrillFigures';
import { DrillTimeline } from './DrillTimeline';
import { drillReportOf } from './drill-format';
import { useDrillTimeline, type TTimelineState } from './use-drill-timeline';

const TimelineArea = ({ state }: { state: TTimelineState }) => {
  switch (state.kind) {
    case 'waiting':
      return <p className="text-sm text-slate-700 dark:text-slate-300">The timeline is drawn when the drill ends; follow the steps below meanwhile.</p>;
    case 'loading':
      return <p role="status" className="text-sm">Loading the timeline…</p>;
    case 'error':
      return <p role="alert" className="text-sm text-red-700 dark:text-red-300">The timeline could not be loaded: {state.message}</p>;
    case 'ready':
      return state.timeline ? <DrillTimeline timeline={state.timeline} /> : <p className="text-sm text-slate-700 dark:text-slate-300">This run kept no timeline (it ended before the drill recorded one).</p>;
  }
};

// A drill's report on its run page: verdict and figures beside the
// timeline, and the whole record (run and raw evidence) as JSON.
export const DrillReport = ({ run }: { run: TRunPush }) => {
  const report = drillReportOf(run);
  const timeline = useDrillTimeline(run.id, run.status !== 'running');
  return (
    <section aria-labelledby="drill-report-title" className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="drill-report-title" className="text-base font-semibold">Drill report</h2>
        {run.status !== 'running' && <a href={`/api/actions/${encodeURIComponent(run.id)}/report?download=1`} download className={`ml-auto ${secondaryButtonClass}`}>Export JSON</a>}
      </div>
      <DrillVerdict report={report} runStatus={run.status} />
      <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
        {report ? <DrillFigures report={report} /> : <p className="text-sm text-slate-700 dark:text-slate-300">The figures come when the drill ends.</p>}
        <div className="min-w-0"><TimelineArea state={timeline} /></div>
      </div>
    </section>
  );
};
