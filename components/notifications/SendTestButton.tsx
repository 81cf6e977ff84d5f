'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { requestApi } from '@/components/ui/call-api';
import { secondaryButtonClass } from '@/components/ui/styles';
import { ZChannelTestSchema } from '@/lib/notifications/schema';

type TResult = { kind: 'answer'; ok: boolean; detail: string; durationMs: number } | { kind: 'error'; message: string };

const summary = (r: TResult): string => {
  switch (r.kind) {
    case 'answer':
      return `${r.ok ? 'delivered' : 'failed'} in ${r.durationMs} ms: ${r.detail}`;
    case 'error':
      return `could not send: ${r.message}`;
  }
};

// Sends now, not through the outbox, and says what the receiver answered.
export const SendTestButton = ({ name, onSent }: { name: string; onSent: () => void }) => {
  const router = useRouter();
  const [result, setResult] = useState<TResult | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const send = async () => {
    setIsBusy(true);
    setResult(null);
    const r = await requestApi('POST', `/api/notifications/channels/${encodeURIComponent(name)}/test`);
    setIsBusy(false);
    if (!r.isOk) return setResult({ kind: 'error', message: r.message });
    const answer = ZChannelTestSchema.safeParse(r.body);
    setResult(answer.success ? { kind: 'answer', ...answer.data.test } : { kind: 'error', message: 'the answer could not be read' });
    onSent();
    router.refresh();
  };

  const isOk = result?.kind === 'answer' && result.ok;
  return (
    <>
      <button type="button" className={secondaryButtonClass} disabled={isBusy} onClick={send}>{isBusy ? 'Sending…' : 'Send test'}</button>
      {/* Its own line under the row's buttons (the parent wraps). */}
      <p role="status" aria-label={`Test of ${name}`} className={`order-last basis-full break-words text-xs ${isOk ? 'text-green-700 dark:text-green-400' : 'text-red-600 dark:text-red-400'}`}>
        {result && summary(result)}
      </p>
    </>
  );
};
