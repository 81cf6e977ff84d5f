'use client';
import { useRef, useState } from 'react';
import { secondaryButtonClass } from '@/components/ui/styles';
import type { TCreatedToken } from '@/lib/tokens/schema';

// The only time a token is readable: the server keeps just its hash, so once
// this is dismissed or the page reloads, a lost token means a new one.
export const NewTokenNotice = ({ created, onDone }: { created: TCreatedToken; onDone: () => void }) => {
  const field = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'by-hand'>('idle');

  const copy = async () => {
    // navigator.clipboard exists only in secure contexts; Tandem is often
    // reached over plain HTTP on an internal address, so fall back to selecting.
    const isCopied = await navigator.clipboard?.writeText(created.token).then(() => true, () => false);
    if (isCopied) return setCopyState('copied');
    field.current?.select();
    setCopyState('by-hand');
  };

  return (
    <section aria-labelledby="new-token-title" className="max-w-2xl space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
      <h3 id="new-token-title" className="font-semibold">Token {created.name} created ({created.role}{created.expiresAt ? `, expires ${created.expiresAt.slice(0, 10)}` : ', no expiry'})</h3>
      <p className="text-sm font-medium text-amber-900 dark:text-amber-200">Copy it now: it will not be shown again. Tandem stores only a hash of it.</p>
      <label htmlFor="new-token-value" className="block text-sm font-medium">New token</label>
      <div className="flex gap-2">
        <input id="new-token-value" ref={field} readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-900" />
        <button type="button" className={secondaryButtonClass} onClick={copy}>Copy</button>
      </div>
      {copyState !== 'idle' && <p role="status" className="text-xs">{copyState === 'copied' ? 'Copied to the clipboard.' : 'The browser refused the clipboard here; the token is selected, press Ctrl+C (⌘C).'}</p>}
      <button type="button" className={secondaryButtonClass} onClick={onDone}>I have stored it</button>
    </section>
  );
};
