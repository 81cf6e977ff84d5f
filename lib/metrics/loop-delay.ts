import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

// prom-client's event-loop delay family keeps a 10 ms timer running for the
// life of the process: 100 wake-ups a second. On the 2-core VMs Tandem was
// measured on each wake-up costs ≈ 0.1 ms of CPU, ≈ 9 ms a second in all, more
// than the collector's whole work watching one pair (bench/profile-collector.ts).
// Here a 10 ms timer runs for LOOP_SAMPLE_MS out of every
// LOOP_SAMPLE_EVERY_MS, so the figures keep prom-client's meaning (the time
// between two ticks of a 10 ms timer; ≈ 0.010 s on an idle loop) and become a
// sample of the time rather than all of it. A stall that falls outside the
// sampled second is not seen; one that recurs (a flush every second, a slow
// poll parse) is. And it runs only while someone reads the figures: from the
// first scrape until LOOP_SAMPLE_IDLE_MS pass without one. Even sampled, the
// timer was ≈ 4 ms of CPU a second, as much as watching a pair, spent on
// figures nobody scraped.
export const LOOP_SAMPLE_MS = 1000;
export const LOOP_SAMPLE_EVERY_MS = 5000;
export const LOOP_SAMPLE_IDLE_MS = 10 * 60_000;
const RESOLUTION_MS = 10;

// The histogram-fed names of prom-client's family (prom-client registers them
// too; they are replaced: see attachLoopDelayMetrics).
const FAMILY = [
  ['min', 'The minimum recorded event loop delay.'],
  ['max', 'The maximum recorded event loop delay.'],
  ['mean', 'The mean of the recorded event loop delays.'],
  ['stddev', 'The standard deviation of the recorded event loop delays.'],
  ['p50', 'The 50th percentile of the recorded event loop delays.'],
  ['p90', 'The 90th percentile of the recorded event loop delays.'],
  ['p99', 'The 99th percentile of the recorded event loop delays.'],
] as const;
type TStat = (typeof FAMILY)[number][0];
export const LOOP_DELAY_METRIC_NAMES = FAMILY.map(([stat]) => `nodejs_eventloop_lag_${stat}_seconds`);

const statsOf = (h: RecordableHistogram): Record<TStat, number> => ({
  min: h.min / 1e9,
  max: h.max / 1e9,
  mean: h.mean / 1e9,
  stddev: h.stddev / 1e9,
  p50: h.percentile(50) / 1e9,
  p90: h.percentile(90) / 1e9,
  p99: h.percentile(99) / 1e9,
});

// Each scrape reports the sampled seconds since the previous scrape; a scrape
// that follows another with no sample between them repeats the last figures
// (an empty histogram reads as min 9.2e18, which no dashboard should see);
// before the first sampled tick the gauges read 0. The first scrape (or the
// first after an idle spell) starts the sampling, so it reads what the one
// before left, or 0.
export const attachLoopDelayMetrics = (registry: Registry, o: { sampleMs?: number; everyMs?: number; idleMs?: number } = {}): { stop: () => void; sampling: () => boolean } => {
  const sampleMs = o.sampleMs ?? LOOP_SAMPLE_MS;
  const everyMs = o.everyMs ?? LOOP_SAMPLE_EVERY_MS;
  const idleMs = o.idleMs ?? LOOP_SAMPLE_IDLE_MS;
  // The time between ticks of a 10 ms timer during the sampled windows since
  // the last scrape, recorded here rather than by monitorEventLoopDelay, whose
  // first tick after being switched on again records the whole pause as one
  // delay (and whose histogram cannot be added to another).
  const windows = createHistogram();
  let last: Record<TStat, number> | null = null;
  let readAt = 0;
  const read = (): Record<TStat, number> | null => {
    // One scrape reads all seven gauges: the windows are read and reset once.
    const now = performance.now();
    keepSampling(now);
    if (now - readAt > 100) {
      if (windows.count > 0) last = statsOf(windows);
      windows.reset();
    }
    readAt = now;
    return last;
  };
  for (const name of LOOP_DELAY_METRIC_NAMES) registry.removeSingleMetric(name);
  for (const [stat, help] of FAMILY) {
    new Gauge({
      name: `nodejs_eventloop_lag_${stat}_seconds`,
      help: `${help} Sampled: a 10 ms timer runs ${sampleMs / 1000} s of every ${everyMs / 1000} s.`,
      registers: [registry],
      collect() {
        const s = read();
        if (s) this.set(s[stat]);
      },
    });
  }
  let off: NodeJS.Timeout | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let every: NodeJS.Timeout | undefined;
  let start: NodeJS.Timeout | undefined;
  let wantedAt = 0;
  const sample = () => {
    clearInterval(ticker);
    let prev = performance.now();
    ticker = setInterval(() => {
      const now = performance.now();
      windows.record(Math.max(1, Math.round((now - prev) * 1e6)));
      prev = now;
    }, RESOLUTION_MS);
    ticker.unref();
    off = setTimeout(() => clearInterval(ticker), sampleMs);
    off.unref();
  };
  // Each window starts at a random moment of its slot: work that recurs on
  // the same period (the collector's 5 s inventory sync) would otherwise fall
  // always inside the windows or always outside them, for as long as the two
  // timers kept their phase (one fleet run read p99 45, 68 and 200 ms in
  // three windows of the same load).
  const sampleSomewhenInSlot = () => {
    start = setTimeout(sample, Math.random() * Math.max(0, everyMs - sampleMs));
    start.unref();
  };
  const stop = () => {
    clearInterval(every);
    clearTimeout(start);
    clearTimeout(off);
    clearInterval(ticker);
    every = undefined;
  };
  // A scrape: sampling goes on for idleMs from now, starting if it had stopped.
  function keepSampling(now: number) {
    wantedAt = now;
    if (every) return;
    sample();
    every = setInterval(() => (performance.now() - wantedAt > idleMs ? stop() : sampleSomewhenInSlot()), everyMs);
    every.unref();
  }
  return { stop, sampling: () => every !== undefined };
};
