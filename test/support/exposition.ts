import parsePrometheusTextFormat, { type TPromFamily, type TPromSample } from 'parse-prometheus-text-format';
import type { Registry } from 'prom-client';
import { registerActionRunMetrics } from '@/lib/metrics/action-run-metrics';
import { registerClusterGauges } from '@/lib/metrics/cluster-gauges';
import { createMetrics } from '@/lib/metrics/registry';
import { recordedSnapshot } from './snapshots';

// The exposition as a Prometheus server reads it: parsed by a real
// text-format parser (it throws on a malformed line), not by regexes.
export const parseExposition = (text: string): Map<string, TPromFamily> => new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));

// Every series on its own, by name (a histogram's as NAME_bucket with its le,
// NAME_sum and NAME_count). The same parser reads the text with the TYPE
// lines left out: for a histogram with labels, version 1.1.1 merges all
// series into one and drops their labels. Untyped, a histogram's lines
// (buckets, sum, count, then the next label set's) come back as runs of
// families of the same name, gathered here.
export const parseSeries = (text: string): Map<string, TPromSample[]> => {
  const series = new Map<string, TPromSample[]>();
  for (const f of parsePrometheusTextFormat(text.split('\n').filter((l) => !l.startsWith('# TYPE ')).join('\n'))) series.set(f.name, [...(series.get(f.name) ?? []), ...f.metrics]);
  return series;
};

const matches = (sample: TPromSample, labels: Record<string, string>): boolean => Object.entries(labels).every(([k, v]) => sample.labels?.[k] === v);

// The series of a name whose labels include the given ones.
export const samplesOf = (series: Map<string, TPromSample[]>, name: string, labels: Record<string, string> = {}): TPromSample[] =>
  (series.get(name) ?? []).filter((s) => matches(s, labels));

// The one gauge or counter value with these labels (undefined: no such series).
export const valueOf = (series: Map<string, TPromSample[]>, name: string, labels: Record<string, string> = {}): number | undefined => {
  const found = samplesOf(series, name, labels);
  if (found.length > 1) throw new Error(`${found.length} series of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value === undefined ? undefined : Number(found[0].value);
};

// Every series name a registry can expose (a histogram also as its
// _bucket, _sum and _count), read without collecting. prom-client's typings
// call type an enum; at run time it is the family's type as a string.
export const exposedNames = (registry: Registry): Set<string> =>
  new Set(
    registry.getMetricsAsArray().flatMap((m) => {
      const type = String(m.type);
      return type === 'histogram' ? [m.name, `${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : type === 'summary' ? [m.name, `${m.name}_sum`, `${m.name}_count`] : [m.name];
    }),
  );

// A registry with every family Tandem exposes, fed with recorded lab
// snapshots, a few action runs and hook observations: what a scrape of a
// busy server looks like, without a server.
export const demoRegistry = (): Registry => {
  const m = createMetrics();
  registerClusterGauges(m.registry, () => [recordedSnapshot('healthy'), { ...recordedSnapshot('split-brain'), cluster: 'other' }]);
  registerActionRunMetrics(m.registry, {
    read: async () => ({ clusters: ['lab', 'other'], runs: [{ cluster: 'lab', kind: 'switchover', outcome: 'succeeded', seconds: 4.2 }, { cluster: 'other', kind: 'drill', outcome: 'failed', seconds: 61 }] }),
  });
  m.pollDuration.observe({ cluster: 'lab', node: 'node1', outcome: 'ok' }, 0.012);
  m.pollDuration.observe({ cluster: 'lab', node: 'node2', outcome: 'unreachable' }, 5);
  m.sshReconnects.inc({ cluster: 'lab', node: 'node2' });
  m.notificationDeliveries.inc({ channel_type: 'email', outcome: 'delivered' });
  return m.registry;
};
