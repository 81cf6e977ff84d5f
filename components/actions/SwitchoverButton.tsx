'use client';
import { useRef, useState } from 'react';
import { ZDryRunSchema, ZRunEnvelopeSchema, type TDryRun, type TRunPush } from '@/lib/realtime/payloads';
import { requestApi } from '@/components/ui/call-api';
import { Field } from '@/components/ui/Field';
import { buttonClass, dangerButtonClass, secondaryButtonClass } from '@/components/ui/styles';
import { PreflightBlocked, RefusalNotice } from './ConfirmNotices';
import { DryRunReport, blockingChecks } from './DryRunReport';
import { explainRefusal, type TRefusal } from './refusal';

type TPhase = { kind: 'checking' } | { kind: 'review'; dryRun: TDryRun } | { kind: 'unavailable'; message: string };

// "Switch over to node2": the dry run first, shown in full (preflight and
// exact plan); the run starts only once the cluster's name is typed, and
// never when the preflight blocks. The live state's `unavailable` reason
// is a hint on the button; the preflight is the authority.
// idScope tells apart the ids of a second button for the same target on
// the page (the repair wizard's "switch over first").
export const SwitchoverButton = ({ cluster, target, unavailable, canForce = false, idScope = 'switchover', onStarted }: { cluster: string; target: string; unavailable: string | null; canForce?: boolean; idScope?: string; onStarted: (run: TRunPush) => void }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [phase, setPhase] = useState<TPhase>({ kind: 'checking' });
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<TRefusal | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const url = `/api/clusters/${encodeURIComponent(cluster)}/actions`;
  const idBase = `${idScope}-${target}`.replace(/[^A-Za-z0-9_-]/g, '-');

  const check = async () => {
    setPhase({ kind: 'checking' });
    setRefusal(null);
    const r = await requestApi('POST', url, { kind: 'switchover', params: { to: target }, dryRun: true });
    const dryRun = r.isOk ? ZDryRunSchema.safeParse(r.body) : null;
    if (dryRun?.success) setPhase({ kind: 'review', dryRun: dryRun.data });
    else setPhase({ kind: 'unavailable', message: r.isOk ? 'The server sent a dry run this page cannot read.' : r.message });
  };

  const open = () => {
    setTyped('');
    setReason('');
    dialog.current?.showModal();
    void check();
  };

  const start = async () => {
    setIsStarting(true);
    setRefusal(null);
    const r = await requestApi('POST', url, { kind: 'switchover', params: { to: target }, confirm: typed, ...(isForcing && { force: true, reason: reason.trim() }) });
    setIsStarting(false);
    if (r.isOk) {
      const started = ZRunEnvelopeSchema.safeParse(r.body);
      dialog.current?.close();
      if (started.success) onStarted(started.data.run);
      return;
    }
    const why = explainRefusal(cluster, r);
    setRefusal(why);
    const fresh = why.preflight;
    if (fresh && phase.kind === 'review') setPhase({ kind: 'review', dryRun: { ...phase.dryRun, preflight: fresh, allowed: false } });
  };

  const blocking = phase.kind === 'review' ? blockingChecks(phase.dryRun.preflight) : [];
  // An admin may override the anti-flap window, and only that, with a reason (audited).
  const mayForce = canForce && phase.kind === 'review' && !phase.dryRun.allowed && blocking.length > 0 && blocking.every((c) => c.check === 'anti-flap');
  const isForcing = mayForce && reason.trim().length >= 3;
  const isAllowed = phase.kind === 'review' && (phase.dryRun.allowed || isForcing);
  const hintId = `${idBase}-unavailable`;
  return (
    <>
      <span className="inline-flex flex-wrap items-center gap-2">
        <button type="button" className={buttonClass} onClick={open} disabled={unavailable !== null} aria-describedby={unavailable ? hintId : undefined}>Switch over to {target}</button>
        {unavailable && <span id={hintId} className="text-xs text-slate-700 dark:text-slate-300">Unavailable: {unavailable}</span>}
      </span>
      <dialog ref={dialog} aria-labelledby={`${idBase}-title`} className="m-auto max-h-[90vh] w-full max-w-3xl overflow-y-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
        <h2 id={`${idBase}-title`} className="text-lg font-semibold">Switch over {cluster} to {target}</h2>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">A dry run: nothing has been changed on the nodes yet.</p>
        <div className="mt-3 text-sm">
          {phase.kind === 'checking' && <p role="status">Reading the nodes for the preflight…</p>}
          {phase.kind === 'unavailable' && <p role="alert" className="text-red-700 dark:text-red-300">{phase.message}</p>}
          {phase.kind === 'review' && <DryRunReport dryRun={phase.dryRun} />}
        </div>
        {phase.kind === 'review' && !isAllowed && <PreflightBlocked what="switchover" blocking={blocking} />}
        {mayForce && (
          <div className="mt-4 max-w-xl">
            <Field id={`${idBase}-reason`} label="Override the anti-flap window (admin): the reason, kept in the audit log" value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </div>
        )}
        {phase.kind === 'review' && (
          <div className="mt-4 max-w-sm">
            <Field id={`${idBase}-confirm`} label={`Type ${cluster} to confirm`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} disabled={!isAllowed} />
          </div>
        )}
        {refusal && <RefusalNotice refusal={refusal} />}
        <div className="mt-4 flex flex-wrap justify-end gap-3">
          <button type="button" className={secondaryButtonClass} onClick={() => void check()} disabled={phase.kind === 'checking'}>Check again</button>
          <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="button" className={dangerButtonClass} disabled={!isAllowed || typed !== cluster || isStarting} onClick={() => void start()}>{isStarting ? 'Starting…' : 'Switch over'}</button>
        </div>
      </dialog>
    </>
  );
};
