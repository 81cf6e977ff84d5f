import { fleetSummaryOf, summaryFingerprint, type TFleetBatch, type TFleetSummary } from '@/lib/cluster-state/fleet-summary';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';

export const FLEET_ROOM = 'fleet';

// What the stream needs of the Socket.IO server: a room to send a batch to.
export type TFleetEmitter = { to(room: string): { emit(event: 'fleet:summaries', batch: TFleetBatch): unknown } };

// Pushes to the overview leave in batches: a fleet of 500 clusters pushes
// hundreds of snapshots a second, and one message per batch costs a page one
// render instead of hundreds. A quarter of a second is below what a person
// watching a list of clusters notices.
export const FLEET_FLUSH_MS = 250;

// Except what a person watching the overview waits for: the VIP changing
// hands, a split brain, a status changing. Such a summary leaves within this
// long (both nodes' views of one move usually arrive together), but never
// sooner than FLEET_URGENT_GAP_MS after the last message, so a whole fleet
// changing at once (a network partition) arrives as at most 20 messages a
// second, not one per cluster.
export const FLEET_URGENT_MS = 20;
export const FLEET_URGENT_GAP_MS = 50;

// An unchanged summary is sent in full again with the first push observed
// this long after the last full one (a quiet cluster is pushed every 5 s, so
// every 10-15 s): a page whose first view was older than a change it then
// missed (read while a delta was on its way; with several servers, a saved
// state a second behind one already broadcast; a dropped Redis message)
// would otherwise show the old status as freshly observed until the next
// change. A time that cannot be compared counts as due.
export const FLEET_RESEND_MS = 10_000;

type TFleetStream = {
  // What was last sent in full of each cluster, and its observation time.
  sent: Map<string, { fingerprint: string; urgentKey: string; observedMs: number }>;
  changed: Map<string, TFleetSummary>;
  observed: Map<string, string>;
  timer: NodeJS.Timeout | undefined;
  // When the pending timer fires, and when the last message left (ms).
  dueAt: number;
  flushedAt: number;
};

const store = globalThis as typeof globalThis & { __tandemFleetStream?: TFleetStream };
const stream = (): TFleetStream => (store.__tandemFleetStream ??= { sent: new Map(), changed: new Map(), observed: new Map(), timer: undefined, dueAt: 0, flushedAt: 0 });

const flush = (io: TFleetEmitter | undefined): void => {
  const s = stream();
  s.timer = undefined;
  if (s.changed.size === 0 && s.observed.size === 0) return;
  s.flushedAt = Date.now();
  const batch: TFleetBatch = { changed: [...s.changed.values()], observed: [...s.observed.entries()] };
  s.changed.clear();
  s.observed.clear();
  io?.to(FLEET_ROOM).emit('fleet:summaries', batch);
};

// Called with every snapshot the collector pushes.
export const queueFleetSummary = (io: TFleetEmitter | undefined, snapshot: TClusterSnapshot): void => {
  const s = stream();
  const summary = fleetSummaryOf(snapshot);
  const fingerprint = summaryFingerprint(summary);
  const observedMs = summary.observedAt === null ? NaN : Date.parse(summary.observedAt);
  const urgentKey = `${summary.status}|${summary.splitBrain}|${summary.holders.join(',')}`;
  const last = s.sent.get(summary.cluster);
  // A cluster seen for the first time is not news to a page: it came with
  // the page's first view.
  const urgent = last !== undefined && last.urgentKey !== urgentKey;
  // A clock that jumped back counts as due, not as years of silence.
  const due = last !== undefined && Number.isFinite(observedMs) && !(Math.abs(observedMs - last.observedMs) < FLEET_RESEND_MS);
  if (last?.fingerprint !== fingerprint || due) {
    s.sent.set(summary.cluster, { fingerprint, urgentKey, observedMs });
    s.changed.set(summary.cluster, summary);
    s.observed.delete(summary.cluster);
  } else if (!s.changed.has(summary.cluster) && summary.observedAt !== null) {
    s.observed.set(summary.cluster, summary.observedAt);
  } else {
    const queued = s.changed.get(summary.cluster);
    if (queued) queued.observedAt = summary.observedAt;
  }
  const now = Date.now();
  // A clock stepped back since the last message must not hold an urgent one.
  const dueAt = urgent ? Math.max(now + FLEET_URGENT_MS, Math.min(s.flushedAt, now) + FLEET_URGENT_GAP_MS) : now + FLEET_FLUSH_MS;
  if (s.timer !== undefined && s.dueAt <= dueAt) return;
  clearTimeout(s.timer);
  s.dueAt = dueAt;
  s.timer = setTimeout(() => flush(io), dueAt - now);
};

// A cluster that left this server (deleted, or now watched elsewhere): its
// next summary is sent in full again.
export const forgetFleetCluster = (cluster: string): void => {
  const s = stream();
  s.sent.delete(cluster);
  s.changed.delete(cluster);
  s.observed.delete(cluster);
};
