'use client';
import { useRef, useState, type ReactNode } from 'react';
import { dangerButtonClass, secondaryButtonClass } from '@/components/ui/styles';

// A button that asks first: a dialog names what will happen, so a mis-click
// costs nothing. onConfirm returns an error message, or null when done.
export const ConfirmButton = ({ label, title, children, confirmLabel, onConfirm }: { label: string; title: string; children: ReactNode; confirmLabel: string; onConfirm: () => Promise<string | null> }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const titleId = `confirm-${label}-${title}`.replace(/[^A-Za-z0-9_-]/g, '-');

  const confirm = async () => {
    setIsBusy(true);
    setError(null);
    const problem = await onConfirm();
    setIsBusy(false);
    if (problem) setError(problem);
    else dialog.current?.close();
  };

  return (
    <>
      <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.showModal()}>{label}</button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
        <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
        <div className="mt-2 space-y-3 text-sm">{children}</div>
        {error && <p role="alert" className="mt-2 text-sm text-red-600">{error}</p>}
        <div className="mt-4 flex justify-end gap-3">
          <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="button" className={dangerButtonClass} disabled={isBusy} onClick={confirm}>{confirmLabel}</button>
        </div>
      </dialog>
    </>
  );
};
