'use client';
import { useRef, useState } from 'react';
import { buttonClass, secondaryButtonClass } from '@/components/ui/styles';

// Approving a host key tells Tandem to send this node its credentials again,
// so the dialog asks the admin to compare the key on the server's console first.
export const ApproveHostKeyButton = ({ cluster, node, fingerprint }: { cluster: string; node: string; fingerprint: string }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const approve = async () => {
    setBusy(true);
    setMessage(null);
    const res = await fetch(`/api/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(node)}/host-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fingerprint }),
    }).catch(() => null);
    setBusy(false);
    if (res?.ok) {
      dialog.current?.close();
      return;
    }
    const body: unknown = await res?.json().catch(() => null);
    const text = typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' ? body.message : null;
    setMessage(res ? `The server answered ${res.status}${text ? `: ${text}` : ''}.` : 'Could not reach the Tandem server.');
  };

  return (
    <>
      <button type="button" className={`${secondaryButtonClass} mt-2`} onClick={() => dialog.current?.showModal()}>Approve the offered key…</button>
      <dialog ref={dialog} aria-labelledby={`approve-${node}`} className="m-auto max-w-lg rounded-lg p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
        <h2 id={`approve-${node}`} className="text-lg font-semibold">Trust this host key for {node}?</h2>
        <p className="mt-2 break-all font-mono text-sm">{fingerprint}</p>
        <p className="mt-2 text-sm">Compare it with <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code> on the server&apos;s own console. Once approved, Tandem connects again and sends this node its SSH key and MySQL password.</p>
        {message && <p role="alert" className="mt-2 text-sm text-red-600">{message}</p>}
        <div className="mt-4 flex justify-end gap-3">
          <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="button" className={buttonClass} disabled={busy} onClick={approve}>Approve</button>
        </div>
      </dialog>
    </>
  );
};
