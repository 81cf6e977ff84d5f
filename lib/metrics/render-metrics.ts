import { liveSnapshots, watchedClusters } from '@/lib/collector/collector';
import { getDb } from '@/lib/db/client';
import { readEndedRuns, registerActionRunMetrics } from './action-run-metrics';
import { registerClusterGauges, registerWatchedGauge } from './cluster-gauges';
import { metrics } from './registry';

// The scrape-time families are attached here, on first use, rather than in
// registry.ts: the collector records into the registry, and the gauges read
// the collector, so attaching them there would make the two import each other.
const attachScrapeSources = (): void => {
  const m = metrics();
  if (m.scrapeSourcesAttached) return;
  m.scrapeSourcesAttached = true;
  registerClusterGauges(m.registry, liveSnapshots);
  registerWatchedGauge(m.registry, watchedClusters);
  registerActionRunMetrics(m.registry, { read: async () => readEndedRuns(await getDb()) });
};

// The exposition of everything this process knows, in Prometheus text format.
export const renderMetrics = async (): Promise<{ contentType: string; body: string }> => {
  attachScrapeSources();
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
};
