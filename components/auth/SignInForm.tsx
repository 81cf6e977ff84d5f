'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/Field';
import { buttonClass } from '@/components/ui/styles';

export const SignInForm = () => {
  const router = useRouter();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setIsBusy(true);
    setError(null);
    const res = await fetch('/api/auth/signin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) }).catch(() => null);
    setIsBusy(false);
    if (res?.ok) {
      router.push('/');
      router.refresh();
      return;
    }
    const body: { message?: string } = res ? await res.json().catch(() => ({})) : {};
    setError(res ? (body.message ?? `The server answered ${res.status}.`) : 'Could not reach the Tandem server.');
  };

  return (
    <form onSubmit={submit} aria-label="Sign in" className="mx-auto max-w-sm space-y-4">
      {error && <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">{error}</p>}
      <Field id="signin-name" label="User name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} />
      <Field id="signin-password" label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" className={buttonClass} disabled={isBusy}>{isBusy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  );
};
