'use client';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/components/ui/call-api';
import { Field } from '@/components/ui/Field';
import { buttonClass } from '@/components/ui/styles';

export const ChangePasswordForm = () => {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setMessage({ isError: true, text: 'The new passwords differ.' });
    setIsBusy(true);
    const problem = await callApi('POST', '/api/auth/password', { currentPassword: current, newPassword: next });
    setIsBusy(false);
    if (problem) return setMessage({ isError: true, text: problem });
    setCurrent('');
    setNext('');
    setAgain('');
    setMessage({ isError: false, text: 'Password changed. Your other sessions were signed out.' });
  };

  return (
    <form onSubmit={submit} aria-label="Change password" className="max-w-sm space-y-4">
      <Field id="current-password" label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      <Field id="new-password" label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." value={next} onChange={(e) => setNext(e.target.value)} />
      <Field id="new-password-again" label="New password again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      <button type="submit" className={buttonClass} disabled={isBusy}>Change password</button>
      {message && <p role={message.isError ? 'alert' : 'status'} className={`text-sm ${message.isError ? 'text-red-600' : 'text-green-700 dark:text-green-400'}`}>{message.text}</p>}
    </form>
  );
};
