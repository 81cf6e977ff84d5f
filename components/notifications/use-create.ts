'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { requestApi } from '@/components/ui/call-api';

// What both "add" forms do with the API's answer: field errors next to the
// fields and a summary, or a confirmation and a refreshed page.
export const useCreate = (url: string) => {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  // Resolves true when created; `done` is said in the status line.
  const create = async (body: unknown, done: string): Promise<boolean> => {
    setIsBusy(true);
    const r = await requestApi('POST', url, body);
    setIsBusy(false);
    if (!r.isOk) {
      setErrors(r.fields);
      setAdded(null);
      setError(Object.keys(r.fields).length > 0 ? 'Please correct the highlighted fields.' : r.message);
      return false;
    }
    setErrors({});
    setError(null);
    setAdded(done);
    router.refresh();
    return true;
  };
  return { errors, error, added, isBusy, create };
};
