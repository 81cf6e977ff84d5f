'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { dangerButtonClass, secondaryButtonClass } from '@/components/ui/styles';

// Deleting only forgets the cluster; the servers are not touched. Still, a
// dialog names what will go so a mis-click costs nothing.
export const DeleteClusterButton = ({ name }: { name: string }) => {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [isDeleting, setIsDeleting] = useState(false);

  const remove = async () => {
    setIsDeleting(true);
    setError(null);
    const res = await fetch(`/api/clusters/${encodeURIComponent(name)}`, { method: 'DELETE' }).catch(() => null);
    setIsDeleting(false);
    if (res?.ok) {
      dialog.current?.close();
      router.push('/');
      router.refresh();
      return;
    }
    setError(res ? `The server answered ${res.status}.` : 'Could not reach the Tandem server.');
  };

  return (
    <>
      <button type="button" className={dangerButtonClass} onClick={() => dialog.current?.showModal()}>Delete</button>
      <dialog ref={dialog} aria-labelledby="delete-title" className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
        <h2 id="delete-title" className="text-lg font-semibold">Delete cluster {name}?</h2>
        <p className="mt-2 text-sm">Tandem forgets the cluster, its nodes and their stored credentials. The servers themselves are not changed.</p>
        {error && <p role="alert" className="mt-2 text-sm text-red-600">{error}</p>}
        <div className="mt-4 flex justify-end gap-3">
          <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="button" className={dangerButtonClass} disabled={isDeleting} onClick={remove}>Delete {name}</button>
        </div>
      </dialog>
    </>
  );
};
