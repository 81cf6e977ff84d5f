import { describe, expect, it } from 'vitest';
import { fleetSummaryOf, unobservedSummary, type TFleetSummary } from '@/lib/cluster-state/fleet-summary';
import { recordedSnapshot } from '@/test/support/snapshots';
import { applyFleetBatch, countByStatus, fleetMatcher, observedLabel, sortClusters, type TFleetFilter, type TOverviewCluster } from './fleet-view';

// What the page shows, in order: sorted, then the filter's matches.
const visibleClusters = (all: readonly TOverviewCluster[], s: ReadonlyMap<string, TFleetSummary>, filter: TFleetFilter) => sortClusters(all, s, filter.sort).filter(fleetMatcher(s, filter));

const cluster = (name: string): TOverviewCluster => ({ name, vip: `198.18.0.${name.length}`, description: null, nodes: [] });
const summary = (name: string, over: Partial<TFleetSummary>): TFleetSummary => ({ ...unobservedSummary(name), observedAt: '2026-12-03T10:00:00.000Z', ...over });

const clusters = ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map(cluster);
const summaries = new Map<string, TFleetSummary>([
  ['alpha', summary('alpha', { status: 'healthy', maxLagSeconds: 0, links: [{ from: 'n1', to: 'n2', health: 'running', lagSeconds: 0 }] })],
  ['bravo', summary('bravo', { status: 'critical', maxLagSeconds: null, links: [{ from: 'n1', to: 'n2', health: 'broken', lagSeconds: null }] })],
  ['charlie', summary('charlie', { status: 'degraded', maxLagSeconds: 42, links: [{ from: 'n1', to: 'n2', health: 'running', lagSeconds: 42 }] })],
  ['delta', summary('delta', { status: 'healthy', maxLagSeconds: 3, links: [{ from: 'n1', to: 'n2', health: 'running', lagSeconds: 3 }] })],
]);

describe('the fleet overview', () => {
  it('sorts worst first by default, by name, or by lag with broken replication above any lag', () => {
    const names = (sort: 'status' | 'name' | 'lag') => visibleClusters(clusters, summaries, { text: '', status: '', sort }).map((c) => c.name);
    expect(names('status')).toEqual(['bravo', 'charlie', 'echo', 'alpha', 'delta']);
    expect(names('name')).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    expect(names('lag')).toEqual(['bravo', 'charlie', 'delta', 'alpha', 'echo']);
  });

  it('filters by name and status together, and counts the whole fleet by status', () => {
    expect(visibleClusters(clusters, summaries, { text: ' A', status: 'healthy', sort: 'name' }).map((c) => c.name)).toEqual(['alpha', 'delta']);
    expect(visibleClusters(clusters, summaries, { text: '', status: 'unknown', sort: 'name' }).map((c) => c.name)).toEqual(['echo']);
    expect(countByStatus(clusters, summaries)).toEqual({ critical: 1, degraded: 1, unknown: 1, healthy: 2 });
  });

  it('applies a batch: changed summaries replace, observation times refresh, the map never grows past the fleet', () => {
    let map: ReadonlyMap<string, TFleetSummary> = summaries;
    for (let i = 0; i < 1000; i += 1) {
      map = applyFleetBatch(map, { changed: [summary('alpha', { status: i % 2 ? 'critical' : 'healthy' })], observed: [['delta', `2026-12-03T10:${String(i % 60).padStart(2, '0')}:00.000Z`]] });
    }
    expect(map.size).toBe(4);
    expect(map.get('alpha')?.status).toBe('critical');
    expect(map.get('delta')?.observedAt).toBe('2026-12-03T10:39:00.000Z');
    const same = applyFleetBatch(map, { changed: [], observed: [] });
    expect(same).toBe(map);
  });

  it('keeps the newer of two summaries that arrive out of order, and never moves an observation time back', () => {
    const shown = applyFleetBatch(summaries, { changed: [summary('alpha', { status: 'critical', observedAt: '2026-12-03T10:00:05.000Z' })], observed: [] });
    // An older full summary (a live view answered late) and an older time.
    const late = applyFleetBatch(shown, { changed: [summary('alpha', { status: 'healthy', observedAt: '2026-12-03T10:00:03.000Z' })], observed: [['alpha', '2026-12-03T10:00:04.000Z']] });
    expect(late).toBe(shown);
    expect(late.get('alpha')).toMatchObject({ status: 'critical', observedAt: '2026-12-03T10:00:05.000Z' });
    const next = applyFleetBatch(late, { changed: [summary('alpha', { status: 'healthy', observedAt: '2026-12-03T10:00:06.000Z' })], observed: [] });
    expect(next.get('alpha')?.status).toBe('healthy');
  });

  it('says "just now" while a cluster is observed every few seconds, and counts the seconds once it is not', () => {
    const at = Date.parse('2026-12-03T10:00:00.000Z');
    expect(observedLabel('2026-12-03T10:00:00.000Z', at + 4000)).toEqual({ text: 'observed just now', stale: false });
    expect(observedLabel('2026-12-03T10:00:00.000Z', at + 12_000)).toEqual({ text: 'observed 12 s ago', stale: false });
    expect(observedLabel('2026-12-03T10:00:00.000Z', at + 20_000)).toEqual({ text: 'observed 20 s ago (stale)', stale: true });
    expect(observedLabel(null, at)).toEqual({ text: 'not observed yet', stale: false });
  });

  it('summarises a recorded snapshot as the card draws it', () => {
    const s = fleetSummaryOf(recordedSnapshot('split-brain'));
    expect(s.splitBrain).toBe(true);
    expect(s.holders).toEqual(['node1', 'node2']);
    expect(s.status).toBe('critical');
  });
});
