import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TFleetBatch } from '@/lib/cluster-state/fleet-summary';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { recordedSnapshot } from '../../test/support/snapshots';
import { FLEET_FLUSH_MS, FLEET_URGENT_GAP_MS, FLEET_URGENT_MS, queueFleetSummary, type TFleetEmitter } from './fleet-stream';

// When the overview's batches leave: lag and observation times wait for the
// quarter-second batch, a VIP changing hands does not. Fake timers, so the
// times below are the stream's schedule, not this machine's speed.
const sent: { at: number; batch: TFleetBatch }[] = [];
const io: TFleetEmitter = { to: () => ({ emit: (_event, batch) => sent.push({ at: Date.now(), batch }) }) };
let t0 = 0;
let n = 0;

const healthy = recordedSnapshot('healthy');
const snapshotOf = (cluster: string, o: { holders?: string[]; lag?: number } = {}): TClusterSnapshot => ({
  ...healthy,
  cluster,
  vip: { ...healthy.vip, holders: o.holders ?? ['node1'] },
  nodes: healthy.nodes.map((node) => ({ ...node, lagSeconds: o.lag ?? node.lagSeconds })),
  observedAt: new Date(Date.now()).toISOString(),
});

const newCluster = (): string => `fleet-stream-${(n += 1)}`;

// Forgets what was sent and starts the test's clock here.
const restart = (): void => {
  sent.length = 0;
  t0 = Date.now();
};

// Clusters already sent once, as a page's stream would have them.
const known = async (clusters: string[]): Promise<void> => {
  for (const c of clusters) queueFleetSummary(io, snapshotOf(c));
  await vi.advanceTimersByTimeAsync(FLEET_FLUSH_MS * 2);
  restart();
};

// Nothing leaves before the ordinary batch is due; then the batch does.
const untilTheBatch = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(FLEET_FLUSH_MS - 1);
  expect(sent).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
};

const holdersIn = (b: TFleetBatch | undefined, cluster: string) => b?.changed.find((s) => s.cluster === cluster)?.holders;

beforeEach(() => {
  // The stream lives on globalThis (one per server process): each test
  // starts from none, on its own fake clock.
  Reflect.deleteProperty(globalThis, '__tandemFleetStream');
  vi.useFakeTimers();
  restart();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the fleet stream schedule', () => {
  it('holds a lag change for the quarter-second batch', async () => {
    const cluster = newCluster();
    await known([cluster]);
    queueFleetSummary(io, snapshotOf(cluster, { lag: 7 }));
    await untilTheBatch();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.at).toBe(t0 + FLEET_FLUSH_MS);
    expect(sent[0]?.batch.changed[0]?.maxLagSeconds).toBe(7);
  });

  it('sends a VIP move at once, with whatever else was waiting', async () => {
    const [moved, lagging] = [newCluster(), newCluster()];
    await known([moved, lagging]);
    queueFleetSummary(io, snapshotOf(lagging, { lag: 3 }));
    await vi.advanceTimersByTimeAsync(50);
    queueFleetSummary(io, snapshotOf(moved, { holders: ['node2'] }));
    await vi.advanceTimersByTimeAsync(FLEET_URGENT_MS);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.at).toBe(t0 + 50 + FLEET_URGENT_MS);
    expect(holdersIn(sent[0]?.batch, moved)).toEqual(['node2']);
    expect(sent[0]?.batch.changed.find((s) => s.cluster === lagging)?.maxLagSeconds).toBe(3);
    // Nothing left for the batch timer that was replaced.
    await vi.advanceTimersByTimeAsync(FLEET_FLUSH_MS * 2);
    expect(sent).toHaveLength(1);
  });

  it('spaces urgent messages, so a whole fleet moving at once arrives as a few messages, none lost', async () => {
    const clusters = Array.from({ length: 50 }, newCluster);
    await known(clusters);
    // 50 clusters change hands, one every 4 ms, over 200 ms.
    for (const c of clusters) {
      queueFleetSummary(io, snapshotOf(c, { holders: ['node2'] }));
      await vi.advanceTimersByTimeAsync(4);
    }
    await vi.advanceTimersByTimeAsync(FLEET_FLUSH_MS);
    const gaps = sent.slice(1).map((m, i) => m.at - (sent[i]?.at ?? 0));
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(200 / FLEET_URGENT_GAP_MS) + 1);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(FLEET_URGENT_GAP_MS);
    expect(sent[0]?.at).toBe(t0 + FLEET_URGENT_MS);
    expect(sent.flatMap((m) => m.batch.changed.map((s) => s.cluster)).sort()).toEqual([...clusters].sort());
    expect(sent.every((m) => m.batch.changed.every((s) => s.holders.join() === 'node2'))).toBe(true);
  });

  it('does not rush a cluster seen for the first time: it came with the page', async () => {
    const cluster = newCluster();
    queueFleetSummary(io, snapshotOf(cluster, { holders: ['node2'] }));
    await untilTheBatch();
    expect(holdersIn(sent[0]?.batch, cluster)).toEqual(['node2']);
  });

  it('does not hold back a lag change queued right after an urgent message', async () => {
    const moved = newCluster();
    await known([moved]);
    queueFleetSummary(io, snapshotOf(moved, { holders: ['node2'] }));
    await vi.advanceTimersByTimeAsync(FLEET_URGENT_MS);
    expect(sent).toHaveLength(1);
    queueFleetSummary(io, snapshotOf(moved, { holders: ['node2'], lag: 4 }));
    await vi.advanceTimersByTimeAsync(FLEET_FLUSH_MS);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.at).toBe(t0 + FLEET_URGENT_MS + FLEET_FLUSH_MS);
    expect(sent[1]?.batch.changed[0]?.maxLagSeconds).toBe(4);
  });

  it('sends an unchanged summary again after 10 s in the ordinary batch, not as news', async () => {
    const cluster = newCluster();
    await known([cluster]);
    await vi.advanceTimersByTimeAsync(10_000);
    restart();
    queueFleetSummary(io, snapshotOf(cluster));
    await untilTheBatch();
    expect(holdersIn(sent[0]?.batch, cluster)).toEqual(['node1']);
  });

  it('sends a move at once even after the clock stepped back', async () => {
    const cluster = newCluster();
    await known([cluster]);
    vi.setSystemTime(Date.now() - 60_000);
    restart();
    queueFleetSummary(io, snapshotOf(cluster, { holders: ['node2'] }));
    await vi.advanceTimersByTimeAsync(FLEET_URGENT_GAP_MS);
    expect(holdersIn(sent[0]?.batch, cluster)).toEqual(['node2']);
    expect(sent[0]?.at).toBeLessThanOrEqual(t0 + FLEET_URGENT_GAP_MS);
  });
});
