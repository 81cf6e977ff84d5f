import type { TDb } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { storedIds } from './rule-record';
import { cachedRules } from './rules-cache';
import { severityRank, type TNotifyEvent, type TNotifyEventKind } from './schema';

type TActiveRule = { events: Set<string>; clusters: Set<string>; channels: string[]; minSeverity: number; quietMs: number };

// Findings are filtered by severity; a VIP move, a split brain or a run's end
// is news whatever its severity. A split brain is also a finding.
const FINDING_KINDS = new Set<TNotifyEventKind>(['finding-raised', 'finding-cleared']);
const matches = (rule: TActiveRule, e: TNotifyEvent): boolean => {
  const kindOk = rule.events.has(e.kind) || (e.kind === 'split-brain' && rule.events.has('finding-raised'));
  if (!kindOk) return false;
  if (rule.clusters.size > 0 && !rule.clusters.has(e.cluster)) return false;
  if (FINDING_KINDS.has(e.kind) && severityRank(e.severity) < rule.minSeverity) return false;
  return true;
};

const loadRules = async (db: TDb): Promise<TActiveRule[]> => {
  const enabledChannels = new Set((await db.notificationChannel.findMany({ where: { enabled: true }, select: { id: true } })).map((c) => c.id));
  return (await db.notificationRule.findMany({ where: { enabled: true } })).map((r) => ({
    events: new Set(storedIds(r.events)),
    clusters: new Set(storedIds(r.clusters)),
    channels: storedIds(r.channels).filter((id) => enabledChannels.has(id)),
    minSeverity: severityRank(r.minSeverity),
    quietMs: r.quietSeconds * 1000,
  }));
};

const MAX_TEXT = 2000;
const clip = (s: string | null): string | null => (s !== null && s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

type TWaker = () => void;
const store = globalThis as typeof globalThis & { __tandemNotifyWake?: TWaker };
// The notifier in this process (if any) groups and sends without waiting for its next tick.
export const setOutboxWaker = (wake: TWaker | undefined): void => {
  store.__tandemNotifyWake = wake;
};

// Written to the database when the event happens (one row per channel that a
// rule sends it to), so it survives a channel that is down and a restart.
// Never throws: a notification problem must not break the collector or a run.
export const enqueueNotification = async (db: TDb, event: TNotifyEvent): Promise<number> => {
  try {
    const rules = (await cachedRules(() => loadRules(db))).filter((r) => matches(r, event));
    if (rules.length === 0) return 0;
    // A channel named by two matching rules gets the event once, with the shorter quiet period.
    const quietByChannel = new Map<string, number>();
    for (const r of rules) for (const c of r.channels) quietByChannel.set(c, Math.min(quietByChannel.get(c) ?? Infinity, r.quietMs));
    if (quietByChannel.size === 0) return 0;
    const payload = JSON.stringify({ ...event, message: clip(event.message), advice: clip(event.advice) });
    const now = new Date();
    await db.notificationEvent.createMany({
      data: [...quietByChannel].map(([channelId, quietMs]) => ({ channelId, clusterName: event.cluster, kind: event.kind, severity: event.severity, at: new Date(event.at), quietMs, payload, createdAt: now })),
    });
    store.__tandemNotifyWake?.();
    return quietByChannel.size;
  } catch (e) {
    logger.error('could not queue a notification', { cluster: event.cluster, kind: event.kind, error: e instanceof Error ? e.message : String(e) });
    return 0;
  }
};
