import { ZActionRefusalSchema, type TPreflightCheckPush } from '@/lib/realtime/payloads';

export type TRefusal = { message: string; runId: string | null; preflight: TPreflightCheckPush[] | null };

// Why the server would not start the run, in the operator's words, with
// what the dialog needs to show next to it (the fresh preflight, the run
// already going on).
export const explainRefusal = (cluster: string, failure: { message: string; body: unknown }): TRefusal => {
  const parsed = ZActionRefusalSchema.safeParse(failure.body);
  if (!parsed.success) return { message: failure.message, runId: null, preflight: null };
  const r = parsed.data;
  switch (r.error) {
    case 'too_soon':
      return { message: `The VIP of ${cluster} moved too recently (anti-flap window): retry in ${r.retryAfterSeconds ?? '?'} s.`, runId: null, preflight: null };
    case 'action_in_progress':
      return { message: r.run ? `Run ${r.run.id.slice(0, 8)} (${r.run.kind}, by ${r.run.requestedBy}) is already in progress on ${cluster}.` : `Another action is already in progress on ${cluster}.`, runId: r.run?.id ?? null, preflight: null };
    case 'preflight_failed':
      return { message: 'The preflight, read again as the run was about to start, now refuses it (see the checks above).', runId: null, preflight: r.preflight ?? null };
    case 'confirmation_required':
      return { message: `Type the cluster name (${cluster}) exactly to confirm.`, runId: null, preflight: null };
    default:
      return { message: r.message ?? failure.message, runId: null, preflight: null };
  }
};
