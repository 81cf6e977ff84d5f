import type { TActionContext } from './types';

// Whether someone asked the running run to stop (the abort route, Ctrl-C in
// the CLI). Long steps poll it; the engine itself checks it between steps.
export const isAbortRequested = async (ctx: TActionContext): Promise<boolean> => {
  if (!ctx.runId) return false;
  const run = await ctx.db.actionRun.findUnique({ where: { id: ctx.runId }, select: { abortRequested: true } });
  return run?.abortRequested ?? false;
};
