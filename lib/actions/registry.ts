import { checksumDefinition } from './checksum/definition';
import { drillDefinition } from './drill/definition';
import { repairDefinition } from './repair/definition';
import { switchoverDefinition } from './switchover/definition';
import { isActionKind, type TActionContext, type TActionDefinition, type TActionKind, type TPrepared, type TStepRecord } from './types';

// Every kind of action the engine runs. Each definition is typed by its own
// params; bound here to them, so the engine handles any kind alike.
export type TBoundAction = { params: unknown; stored: unknown; prepare: (ctx: TActionContext, options: { force: boolean }) => Promise<TPrepared> };

type TErased = {
  parse: (raw: unknown, nodeNames: string[]) => { ok: true; action: TBoundAction } | { ok: false; fields: Record<string, string> };
  adviceAfter: (params: unknown, steps: TStepRecord[]) => string;
  policy: TActionDefinition<unknown>['policy'];
};

const erase = <P>(d: TActionDefinition<P>): TErased => ({
  parse: (raw, nodeNames) => {
    const parsed = d.parseParams(raw, nodeNames);
    if (!parsed.ok) return parsed;
    return { ok: true, action: { params: parsed.params, stored: d.storedParams ? d.storedParams(parsed.params) : parsed.params, prepare: (ctx, options) => d.prepare(ctx, parsed.params, options) } };
  },
  adviceAfter: d.adviceAfter,
  policy: d.policy,
});

const DEFINITIONS: Record<TActionKind, TErased> = {
  switchover: erase(switchoverDefinition),
  drill: erase(drillDefinition),
  checksum: erase(checksumDefinition),
  repair: erase(repairDefinition),
};

export const definitionOf = (kind: TActionKind): TErased => DEFINITIONS[kind];

export const adviceForRun = (kind: string, paramsJson: string, steps: TStepRecord[]): string => {
  if (!isActionKind(kind)) return 'Check the cluster view, then acknowledge the run.';
  let params: unknown = {};
  try {
    params = JSON.parse(paramsJson);
  } catch {
    params = {};
  }
  return DEFINITIONS[kind].adviceAfter(params, steps);
};
