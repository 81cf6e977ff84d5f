'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { NewTokenNotice } from '@/components/tokens/NewTokenNotice';
import { requestApi } from '@/components/ui/call-api';
import { Field, SelectField } from '@/components/ui/Field';
import { buttonClass } from '@/components/ui/styles';
import { ROLES } from '@/lib/auth/roles';
import { MAX_TOKEN_DAYS, ZCreatedTokenSchema, type TCreatedToken } from '@/lib/tokens/schema';

const ZCreateAnswerSchema = z.object({ token: ZCreatedTokenSchema });

// Blank means no expiry. Anything else goes to the server as typed (a number
// when it reads as one) so that the server alone says what is acceptable; a
// type="number" input would turn "abc" into "" and so into a token that never expires.
const daysForRequest = (days: string): number | string | undefined => {
  const trimmed = days.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
};

export const CreateTokenForm = () => {
  const router = useRouter();
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('viewer');
  const [days, setDays] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<TCreatedToken | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setIsBusy(true);
    const r = await requestApi('POST', '/api/tokens', { name, role, expiresInDays: daysForRequest(days) });
    setIsBusy(false);
    if (!r.isOk) {
      setErrors(r.fields);
      setMessage(Object.keys(r.fields).length > 0 ? 'Please correct the highlighted fields.' : r.message);
      return;
    }
    setErrors({});
    const answer = ZCreateAnswerSchema.safeParse(r.body);
    // Created but unreadable: say so rather than pretend, the admin must revoke it.
    if (!answer.success) return setMessage('The token was created but the answer could not be read; revoke it and create another.');
    setMessage(null);
    setCreated(answer.data.token);
    setName('');
    setDays('');
    router.refresh();
  };

  return (
    <div className="space-y-4">
      {created && <NewTokenNotice created={created} onDone={() => setCreated(null)} />}
      <form onSubmit={submit} noValidate aria-label="Create a token" className="grid max-w-2xl grid-cols-1 items-start gap-3 sm:grid-cols-4">
        <Field id="new-token-name" label="Token name" autoComplete="off" value={name} error={errors.name} onChange={(e) => setName(e.target.value)} hint="Letters, digits, dots, dashes, underscores." />
        <SelectField id="new-token-role" label="Role" options={ROLES} value={role} error={errors.role} onChange={(e) => setRole(e.target.value)} />
        <Field id="new-token-days" label="Expires in days" inputMode="numeric" autoComplete="off" value={days} error={errors.expiresInDays} onChange={(e) => setDays(e.target.value)} hint={`Optional, 1–${MAX_TOKEN_DAYS}. Blank: until revoked.`} />
        <button type="submit" className={`${buttonClass} mt-6 justify-center`} disabled={isBusy}>Create token</button>
        {message && <p role="alert" className="text-sm text-red-600 sm:col-span-4">{message}</p>}
      </form>
    </div>
  );
};
