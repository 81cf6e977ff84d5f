'use client';
import { useRouter } from 'next/navigation';
import { secondaryButtonClass } from '@/components/ui/styles';

export const SignOutButton = ({ name }: { name: string }) => {
  const router = useRouter();
  const signOut = async () => {
    await fetch('/api/auth/signout', { method: 'POST' }).catch(() => null);
    router.push('/signin');
    router.refresh();
  };
  return (
    <span className="flex items-center gap-3 text-sm">
      <span aria-label="Signed in as">{name}</span>
      <button type="button" className={secondaryButtonClass} onClick={signOut}>Sign out</button>
    </span>
  );
};
