'use client';
import { useRouter } from 'next/navigation';
import { callApi } from '@/components/ui/call-api';
import { ConfirmButton } from '@/components/ui/ConfirmButton';

type TTarget = { what: 'channel'; name: string } | { what: 'rule'; name: string };

const urlOf = (t: TTarget): string => {
  switch (t.what) {
    case 'channel':
      return `/api/notifications/channels/${encodeURIComponent(t.name)}`;
    case 'rule':
      return `/api/notifications/rules/${encodeURIComponent(t.name)}`;
  }
};

const consequence = (t: TTarget): string => {
  switch (t.what) {
    case 'channel':
      return 'Its queued messages and delivery history go with it. A channel a rule sends to cannot be deleted: remove it from the rule first.';
    case 'rule':
      return 'Events it matched are no longer sent; messages already queued still go out. Its channels stay.';
  }
};

// The server's refusal (a channel still used by a rule) stays in the dialog.
export const DeleteButton = (target: TTarget) => {
  const router = useRouter();
  const remove = async (): Promise<string | null> => {
    const problem = await callApi('DELETE', urlOf(target));
    if (!problem) router.refresh();
    return problem;
  };
  return (
    <ConfirmButton label="Delete" title={`Delete ${target.what} ${target.name}?`} confirmLabel={`Delete ${target.name}`} onConfirm={remove}>
      <p>{consequence(target)}</p>
    </ConfirmButton>
  );
};
