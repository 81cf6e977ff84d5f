'use client';
import { useEffect, useState } from 'react';
import { Instant } from '@/components/actions/Instant';
import { requestApi } from '@/components/ui/call-api';
import { ZDeliveriesSchema, type TAttempt, type TDelivery } from '@/lib/notifications/schema';

type TState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; messages: TDelivery[]; attempts: TAttempt[] };

const headClass = 'border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-700 dark:text-slate-400';
const rowClass = 'border-b border-slate-100 align-top dark:border-slate-800';
const failedClass = 'font-semibold text-red-700 dark:text-red-400';

const Messages = ({ name, messages }: { name: string; messages: TDelivery[] }) => {
  if (messages.length === 0) return <p className="text-xs text-slate-600 dark:text-slate-400">No messages yet: none of the rules sending here has matched an event.</p>;
  return (
    <table className="w-full text-left text-xs">
      <caption className="sr-only">Recent messages to {name}</caption>
      <thead className={headClass}><tr><th scope="col" className="py-1">Queued</th><th scope="col">Cluster</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last error</th></tr></thead>
      <tbody>
        {messages.map((m) => (
          <tr key={m.id} className={rowClass}>
            <td className="py-1"><Instant iso={m.createdAt} /></td>
            <td>{m.cluster}</td>
            <td className="break-words">{m.title}</td>
            <td className={m.status === 'failed' ? failedClass : ''}>{m.status}{m.nextAttemptAt && <> (next <Instant iso={m.nextAttemptAt} />)</>}</td>
            <td>{m.attempts}</td>
            <td className="break-all">{m.lastError ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const Attempts = ({ name, attempts }: { name: string; attempts: TAttempt[] }) => {
  if (attempts.length === 0) return <p className="text-xs text-slate-600 dark:text-slate-400">No attempts yet.</p>;
  return (
    <table className="w-full text-left text-xs">
      <caption className="sr-only">Delivery attempts to {name}</caption>
      <thead className={headClass}><tr><th scope="col" className="py-1">At</th><th scope="col">Of</th><th scope="col">Outcome</th><th scope="col">Took</th><th scope="col">Detail</th></tr></thead>
      <tbody>
        {attempts.map((a, i) => (
          <tr key={`${a.at}-${i}`} className={rowClass}>
            <td className="py-1"><Instant iso={a.at} /></td>
            <td>{a.test ? 'test' : 'message'}</td>
            <td className={a.outcome === 'failed' ? failedClass : ''}>{a.outcome}</td>
            <td>{a.durationMs} ms</td>
            <td className="break-all">{a.detail ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const DeliveryBody = ({ name, state }: { name: string; state: TState }) => {
  switch (state.kind) {
    case 'loading':
      return <p className="text-xs">Loading…</p>;
    case 'error':
      return <p role="alert" className="text-xs text-red-600 dark:text-red-400">{state.message}</p>;
    case 'loaded':
      return (
        <>
          <h3 className="text-sm font-semibold">Recent messages</h3>
          <Messages name={name} messages={state.messages} />
          <h3 className="text-sm font-semibold">Attempts</h3>
          <Attempts name={name} attempts={state.attempts} />
        </>
      );
  }
};

// A channel's recent messages and every attempt (tests included), fetched when
// opened and again when `version` changes (after a test).
export const DeliveryList = ({ id, name, version }: { id: string; name: string; version: number }) => {
  const [state, setState] = useState<TState>({ kind: 'loading' });

  useEffect(() => {
    let isCurrent = true;
    void requestApi('GET', `/api/notifications/channels/${encodeURIComponent(name)}/deliveries`).then((r) => {
      if (!isCurrent) return;
      if (!r.isOk) return setState({ kind: 'error', message: r.message });
      const answer = ZDeliveriesSchema.safeParse(r.body);
      setState(answer.success ? { kind: 'loaded', ...answer.data } : { kind: 'error', message: 'The answer could not be read.' });
    });
    return () => {
      isCurrent = false;
    };
  }, [name, version]);

  return (
    <section id={id} aria-label={`Deliveries of ${name}`} className="space-y-3 rounded-md border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900">
      <DeliveryBody name={name} state={state} />
    </section>
  );
};
