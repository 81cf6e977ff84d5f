'use client';
import { useRouter } from 'next/navigation';
import { useOptimistic, useState, useTransition } from 'react';
import { callApi } from '@/components/ui/call-api';

// Enables or pauses a channel or rule in place; a paused one keeps its settings.
export const EnabledSwitch = ({ url, label, isEnabled }: { url: string; label: string; isEnabled: boolean }) => {
  const router = useRouter();
  const [isOn, setIsOn] = useOptimistic(isEnabled);
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const toggle = (next: boolean) =>
    startTransition(async () => {
      setIsOn(next);
      const problem = await callApi('PATCH', url, { enabled: next });
      setError(problem);
      if (!problem) router.refresh();
    });

  return (
    <div>
      <span className="inline-flex items-center gap-1.5">
        <input type="checkbox" role="switch" aria-label={label} checked={isOn} disabled={isPending} onChange={(e) => toggle(e.target.checked)} />
        <span className={isOn ? '' : 'font-semibold text-amber-700 dark:text-amber-400'}>{isOn ? 'enabled' : 'disabled'}</span>
      </span>
      {error && <p role="alert" className="text-xs text-red-600 dark:text-red-400">{error}</p>}
    </div>
  );
};
