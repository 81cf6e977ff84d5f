'use client';
import { useState } from 'react';
import { ZRunEnvelopeSchema, type TRunPush } from '@/lib/realtime/payloads';
import { isActionKind } from '@/lib/actions/types';
import { ConfirmButton } from '@/components/ui/ConfirmButton';
import { requestApi } from '@/components/ui/call-api';
import { buttonClass } from '@/components/ui/styles';
import { drillNode } from './drill-format';

const post = async (url: string, onRun: (run: TRunPush) => void): Promise<string | null> => {
  const r = await requestApi('POST', url);
  if (!r.isOk) return r.message;
  const envelope = ZRunEnvelopeSchema.safeParse(r.body);
  if (envelope.success) onRun(envelope.data.run);
  return null;
};

// What an abort does depends on the kind: a switchover past the VIP move
// finishes instead (going back would hurt more); a drill puts back what it
// broke.
const abortEffect = (kind: string): string => {
  if (!isActionKind(kind)) return 'The run stops before its next step and undoes the steps it completed, in reverse.';
  switch (kind) {
    case 'switchover':
      return 'The run stops before its next step and undoes the steps it completed, in reverse. Once the VIP has moved, it finishes instead: going back then would hurt more.';
    case 'drill':
      return 'The drill stops at once if it is holding the failure, otherwise before its next step, and puts back what it did: it restores the node it broke and stops the probe. The report then has no verdict.';
    case 'checksum':
      return 'The drift check stops after the chunk it is reading; it changed nothing, and the tables it had compared stay in its result.';
    case 'repair':
      return 'The repair stops before its next step (a reseed also stops its copy). Past the reset of the node it rebuilds it cannot go back: the node stays read-only and incomplete until a new reseed.';
  }
};

export const AbortRunButton = ({ run, onRun }: { run: TRunPush; onRun: (run: TRunPush) => void }) =>
  run.abortRequested ? (
    <p className="text-sm font-medium text-amber-800 dark:text-amber-200">Abort requested: the run stops at its next safe point.</p>
  ) : (
    <ConfirmButton label="Abort…" title="Abort this run?" confirmLabel="Abort the run" onConfirm={() => post(`/api/actions/${encodeURIComponent(run.id)}/abort`, onRun)}>
      <p>{abortEffect(run.kind)}</p>
    </ConfirmButton>
  );

// "Restore now" ends a drill's hold early; the drill then restores the
// node and measures as usual. Nothing to confirm: it is the way back.
export const RestoreNowButton = ({ run, onRun }: { run: TRunPush; onRun: (run: TRunPush) => void }) => {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  if (run.restoreRequested) return <p role="status" className="text-sm font-medium text-indigo-800 dark:text-indigo-200">Restore requested: the hold ends and {drillNode(run)} is restored.</p>;
  const restore = async () => {
    setIsBusy(true);
    setError(null);
    setError(await post(`/api/actions/${encodeURIComponent(run.id)}/restore`, onRun));
    setIsBusy(false);
  };
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" className={buttonClass} disabled={isBusy} onClick={() => void restore()}>Restore now</button>
      {error && <span role="alert" className="text-sm text-red-700 dark:text-red-300">{error}</span>}
    </span>
  );
};

// Acknowledging says the operator has put right what the run left: its
// critical finding goes, and the next action may run.
export const AcknowledgeRunButton = ({ run, onRun }: { run: TRunPush; onRun: (run: TRunPush) => void }) => (
  <ConfirmButton label="Acknowledge…" title="Acknowledge this run?" confirmLabel="Acknowledge" onConfirm={() => post(`/api/actions/${encodeURIComponent(run.id)}/acknowledge`, onRun)}>
    <p>Do this once the nodes are back in a safe state: one VIP holder, the only writable node, replication running both ways. The run&apos;s critical finding then goes and the next action may run.</p>
  </ConfirmButton>
);
