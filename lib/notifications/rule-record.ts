import { z } from 'zod';
import { NOTIFY_EVENT_KINDS, NOTIFY_SEVERITIES, type TNotifyEventKind, type TNotifySeverity, type TRuleView } from './schema';

const ZIds = z.array(z.string());
export const storedIds = (text: string): string[] => {
  const r = ZIds.safeParse(JSON.parse(text));
  return r.success ? r.data : [];
};

const isKind = (s: string): s is TNotifyEventKind => (NOTIFY_EVENT_KINDS as readonly string[]).includes(s);
const isSeverity = (s: string): s is TNotifySeverity => (NOTIFY_SEVERITIES as readonly string[]).includes(s);

export type TRuleRow = { id: string; name: string; events: string; clusters: string; channels: string; minSeverity: string; quietSeconds: number; enabled: boolean; createdAt: Date; updatedAt: Date };

export const ruleView = (row: TRuleRow, channelNames: Map<string, string>): TRuleView => ({
  id: row.id,
  name: row.name,
  events: storedIds(row.events).filter(isKind),
  clusters: storedIds(row.clusters),
  channels: storedIds(row.channels).map((id) => channelNames.get(id) ?? `(deleted ${id.slice(0, 8)})`),
  minSeverity: isSeverity(row.minSeverity) ? row.minSeverity : 'warning',
  quietSeconds: row.quietSeconds,
  enabled: row.enabled,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
