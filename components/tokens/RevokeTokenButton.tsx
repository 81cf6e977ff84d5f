'use client';
import { useRouter } from 'next/navigation';
import { callApi } from '@/components/ui/call-api';
import { ConfirmButton } from '@/components/ui/ConfirmButton';

export const RevokeTokenButton = ({ name }: { name: string }) => {
  const router = useRouter();
  const revoke = async (): Promise<string | null> => {
    const problem = await callApi('DELETE', `/api/tokens/${encodeURIComponent(name)}`);
    if (!problem) router.refresh();
    return problem;
  };
  return (
    <ConfirmButton label="Revoke" title={`Revoke ${name}?`} confirmLabel={`Revoke ${name}`} onConfirm={revoke}>
      <p>Requests with this token are refused from now on and its live connections end. This cannot be undone; the name stays listed and cannot be reused.</p>
    </ConfirmButton>
  );
};
