import type { TStepPush } from '@/lib/realtime/payloads';
import { STEP_STATUS, stepDuration } from './run-format';

// A run's steps as they tick: status, node, duration once ended, the
// output. The exact commands stay folded on the live panel (the dialog
// showed them before confirming) and open on the run's page.
export const StepList = ({ steps, showCommands }: { steps: TStepPush[]; showCommands: boolean }) => (
  <ol aria-label="Steps" className="space-y-2">
    {steps.map((s) => {
      const status = STEP_STATUS[s.status];
      return (
        <li key={s.position} aria-label={`Step ${s.position + 1}: ${status.label}`} className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
          <p className="flex flex-wrap items-baseline gap-2">
            <span aria-hidden="true" className={`w-4 font-mono ${status.className}`}>{status.mark}</span>
            <span className="font-medium">{s.position + 1}. {s.title}</span>
            <span className="text-xs text-slate-600 dark:text-slate-400">{s.node ? `on ${s.node}` : 'both nodes'}</span>
            <span className={`ml-auto text-xs font-semibold ${status.className}`}>{status.label}{s.endedAt ? ` · ${stepDuration(s)}` : ''}</span>
          </p>
          {s.output && <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{s.output}</pre>}
          {showCommands ? (
            <pre className="mt-1 whitespace-pre-wrap break-all font-mono text-xs text-slate-700 dark:text-slate-300">{s.commands.join('\n')}</pre>
          ) : (
            <details className="mt-1 text-xs">
              <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Commands</summary>
              <pre className="whitespace-pre-wrap break-all font-mono">{s.commands.join('\n')}</pre>
            </details>
          )}
        </li>
      );
    })}
  </ol>
);
