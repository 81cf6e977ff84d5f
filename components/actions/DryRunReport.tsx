import type { TDryRun, TPreflightCheckPush } from '@/lib/realtime/payloads';

const verdictOf = (c: TPreflightCheckPush): { mark: string; label: string; className: string } => {
  if (c.ok) return { mark: '✓', label: 'ok', className: 'text-emerald-700 dark:text-emerald-300' };
  if (c.severity === 'warn') return { mark: '!', label: 'warning', className: 'text-amber-700 dark:text-amber-300' };
  return { mark: '✗', label: 'blocks', className: 'text-red-700 dark:text-red-300' };
};

export const blockingChecks = (checks: TPreflightCheckPush[]): TPreflightCheckPush[] => checks.filter((c) => !c.ok && c.severity === 'block');

// What the dry run found and what would run: each check with its verdict
// and detail (multi-line, so preformatted), each step with its node and
// exact commands, and the undo where the engine has one.
export const DryRunReport = ({ dryRun }: { dryRun: TDryRun }) => (
  <div className="space-y-4">
    <section aria-labelledby="preflight-title">
      <h3 id="preflight-title" className="font-semibold">Preflight</h3>
      <ul aria-label="Preflight checks" className="mt-1 space-y-1">
        {dryRun.preflight.map((c) => {
          const v = verdictOf(c);
          return (
            <li key={c.check} aria-label={`${c.check}: ${v.label}`} className="rounded border border-slate-200 p-2 dark:border-slate-700">
              <p className="flex gap-2">
                <span aria-hidden="true" className={`font-mono ${v.className}`}>{v.mark}</span>
                <span className="font-medium">{c.check}</span>
                <span className={`ml-auto text-xs font-semibold ${v.className}`}>{v.label}</span>
              </p>
              {c.detail && <pre className="mt-1 whitespace-pre-wrap break-words font-mono text-xs text-slate-700 dark:text-slate-300">{c.detail}</pre>}
            </li>
          );
        })}
      </ul>
    </section>
    <section aria-labelledby="plan-title">
      <h3 id="plan-title" className="font-semibold">Plan ({dryRun.plan.steps.length} steps)</h3>
      <ol aria-label="Plan" className="mt-1 space-y-1">
        {dryRun.plan.steps.map((s, i) => (
          <li key={s.key} className="rounded border border-slate-200 p-2 dark:border-slate-700">
            <p className="flex flex-wrap gap-2">
              <span className="font-medium">{i + 1}. {s.title}</span>
              <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">{s.node ? `on ${s.node}` : 'both nodes'} · up to {Math.round(s.timeoutMs / 1000)} s</span>
            </p>
            <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{s.commands.join('\n')}</pre>
            {s.undo && s.undo.length > 0 && <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">Undo: <code className="break-all">{s.undo.join('; ')}</code></p>}
          </li>
        ))}
      </ol>
    </section>
  </div>
);
