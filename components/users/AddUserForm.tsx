'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/components/ui/call-api';
import { Field } from '@/components/ui/Field';
import { buttonClass, inputClass } from '@/components/ui/styles';

export const AddUserForm = () => {
  const router = useRouter();
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setIsBusy(true);
    const problem = await callApi('POST', '/api/users', { name, role, password });
    setIsBusy(false);
    setError(problem);
    if (problem) return;
    setName('');
    setPassword('');
    router.refresh();
  };

  return (
    <form onSubmit={submit} aria-label="Add a user" className="grid max-w-2xl grid-cols-1 items-end gap-3 sm:grid-cols-4">
      <Field id="new-user-name" label="User name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
      <label className="text-sm font-medium">Role
        <select value={role} onChange={(e) => setRole(e.target.value)} className={inputClass}>
          <option value="viewer">viewer</option><option value="operator">operator</option><option value="admin">admin</option>
        </select>
      </label>
      <Field id="new-user-password" label="Initial password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" className={buttonClass} disabled={isBusy}>Add user</button>
      {error && <p role="alert" className="text-sm text-red-600 sm:col-span-4">{error}</p>}
    </form>
  );
};
