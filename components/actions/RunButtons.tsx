'use client';
import { ZRunEnvelopeSchema, type TRunPush } from '@/lib/realtime/payloads';
import { ConfirmButton } from '@/components/ui/ConfirmButton';
import { requestApi } from '@/components/ui/call-api';

const post = async (url: string, onRun: (run: TRunPush) => void): Promise<string | null> => {
  const r = await requestApi('POST', url);
  if (!r.isOk) return r.message;
  const envelope = ZRunEnvelopeSchema.safeParse(r.body);
  if (envelope.success) onRun(envelope.data.run);
  return null;
};

// Aborting asks the engine to stop before its next step and undo what it
// did; past the VIP move it finishes instead, as going back would hurt more.
export const AbortRunButton = ({ run, onRun }: { run: TRunPush; onRun: (run: TRunPush) => void }) =>
  run.abortRequested ? (
    <p className="text-sm font-medium text-amber-800 dark:text-amber-200">Abort requested: the run stops at its next safe point.</p>
  ) : (
    <ConfirmButton label="Abort…" title="Abort this run?" confirmLabel="Abort the run" onConfirm={() => post(`/api/actions/${encodeURIComponent(run.id)}/abort`, onRun)}>
      <p>The run stops before its next step and undoes the steps it completed, in reverse. Once the VIP has moved, it finishes instead: going back then would hurt more.</p>
    </ConfirmButton>
  );

// Acknowledging says the operator has put right what the run left: its
// critical finding goes, and the next action may run.
export const AcknowledgeRunButton = ({ run, onRun }: { run: TRunPush; onRun: (run: TRunPush) => void }) => (
  <ConfirmButton label="Acknowledge…" title="Acknowledge this run?" confirmLabel="Acknowledge" onConfirm={() => post(`/api/actions/${encodeURIComponent(run.id)}/acknowledge`, onRun)}>
    <p>Do this once the nodes are back in a safe state: one VIP holder, the only writable node, replication running both ways. The run&apos;s critical finding then goes and the next action may run.</p>
  </ConfirmButton>
);
