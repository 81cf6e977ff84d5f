'use client';
import { useEffect, useRef, useState } from 'react';
import { ZDryRunSchema, ZRunEnvelopeSchema, type TDryRun, type TRunPush } from '@/lib/realtime/payloads';
import { requestApi } from '@/components/ui/call-api';
import { TextAreaField } from '@/components/ui/Field';
import { buttonClass, secondaryButtonClass } from '@/components/ui/styles';
import { PreflightBlocked, RefusalNotice } from './ConfirmNotices';
import { DryRunReport, blockingChecks } from './DryRunReport';
import { parseSchemaList } from './drift-format';
import { explainRefusal, type TRefusal } from './refusal';

type TPhase = { kind: 'idle' } | { kind: 'checking'; key: string } | { kind: 'review'; key: string; dryRun: TDryRun } | { kind: 'unavailable'; key: string; message: string };

const bodyOf = (schemas: string[] | undefined) => ({ kind: 'checksum', params: schemas ? { schemas } : {} });
// A typed schema list is checked once the typing pauses, not per keystroke.
const RECHECK_DELAY_MS = 400;

// "Check drift": which schemas (all but the system ones by default), the
// dry run (preflight and exact plan) for that choice, then the start. It
// only reads the nodes, so no typed confirmation: the preflight still
// decides whether it may run.
export const DriftCheckButton = ({ cluster, unavailable, onStarted }: { cluster: string; unavailable: string | null; onStarted: (run: TRunPush) => void }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [schemasText, setSchemasText] = useState('');
  const [phase, setPhase] = useState<TPhase>({ kind: 'idle' });
  const [refusal, setRefusal] = useState<TRefusal | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const latest = useRef(0);
  const url = `/api/clusters/${encodeURIComponent(cluster)}/actions`;
  const parsed = parseSchemaList(schemasText);
  const schemas = parsed.ok ? parsed.schemas : undefined;
  // What the dry run was read for: the same list typed differently is the same choice.
  const key = parsed.ok ? JSON.stringify(schemas ?? null) : null;

  const check = async (forKey: string, list: string[] | undefined) => {
    const seq = ++latest.current;
    setPhase({ kind: 'checking', key: forKey });
    setRefusal(null);
    const r = await requestApi('POST', url, { ...bodyOf(list), dryRun: true });
    if (seq !== latest.current) return;
    const dryRun = r.isOk ? ZDryRunSchema.safeParse(r.body) : null;
    if (!dryRun?.success) return setPhase({ kind: 'unavailable', key: forKey, message: r.isOk ? 'The server sent a dry run this page cannot read.' : r.message });
    setPhase({ kind: 'review', key: forKey, dryRun: dryRun.data });
  };

  useEffect(() => {
    if (!isOpen || key === null) return;
    const timer = setTimeout(() => void check(key, schemas), RECHECK_DELAY_MS);
    return () => clearTimeout(timer);
    // On the choice (its key), not on `check` or the list: both are new each render.
  }, [isOpen, key]);

  const open = () => {
    setSchemasText('');
    setRefusal(null);
    setPhase({ kind: 'idle' });
    setIsOpen(true);
    dialog.current?.showModal();
  };

  const start = async () => {
    if (phase.kind !== 'review') return;
    setIsStarting(true);
    setRefusal(null);
    const r = await requestApi('POST', url, bodyOf(schemas));
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

  const isCurrent = phase.kind !== 'idle' && phase.key === key;
  const review = isCurrent && phase.kind === 'review' ? phase.dryRun : null;
  const isAllowed = review?.allowed === true;
  const idBase = `drift-${cluster}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const hintId = `${idBase}-unavailable`;
  return (
    <>
      <span className="inline-flex flex-wrap items-center gap-2">
        <button type="button" className={secondaryButtonClass} onClick={open} disabled={unavailable !== null} aria-describedby={unavailable ? hintId : undefined}>Check drift</button>
        {unavailable && <span id={hintId} className="text-xs text-slate-700 dark:text-slate-300">Unavailable: {unavailable}</span>}
      </span>
      <dialog ref={dialog} aria-labelledby={`${idBase}-title`} onClose={() => setIsOpen(false)} className="m-auto max-h-[90vh] w-full max-w-3xl overflow-y-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
        <h2 id={`${idBase}-title`} className="text-lg font-semibold">Drift check on {cluster}</h2>
        <p className="mt-2 text-sm">
          Compares every table chunk by chunk on both nodes, each chunk at one point of the writer&apos;s binary log, and reports the tables and key ranges that differ. It changes no data; when a chunk differs while writes go on, the replica&apos;s SQL thread is held for a moment to read it again at one point.
        </p>
        <div className="mt-4 max-w-xl">
          <TextAreaField id={`${idBase}-schemas`} label="Schemas (optional)" rows={2} value={schemasText} onChange={(e) => setSchemasText(e.target.value)} spellCheck={false} autoComplete="off" error={parsed.ok ? undefined : parsed.message} hint="Separated by commas or spaces; empty: every schema but the system ones" />
        </div>
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">A dry run: nothing has been read from the tables yet.</p>
        <div className="mt-2 text-sm">
          {key !== null && (!isCurrent || phase.kind === 'checking') && <p role="status">Reading the nodes for the preflight…</p>}
          {isCurrent && phase.kind === 'unavailable' && <p role="alert" className="text-red-700 dark:text-red-300">{phase.message}</p>}
          {review && <DryRunReport dryRun={review} />}
        </div>
        {review && !isAllowed && <PreflightBlocked what="drift check" blocking={blockingChecks(review.preflight)} />}
        {refusal && <RefusalNotice refusal={refusal} />}
        <div className="mt-4 flex flex-wrap justify-end gap-3">
          <button type="button" className={secondaryButtonClass} onClick={() => key !== null && void check(key, schemas)} disabled={key === null || (isCurrent && phase.kind === 'checking')}>Check again</button>
          <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="button" className={buttonClass} disabled={!isAllowed || isStarting} onClick={() => void start()}>{isStarting ? 'Starting…' : 'Start drift check'}</button>
        </div>
      </dialog>
    </>
  );
};
