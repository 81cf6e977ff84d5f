import type { TNotifyEventKind, TNotifySeverity } from '@/lib/notifications/schema';
import { splitList, toNumber } from './form-values';

export type TRuleForm = { name: string; events: TNotifyEventKind[]; clusters: string; minSeverity: TNotifySeverity; quietSeconds: string; channels: string[] };

export const emptyRuleForm = (): TRuleForm => ({ name: '', events: [], clusters: '', minSeverity: 'warning', quietSeconds: '2', channels: [] });

// No clusters means every cluster, including those added later.
export const ruleRequestBody = (f: TRuleForm): Record<string, unknown> => ({
  name: f.name.trim(),
  events: f.events,
  clusters: splitList(f.clusters),
  minSeverity: f.minSeverity,
  ...(f.quietSeconds.trim() !== '' && { quietSeconds: toNumber(f.quietSeconds) }),
  channels: f.channels,
});

// Toggles one value of a checkbox group, keeping the order of `all`.
export const toggled = <T extends string>(all: readonly T[], selected: readonly T[], value: T, isOn: boolean): T[] => all.filter((v) => (v === value ? isOn : selected.includes(v)));
