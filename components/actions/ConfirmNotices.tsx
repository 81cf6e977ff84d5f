import { Link } from '@/components/ui/Link';
import type { TPreflightCheckPush } from '@/lib/realtime/payloads';
import type { TRefusal } from './refusal';

// What every action dialog says under its dry run: why the preflight
// blocks, and why the server refused a start (with the run in the way).

export const PreflightBlocked = ({ what, blocking }: { what: string; blocking: TPreflightCheckPush[] }) => (
  <p role="alert" className="mt-3 text-sm font-medium text-red-700 dark:text-red-300">
    The preflight blocks this {what}: {blocking.map((c) => `${c.check} (${c.detail.split('\n')[0] ?? ''})`).join('; ') || 'see the checks above'}.
  </p>
);

export const RefusalNotice = ({ refusal }: { refusal: TRefusal }) => (
  <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
    {refusal.message} {refusal.runId && <Link href={`/actions/${refusal.runId}`} className="underline">Open that run</Link>}
  </p>
);
