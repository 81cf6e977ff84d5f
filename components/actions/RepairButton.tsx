'use client';
import { useEffect, useRef, useState } from 'react';
import type { TRepairTarget } from '@/lib/cluster-state/repair-targets';
import { ZDryRunSchema, ZRunEnvelopeSchema, type TDryRun, type TRunPush } from '@/lib/realtime/payloads';
import type { TRepairStrategy } from '@/lib/repair/types';
import { requestApi } from '@/components/ui/call-api';
import { Field } from '@/components/ui/Field';
import { LocalTime } from '@/components/ui/LocalTime';
import { dangerButtonClass, secondaryButtonClass } from '@/components/ui/styles';
import { PreflightBlocked, RefusalNotice } from './ConfirmNotices';
import { DryRunReport, blockingChecks } from './DryRunReport';
import { DiagnosisSummary } from './RepairDiagnosis';
import { RepairOptions } from './RepairOptions';
import { SwitchoverButton } from './SwitchoverButton';
import { RISK, diagnosisOf, needsAcknowledgement, repairParams, switchoverFirst } from './repair-format';
import { explainRefusal, type TRefusal } from './refusal';
import { useDiagnosis } from './use-diagnosis';

type TPhase = { kind: 'idle' } | { kind: 'checking'; key: string } | { kind: 'review'; key: string; dryRun: TDryRun } | { kind: 'unavailable'; key: string; message: string };

// A changed acknowledgement or password is checked once the typing pauses.
const RECHECK_DELAY_MS = 400;

// "Repair node2…": the wizard for a node whose replication is broken. It
// reads the diagnosis (cause, explanation, the row on both nodes for
// 1062/1032, the options with their risks), dry-runs the chosen strategy
// (exact SQL and preflight), asks for the risk to be acknowledged where
// the strategy may lose data, and starts on the typed cluster name. The
// run then shows on the cluster view like any other (steps, summary).
export const RepairButton = ({ cluster, target, canForce = false, onStarted }: { cluster: string; target: TRepairTarget; canForce?: boolean; onStarted: (run: TRunPush) => void }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const { state: diagnosisState, load } = useDiagnosis(cluster);
  const [strategy, setStrategy] = useState<TRepairStrategy | null>(null);
  const [isAcknowledged, setIsAcknowledged] = useState(false);
  // Kept only while the dialog is open: sent with the start, never stored.
  const [password, setPassword] = useState('');
  const [typed, setTyped] = useState('');
  const [phase, setPhase] = useState<TPhase>({ kind: 'idle' });
  const [refusal, setRefusal] = useState<TRefusal | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const latest = useRef(0);
  const url = `/api/clusters/${encodeURIComponent(cluster)}/actions`;
  const idBase = `repair-${target.node}`.replace(/[^A-Za-z0-9_-]/g, '-');

  const verdict = diagnosisState.kind === 'ready' ? diagnosisOf(diagnosisState.diagnosis, target.node) : null;
  const diagnosis = verdict?.kind === 'broken' ? verdict.diagnosis : null;
  const option = diagnosis?.options.find((o) => o.strategy === strategy) ?? null;
  const mustAcknowledge = option !== null && needsAcknowledgement(option);
  const params = option ? repairParams({ node: target.node, strategy: option.strategy, mustAcknowledge, isAcknowledged, sourcePassword: password }) : null;
  // The dry run's plan shows a password only as redacted: typing one more
  // character is the same plan, so the key says only whether one is typed.
  const key = params ? JSON.stringify({ ...params, sourcePassword: params.sourcePassword ? '<typed>' : null }) : null;

  const check = async (forKey: string, body: NonNullable<typeof params>) => {
    const seq = ++latest.current;
    setPhase({ kind: 'checking', key: forKey });
    setRefusal(null);
    const r = await requestApi('POST', url, { kind: 'repair', params: body, dryRun: true });
    if (seq !== latest.current) return;
    const dryRun = r.isOk ? ZDryRunSchema.safeParse(r.body) : null;
    if (!dryRun?.success) return setPhase({ kind: 'unavailable', key: forKey, message: r.isOk ? 'The server sent a dry run this page cannot read.' : r.message });
    setPhase({ kind: 'review', key: forKey, dryRun: dryRun.data });
  };

  useEffect(() => {
    if (!isOpen || key === null || params === null) return;
    const timer = setTimeout(() => void check(key, params), RECHECK_DELAY_MS);
    return () => clearTimeout(timer);
    // On the choice (its key), not on `check` or `params`: both are new each render.
  }, [isOpen, key]);

  // A diagnosis read again may no longer offer the choice, or block it.
  useEffect(() => {
    if (diagnosisState.kind === 'ready' && strategy !== null && (!option || option.blockedBy.length > 0)) setStrategy(null);
  }, [diagnosisState, strategy, option]);

  const choose = (s: TRepairStrategy) => {
    setStrategy(s);
    setIsAcknowledged(false);
    if (s !== 'reconnect') setPassword('');
  };

  const open = () => {
    setStrategy(null);
    setIsAcknowledged(false);
    setPassword('');
    setTyped('');
    setRefusal(null);
    setPhase({ kind: 'idle' });
    setIsOpen(true);
    load();
    dialog.current?.showModal();
  };

  const close = () => dialog.current?.close();

  const start = async () => {
    if (phase.kind !== 'review' || params === null) return;
    setIsStarting(true);
    setRefusal(null);
    const r = await requestApi('POST', url, { kind: 'repair', params, confirm: typed });
    setIsStarting(false);
    if (r.isOk) {
      const started = ZRunEnvelopeSchema.safeParse(r.body);
      close();
      if (started.success) onStarted(started.data.run);
      return;
    }
    const why = explainRefusal(cluster, r);
    setRefusal(why);
    if (why.preflight) setPhase({ ...phase, dryRun: { ...phase.dryRun, preflight: why.preflight, allowed: false } });
  };

  const isCurrent = phase.kind !== 'idle' && phase.key === key;
  const review = isCurrent && phase.kind === 'review' ? phase.dryRun : null;
  const isAllowed = review?.allowed === true;
  const firstSwitchover = diagnosis ? switchoverFirst(target, diagnosis.options) : null;
  const hintId = `${idBase}-unavailable`;
  return (
    <>
      <span className="inline-flex flex-wrap items-center gap-2">
        <button type="button" className={dangerButtonClass} onClick={open} disabled={target.unavailable !== null} aria-describedby={target.unavailable ? hintId : `${idBase}-problem`}>Repair {target.node}…</button>
        <span id={`${idBase}-problem`} className="text-xs text-slate-700 dark:text-slate-300">{target.problem}</span>
        {target.unavailable && <span id={hintId} className="text-xs text-slate-700 dark:text-slate-300">Unavailable: {target.unavailable}</span>}
      </span>
      <dialog ref={dialog} aria-labelledby={`${idBase}-title`} onClose={() => { setIsOpen(false); setPassword(''); }} className="m-auto max-h-[90vh] w-full max-w-4xl overflow-y-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
        <h2 id={`${idBase}-title`} className="text-lg font-semibold">Repair replication on {target.node}</h2>
        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          {diagnosisState.kind === 'ready' && <span className="text-slate-600 dark:text-slate-400">Diagnosed at <LocalTime iso={diagnosisState.diagnosis.checkedAt} /></span>}
          <button type="button" className={`ml-auto ${secondaryButtonClass}`} onClick={load} disabled={diagnosisState.kind === 'loading'}>Diagnose again</button>
        </div>
        <div className="mt-2 space-y-4">
          {(diagnosisState.kind === 'loading' || diagnosisState.kind === 'idle') && <p role="status" className="text-sm">Reading {target.node}&apos;s replication for the diagnosis…</p>}
          {diagnosisState.kind === 'error' && <p role="alert" className="text-sm text-red-700 dark:text-red-300">The diagnosis could not be loaded: {diagnosisState.message}</p>}
          {verdict?.kind === 'fine' && <p role="status" className="text-sm">The diagnosis finds nothing wrong with {target.node}&apos;s replication now: it may have recovered since the page last heard. Close this and watch the node&apos;s panel.</p>}
          {verdict?.kind === 'unreadable' && <p role="alert" className="text-sm text-red-700 dark:text-red-300">The diagnosis could not read {target.node}: {verdict.error}</p>}
          {diagnosis && <DiagnosisSummary idBase={idBase} diagnosis={diagnosis} />}
          {firstSwitchover && (
            <div role="note" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
              <p className="flex-1">{target.node} holds the VIP: a reseed drops its data, so it is refused there. Switch over to {firstSwitchover.to ?? 'its peer'} first, then reseed {target.node}.</p>
              {firstSwitchover.to && <SwitchoverButton cluster={cluster} target={firstSwitchover.to} unavailable={null} canForce={canForce} idScope={`${idBase}-switchover`} onStarted={(run) => { close(); onStarted(run); }} />}
            </div>
          )}
          {diagnosis && <RepairOptions idBase={idBase} options={diagnosis.options} chosen={strategy} onChoose={choose} />}
          {option && mustAcknowledge && (
            <div className="rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-100">
              <p><strong>Risk: {RISK[option.risk].label}.</strong> {option.explanation}</p>
              <p className="mt-1 flex items-start gap-2">
                <input id={`${idBase}-acknowledge`} type="checkbox" className="mt-1" checked={isAcknowledged} onChange={(e) => setIsAcknowledged(e.target.checked)} />
                <label htmlFor={`${idBase}-acknowledge`}>I understand that {option.strategy} may leave the two nodes holding different data; a drift check runs afterwards and shows where.</label>
              </p>
            </div>
          )}
          {option?.strategy === 'reconnect' && (
            <div className="max-w-sm">
              <Field id={`${idBase}-password`} label="New replication password (optional)" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} hint="Only if the replication user's password changed on the source: sent once as MASTER_PASSWORD, never stored or shown" />
            </div>
          )}
          {params && (
            <div className="text-sm">
              <p className="text-slate-700 dark:text-slate-300">A dry run: nothing has been changed on the nodes yet.</p>
              {(!isCurrent || phase.kind === 'checking') && <p role="status">Reading the nodes for the preflight…</p>}
              {isCurrent && phase.kind === 'unavailable' && <p role="alert" className="text-red-700 dark:text-red-300">{phase.message}</p>}
              {review && <div className="mt-2"><DryRunReport dryRun={review} /></div>}
            </div>
          )}
        </div>
        {review && !isAllowed && <PreflightBlocked what="repair" blocking={blockingChecks(review.preflight)} />}
        {review && (
          <div className="mt-4 max-w-sm">
            <Field id={`${idBase}-confirm`} label={`Type ${cluster} to confirm`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} disabled={!isAllowed} />
          </div>
        )}
        {refusal && <RefusalNotice refusal={refusal} />}
        <div className="mt-4 flex flex-wrap justify-end gap-3">
          <button type="button" className={secondaryButtonClass} onClick={() => key !== null && params !== null && void check(key, params)} disabled={key === null || (isCurrent && phase.kind === 'checking')}>Check again</button>
          <button type="button" className={secondaryButtonClass} onClick={close}>Cancel</button>
          <button type="button" className={dangerButtonClass} disabled={!isAllowed || typed !== cluster || isStarting} onClick={() => void start()}>{isStarting ? 'Starting…' : 'Start repair'}</button>
        </div>
      </dialog>
    </>
  );
};
