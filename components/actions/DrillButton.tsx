'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TDrillFailure } from '@/lib/actions/drill/service-commands';
import { ZDryRunSchema, ZRunEnvelopeSchema, type TDryRun, type TRunPush } from '@/lib/realtime/payloads';
import { requestApi } from '@/components/ui/call-api';
import { Field, SelectField } from '@/components/ui/Field';
import { dangerButtonClass, inputClass, secondaryButtonClass } from '@/components/ui/styles';
import { PreflightBlocked, RefusalNotice } from './ConfirmNotices';
import { DryRunReport, blockingChecks } from './DryRunReport';
import { DEFAULT_HOLD_SECONDS, DRILL_FAILURES, DRILL_FAILURE_KINDS, MAX_HOLD_SECONDS, parseHoldSeconds, serviceCommandsProblem } from './drill-format';
import { explainRefusal, type TRefusal } from './refusal';

type TChoice = { failure: TDrillFailure; node: string; holdSeconds: number };
type TPhase = { kind: 'idle' } | { kind: 'checking'; choice: TChoice } | { kind: 'review'; choice: TChoice; dryRun: TDryRun } | { kind: 'unavailable'; choice: TChoice; message: string };

const isSame = (a: TChoice, b: TChoice | null): boolean => b !== null && a.failure === b.failure && a.node === b.node && a.holdSeconds === b.holdSeconds;
const bodyOf = (c: TChoice) => ({ kind: 'drill', params: { failure: c.failure, node: c.node, holdSeconds: c.holdSeconds } });
// A typed hold is checked once the typing pauses, not per keystroke.
const RECHECK_DELAY_MS = 400;

// "Run failover drill": what to break, where and for how long; the dry run
// (preflight and exact plan) for that choice, read again whenever it
// changes; the run starts only once the cluster's name is typed and the
// preflight allows it. Isolation is offered where the node's inventory
// says how: the dry run's service-commands check tells, so the dialog asks
// it once per node and disables the option with its reason.
export const DrillButton = ({ cluster, vip, nodes, defaultNode, unavailable, onStarted }: { cluster: string; vip: string; nodes: string[]; defaultNode: string | null; unavailable: string | null; onStarted: (run: TRunPush) => void }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [failure, setFailure] = useState<TDrillFailure>('stop-mysqld');
  const [node, setNode] = useState(defaultNode ?? '');
  const [holdText, setHoldText] = useState(String(DEFAULT_HOLD_SECONDS));
  const [phase, setPhase] = useState<TPhase>({ kind: 'idle' });
  // Per node: null, isolation is configured; a string, why it is not.
  const [isolation, setIsolation] = useState<Record<string, string | null>>({});
  const asked = useRef(new Set<string>());
  const latest = useRef(0);
  const [typed, setTyped] = useState('');
  const [refusal, setRefusal] = useState<TRefusal | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const url = `/api/clusters/${encodeURIComponent(cluster)}/actions`;
  const holdSeconds = parseHoldSeconds(holdText);
  const choice = useMemo<TChoice | null>(() => (holdSeconds === null || node === '' ? null : { failure, node, holdSeconds }), [failure, node, holdSeconds]);

  const check = async (c: TChoice) => {
    const seq = ++latest.current;
    setPhase({ kind: 'checking', choice: c });
    setRefusal(null);
    const r = await requestApi('POST', url, { ...bodyOf(c), dryRun: true });
    if (seq !== latest.current) return;
    const dryRun = r.isOk ? ZDryRunSchema.safeParse(r.body) : null;
    if (!dryRun?.success) return setPhase({ kind: 'unavailable', choice: c, message: r.isOk ? 'The server sent a dry run this page cannot read.' : r.message });
    setPhase({ kind: 'review', choice: c, dryRun: dryRun.data });
    if (c.failure === 'isolate') setIsolation((m) => ({ ...m, [c.node]: serviceCommandsProblem(dryRun.data.preflight) }));
  };

  useEffect(() => {
    if (!isOpen || choice === null) return;
    const timer = setTimeout(() => void check(choice), RECHECK_DELAY_MS);
    return () => clearTimeout(timer);
    // Not on `check`: it is a new function each render; the choice is what is checked.
  }, [isOpen, choice]);

  // Whether isolation is configured on the node, asked once per node.
  useEffect(() => {
    if (!isOpen || node === '' || asked.current.has(node)) return;
    asked.current.add(node);
    if (failure === 'isolate') return;
    void requestApi('POST', url, { ...bodyOf({ failure: 'isolate', node, holdSeconds: DEFAULT_HOLD_SECONDS }), dryRun: true }).then((r) => {
      const dryRun = r.isOk ? ZDryRunSchema.safeParse(r.body) : null;
      if (dryRun?.success) setIsolation((m) => ({ ...m, [node]: serviceCommandsProblem(dryRun.data.preflight) }));
    });
  }, [isOpen, node, failure, url]);

  const open = () => {
    setTyped('');
    setRefusal(null);
    setPhase({ kind: 'idle' });
    setIsolation({});
    asked.current = new Set();
    setFailure('stop-mysqld');
    setNode(defaultNode ?? nodes[0] ?? '');
    setHoldText(String(DEFAULT_HOLD_SECONDS));
    setIsOpen(true);
    dialog.current?.showModal();
  };

  const start = async () => {
    if (phase.kind !== 'review') return;
    setIsStarting(true);
    setRefusal(null);
    const r = await requestApi('POST', url, { ...bodyOf(phase.choice), confirm: typed });
    setIsStarting(false);
    if (r.isOk) {
      const started = ZRunEnvelopeSchema.safeParse(r.body);
      dialog.current?.close();
      if (started.success) onStarted(started.data.run);
      return;
    }
    const why = explainRefusal(cluster, r);
    setRefusal(why);
    if (why.preflight) setPhase({ ...phase, dryRun: { ...phase.dryRun, preflight: why.preflight, allowed: false } });
  };

  const isCurrent = phase.kind !== 'idle' && isSame(phase.choice, choice);
  const review = isCurrent && phase.kind === 'review' ? phase.dryRun : null;
  const blocking = review ? blockingChecks(review.preflight) : [];
  const isAllowed = review?.allowed === true;
  const isolationProblem = isolation[node];
  const idBase = `drill-${cluster}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const hintId = `${idBase}-unavailable`;
  return (
    <>
      <span className="inline-flex flex-wrap items-center gap-2">
        <button type="button" className={secondaryButtonClass} onClick={open} disabled={unavailable !== null} aria-describedby={unavailable ? hintId : undefined}>Run failover drill</button>
        {unavailable && <span id={hintId} className="text-xs text-slate-700 dark:text-slate-300">Unavailable: {unavailable}</span>}
      </span>
      <dialog ref={dialog} aria-labelledby={`${idBase}-title`} onClose={() => setIsOpen(false)} className="m-auto max-h-[90vh] w-full max-w-3xl overflow-y-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
        <h2 id={`${idBase}-title`} className="text-lg font-semibold">Failover drill on {cluster}</h2>
        <div role="note" className="mt-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
          <p><strong>Writes through the VIP {vip} WILL stop.</strong> The drill breaks {node || 'a node'} on purpose, with your applications connected: they see errors until the peer has taken over, and again if the VIP moves back after the restore. Run it when an outage of a few seconds is acceptable.</p>
        </div>
        <div className="mt-4 grid gap-4 sm:grid-cols-[2fr_1fr_1fr]">
          <div>
            <label htmlFor={`${idBase}-failure`} className="block text-sm font-medium">Failure</label>
            <select id={`${idBase}-failure`} className={inputClass} value={failure} onChange={(e) => setFailure(DRILL_FAILURE_KINDS.find((k) => k === e.target.value) ?? 'stop-mysqld')} aria-describedby={`${idBase}-failure-hint`}>
              {DRILL_FAILURE_KINDS.map((k) => (
                <option key={k} value={k} disabled={k === 'isolate' && typeof isolationProblem === 'string'}>
                  {DRILL_FAILURES[k].label}{k === 'isolate' && typeof isolationProblem === 'string' ? ' (not configured)' : ''}
                </option>
              ))}
            </select>
            <p id={`${idBase}-failure-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {DRILL_FAILURES[failure].effect}
              {typeof isolationProblem === 'string' && <> Isolate is disabled: {isolationProblem}</>}
            </p>
          </div>
          <SelectField id={`${idBase}-node`} label="Node to break" options={nodes} value={node} onChange={(e) => setNode(e.target.value)} hint={defaultNode ? `Default: ${defaultNode}, the VIP holder` : undefined} />
          <Field id={`${idBase}-hold`} label="Hold (seconds)" type="number" inputMode="numeric" min={1} max={MAX_HOLD_SECONDS} value={holdText} onChange={(e) => setHoldText(e.target.value)} error={holdSeconds === null ? `must be a whole number from 1 to ${MAX_HOLD_SECONDS}` : undefined} hint="How long the failure stays before the node is restored (Restore now ends it early)" />
        </div>
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">A dry run: nothing has been changed on the nodes yet.</p>
        <div className="mt-2 text-sm">
          {choice !== null && !isCurrent && <p role="status">Reading the nodes for the preflight…</p>}
          {choice !== null && isCurrent && phase.kind === 'checking' && <p role="status">Reading the nodes for the preflight…</p>}
          {isCurrent && phase.kind === 'unavailable' && <p role="alert" className="text-red-700 dark:text-red-300">{phase.message}</p>}
          {review && <DryRunReport dryRun={review} />}
        </div>
        {review && !isAllowed && <PreflightBlocked what="drill" blocking={blocking} />}
        {review && (
          <div className="mt-4 max-w-sm">
            <Field id={`${idBase}-confirm`} label={`Type ${cluster} to confirm`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} disabled={!isAllowed} />
          </div>
        )}
        {refusal && <RefusalNotice refusal={refusal} />}
        <div className="mt-4 flex flex-wrap justify-end gap-3">
          <button type="button" className={secondaryButtonClass} onClick={() => choice && void check(choice)} disabled={choice === null || (isCurrent && phase.kind === 'checking')}>Check again</button>
          <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="button" className={dangerButtonClass} disabled={!isAllowed || typed !== cluster || isStarting} onClick={() => void start()}>{isStarting ? 'Starting…' : 'Start drill'}</button>
        </div>
      </dialog>
    </>
  );
};
