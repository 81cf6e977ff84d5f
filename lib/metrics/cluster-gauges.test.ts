import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { parseExposition, parseSeries, samplesOf, valueOf } from '@/test/support/exposition';
import { recordedSnapshot } from '@/test/support/snapshots';
import { KEEPALIVED_STATES, registerClusterGauges } from './cluster-gauges';

const render = async (snapshots: () => TClusterSnapshot[]) => {
  const registry = new Registry();
  registerClusterGauges(registry, snapshots);
  const text = await registry.metrics();
  return { text, families: parseExposition(text), series: parseSeries(text) };
};

// Label names the gauges may use, and what a label value may look like: no
// message, error text or free-form value ever becomes a label.
const ALLOWED_LABELS = new Set(['cluster', 'node', 'state', 'severity']);
const BOUNDED_VALUE = /^[A-Za-z0-9._-]{1,63}$/;

describe('cluster gauges from recorded lab snapshots', () => {
  it('export the healthy pair: node1 holds the VIP, both threads run, each node in one keepalived state', async () => {
    const { series } = await render(() => [recordedSnapshot('healthy')]);
    const f = (name: string, labels: Record<string, string> = {}) => valueOf(series, name, { cluster: 'lab', ...labels });
    expect([f('tandem_vip_held', { node: 'node1' }), f('tandem_vip_held', { node: 'node2' }), f('tandem_vip_holders')]).toEqual([1, 0, 1]);
    for (const node of ['node1', 'node2']) {
      expect([f('tandem_node_reachable', { node }), f('tandem_mysql_up', { node }), f('tandem_replication_io_running', { node }), f('tandem_replication_sql_running', { node }), f('tandem_replication_lag_seconds', { node })]).toEqual([1, 1, 1, 1, 0]);
      // No heartbeat in this recording: no sample rather than a made-up 0.
      expect(f('tandem_heartbeat_lag_seconds', { node })).toBeUndefined();
      expect(samplesOf(series, 'tandem_keepalived_state', { cluster: 'lab', node }).map((s) => s.labels?.state).sort()).toEqual([...KEEPALIVED_STATES].sort());
    }
    expect(f('tandem_keepalived_state', { node: 'node1', state: 'MASTER' })).toBe(1);
    expect(f('tandem_keepalived_state', { node: 'node2', state: 'BACKUP' })).toBe(1);
    expect(samplesOf(series, 'tandem_keepalived_state', { cluster: 'lab' }).reduce((n, s) => n + Number(s.value), 0)).toBe(2);
    // This recording is the seed-guide lab: both writable, one warning (passive-writable).
    expect([f('tandem_read_only', { node: 'node1' }), f('tandem_read_only', { node: 'node2' })]).toEqual([0, 0]);
    expect([f('tandem_findings', { severity: 'critical' }), f('tandem_findings', { severity: 'warning' }), f('tandem_findings', { severity: 'info' })]).toEqual([0, 1, 0]);
    expect(f('tandem_snapshot_age_seconds')).toBeGreaterThan(0);
  });

  it('export a split brain as two holders and a stopped mysqld as MySQL down with no read_only sample', async () => {
    const split = (await render(() => [recordedSnapshot('split-brain')])).series;
    expect(valueOf(split, 'tandem_vip_holders', { cluster: 'lab' })).toBe(2);
    expect(valueOf(split, 'tandem_findings', { cluster: 'lab', severity: 'critical' })).toBe(1);
    // Connecting is not running.
    expect(valueOf(split, 'tandem_replication_io_running', { cluster: 'lab', node: 'node2' })).toBe(0);

    const { text, series } = await render(() => [recordedSnapshot('node1-mysqld-stopped')]);
    expect(valueOf(series, 'tandem_vip_held', { cluster: 'lab', node: 'node2' })).toBe(1);
    expect(valueOf(series, 'tandem_mysql_up', { cluster: 'lab', node: 'node1' })).toBe(0);
    expect(valueOf(series, 'tandem_read_only', { cluster: 'lab', node: 'node1' })).toBeUndefined();
    expect(valueOf(series, 'tandem_keepalived_state', { cluster: 'lab', node: 'node1', state: 'FAULT' })).toBe(1);
    // The node's error text stays in the snapshot, out of the metrics.
    expect(text).not.toContain("Can't connect");
  });

  it('keep labels to a closed set of names and identifier-like values, whatever the snapshot says', async () => {
    const hostile = { ...recordedSnapshot('node1-mysqld-stopped'), cluster: 'other' };
    const [n1] = hostile.nodes;
    if (!n1) throw new Error('no node');
    n1.keepalived = { ...n1.keepalived, state: 'MASTER"} 1\nevil{x="' };
    hostile.findings.push({ code: 'lag-high', severity: 'warning', node: 'node1', message: 'a "quoted"\nmessage', advice: 'x' });
    const { text, series } = await render(() => [recordedSnapshot('split-brain'), hostile]);
    expect(text).not.toContain('evil');
    expect(text).not.toContain('quoted');
    expect(valueOf(series, 'tandem_keepalived_state', { cluster: 'other', node: 'node1', state: 'UNKNOWN' })).toBe(1);
    expect(valueOf(series, 'tandem_vip_holders', { cluster: 'other' })).toBe(1);
    for (const [name, samples] of series) {
      for (const s of samples) {
        for (const [k, v] of Object.entries(s.labels ?? {})) {
          expect(ALLOWED_LABELS.has(k), `${name} label ${k}`).toBe(true);
          expect(v, `${name}{${k}}`).toMatch(BOUNDED_VALUE);
        }
      }
    }
  });

  it('follow the source: a cluster that is no longer watched has no series', async () => {
    let watched = [recordedSnapshot('healthy')];
    const registry = new Registry();
    registerClusterGauges(registry, () => watched);
    expect(valueOf(parseSeries(await registry.metrics()), 'tandem_vip_holders', { cluster: 'lab' })).toBe(1);
    watched = [];
    const text = await registry.metrics();
    expect(samplesOf(parseSeries(text), 'tandem_vip_held')).toEqual([]);
    const families = parseExposition(text);
    // The family itself stays described (HELP/TYPE), with no samples.
    expect(families.get('tandem_vip_held')?.type).toBe('GAUGE');
  });
});
