'use client';
import { useRouter } from 'next/navigation';
import { callApi } from '@/components/ui/call-api';
import { ConfirmButton } from '@/components/ui/ConfirmButton';

export const SignOutEverywhereButton = () => {
  const router = useRouter();
  const signOut = async (): Promise<string | null> => {
    const problem = await callApi('POST', '/api/auth/signout-everywhere');
    if (problem) return problem;
    router.push('/signin');
    router.refresh();
    return null;
  };
  return (
    <ConfirmButton label="Sign out everywhere" title="Sign out everywhere?" confirmLabel="Sign out everywhere" onConfirm={signOut}>
      <p>Every browser signed in as you is signed out, this one included.</p>
    </ConfirmButton>
  );
};
