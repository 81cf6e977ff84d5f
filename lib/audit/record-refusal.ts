import type { TDb } from '@/lib/db/client';
import { addressBucket } from '@/lib/http/client-address';
import { logger } from '@/lib/log';
import { USER_NAME_RE } from '@/lib/users/create-user';

// Refusals anyone can cause without signing in (a wrong password) must not
// let them grow the database. The first refusal of a kind from an address is
// written at once; the rest within BURST_MS are counted in memory and written
// as one summary row when the burst ends. The log stays append-only; a crash
// loses at most one burst's count, never its first row.
const BURST_MS = 60_000;
const MAX_BURSTS = 10_000;
const MAX_NAMES = 5;

type TBurst = { refusal: TRefusal; startedAt: number; lastAt: number; more: number; names: string[]; timer: NodeJS.Timeout; db: TDb };
const store = globalThis as typeof globalThis & { __tandemRefusals?: Map<string, TBurst> };
const bursts = (): Map<string, TBurst> => (store.__tandemRefusals ??= new Map());

export type TRefusal = { action: string; ip: string | null; result: 'denied' | 'failed'; reason: string; name: string };

// Only a name that passes the creation rule is stored as given; anything else
// is recorded as invalid, so a refusal stores at most a few short fields.
const shownName = (name: string): string => (USER_NAME_RE.test(name) ? name : '(invalid name)');

const write = async (db: TDb, r: TRefusal, at: number, actorName: string, detail: Record<string, unknown>): Promise<void> => {
  try {
    await db.auditEvent.create({ data: { at: new Date(at), actor: `user:${actorName}`, ip: r.ip, action: r.action, result: r.result, detail: JSON.stringify({ reason: r.reason, ...detail }) } });
  } catch (e) {
    logger.error('could not write the audit log', { action: r.action, error: e instanceof Error ? e.message : String(e) });
  }
};

const flush = async (key: string): Promise<void> => {
  const map = bursts();
  const b = map.get(key);
  if (!b) return;
  map.delete(key);
  clearTimeout(b.timer);
  if (b.more === 0) return;
  const actor = b.names.length === 1 && b.names[0] ? b.names[0] : '(several)';
  await write(b.db, b.refusal, b.lastAt, actor, { count: b.more, names: b.names, from: new Date(b.startedAt).toISOString(), until: new Date(b.lastAt).toISOString() });
};

export const recordRefusal = async (db: TDb, r: TRefusal, now = Date.now()): Promise<void> => {
  const key = `${r.action}|${addressBucket(r.ip)}|${r.result}|${r.reason}`;
  const name = shownName(r.name);
  const map = bursts();
  const burst = map.get(key);
  if (burst && now - burst.startedAt < BURST_MS) {
    burst.more += 1;
    burst.lastAt = now;
    if (!burst.names.includes(name) && burst.names.length < MAX_NAMES) burst.names.push(name);
    return;
  }
  if (burst) await flush(key);
  if (map.size >= MAX_BURSTS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) await flush(oldest);
  }
  const timer = setTimeout(() => void flush(key), BURST_MS);
  timer.unref();
  map.set(key, { refusal: { ...r, name }, startedAt: now, lastAt: now, more: 0, names: [], timer, db });
  await write(db, r, now, name, { count: 1 });
};

// Writes every pending burst's summary (at shutdown, and for tests).
export const flushRefusalBursts = async (): Promise<void> => {
  for (const key of [...bursts().keys()]) await flush(key);
};
