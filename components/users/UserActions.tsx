'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/components/ui/call-api';
import { ConfirmButton } from '@/components/ui/ConfirmButton';
import { Field } from '@/components/ui/Field';
import { secondaryButtonClass } from '@/components/ui/styles';

// The admin's actions on one user. Enabling is harmless and needs no
// confirmation; everything that signs someone out or removes them asks first.
export const UserActions = ({ name, isDisabled }: { name: string; isDisabled: boolean }) => {
  const router = useRouter();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const base = `/api/users/${encodeURIComponent(name)}`;
  const run = async (method: string, url: string, body?: unknown): Promise<string | null> => {
    const problem = await callApi(method, url, body);
    if (!problem) router.refresh();
    return problem;
  };

  return (
    <div className="flex flex-wrap gap-2">
      {isDisabled ? (
        <button type="button" className={secondaryButtonClass} onClick={async () => setError(await run('PATCH', base, { disabled: false }))}>Enable</button>
      ) : (
        <ConfirmButton label="Disable" title={`Disable ${name}?`} confirmLabel={`Disable ${name}`} onConfirm={() => run('PATCH', base, { disabled: true })}>
          <p>{name} is signed out everywhere and cannot sign in until enabled again. The account and its history stay.</p>
        </ConfirmButton>
      )}
      <ConfirmButton label="Reset password" title={`Set a new password for ${name}`} confirmLabel="Set password" onConfirm={async () => { const p = await run('POST', `${base}/password`, { password }); if (!p) setPassword(''); return p; }}>
        <p>{name} is signed out everywhere; tell them the new password another way.</p>
        <Field id={`reset-${name}`} label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." value={password} onChange={(e) => setPassword(e.target.value)} />
      </ConfirmButton>
      <ConfirmButton label="End sessions" title={`Sign ${name} out everywhere?`} confirmLabel="End sessions" onConfirm={() => run('DELETE', `${base}/sessions`)}>
        <p>Every browser signed in as {name} is signed out. They can sign in again.</p>
      </ConfirmButton>
      <ConfirmButton label="Remove" title={`Remove ${name}?`} confirmLabel={`Remove ${name}`} onConfirm={() => run('DELETE', base)}>
        <p>The account is deleted and its sessions end. The audit log keeps its name.</p>
      </ConfirmButton>
      {error && <p role="alert" className="w-full text-sm text-red-600">{error}</p>}
    </div>
  );
};
