import { ZSwitchoverResultSchema, type TFinalStatePush, type TRunPush } from '@/lib/realtime/payloads';
import { LocalTime } from '@/components/ui/LocalTime';
import { RUN_STATUS, directionOf, formatMs, kindLabel } from './run-format';

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

// How a finished run ended: the headline numbers, what went wrong, and the
// state it left, read fresh from the nodes.
export const RunSummary = ({ run }: { run: TRunPush }) => {
  const parsed = ZSwitchoverResultSchema.safeParse(run.result ?? {});
  const result = parsed.success ? parsed.data : null;
  const status = RUN_STATUS[run.status];
  return (
    <section aria-label="Run summary" className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <p className="text-base">
        {kindLabel(run.kind)} {directionOf(run, result)}:{' '}
        <strong className={`rounded px-2 py-0.5 ${status.className}`}>{status.label}</strong>
        {run.endedAt && <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">ended <LocalTime iso={run.endedAt} /></span>}
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-600 dark:text-slate-400">Writes blocked</dt><dd>{formatMs(result?.writeBlockMs)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">VIP move</dt><dd>{formatMs(result?.vipMoveMs)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Duration</dt><dd>{formatMs(result?.durationMs)}</dd>
      </dl>
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
