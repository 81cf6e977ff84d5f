'use client';
import { ConfirmButton } from '@/components/ui/ConfirmButton';
import { callApi } from '@/components/ui/call-api';

// Approving a host key tells Tandem to send this node its credentials again,
// so the dialog asks the admin to compare the key on the server's console first.
export const ApproveHostKeyButton = ({ cluster, node, fingerprint }: { cluster: string; node: string; fingerprint: string }) => (
  <div className="mt-2">
    <ConfirmButton
      label="Approve the offered key…"
      title={`Trust this host key for ${node}?`}
      confirmLabel="Approve"
      onConfirm={() => callApi('POST', `/api/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(node)}/host-key`, { fingerprint })}
    >
      <p className="break-all font-mono">{fingerprint}</p>
      <p>Compare it with <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code> on the server&apos;s own console. Once approved, Tandem connects again and sends this node its SSH key and MySQL password.</p>
    </ConfirmButton>
  </div>
);
