'use client';
import { useEffect, useRef } from 'react';
import { useLogTail } from '@/components/realtime/use-log-tail';
import type { TLogLine } from '@/lib/collector/log-tail';

export const LogTail = ({ cluster, initial }: { cluster: string; initial: TLogLine[] }) => {
  const lines = useLogTail(cluster, initial);
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = box.current;
    // Follow new lines unless the reader scrolled up to read older ones.
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <section aria-labelledby="log-title" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <h2 id="log-title" className="mb-2 text-base font-semibold">keepalived log <span className="text-sm font-normal text-slate-600 dark:text-slate-400">(live tail)</span></h2>
      <div ref={box} role="log" aria-label="keepalived log" tabIndex={0}
        onScroll={(e) => { const el = e.currentTarget; pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24; }}
        className="max-h-64 overflow-y-auto rounded bg-slate-950 p-2 font-mono text-xs leading-5 text-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500">
        {lines.length === 0 && <p className="text-slate-300">No keepalived log lines since Tandem started following the log; new lines appear here as keepalived writes them.</p>}
        {lines.map((l) => (
          <p key={l.seq} className="whitespace-pre-wrap break-all"><span className="text-sky-300">{l.node}</span> {l.line}</p>
        ))}
      </div>
    </section>
  );
};
