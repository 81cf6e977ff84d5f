import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { round } from './stats';

// This process's event loop and garbage collector from start until stop():
// where Tandem runs in the bench's process, its stalls are Tandem's.
export type TProcessStalls = { loopP99Ms: number; loopMaxMs: number; gcPauses: number; gcTotalMs: number; gcMaxMs: number };

export const watchProcessStalls = (): { stop: () => TProcessStalls } => {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const gcs: number[] = [];
  const gc = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcs.push(e.duration)));
  loop.enable();
  gc.observe({ entryTypes: ['gc'] });
  let result: TProcessStalls | undefined;
  return {
    stop: () => {
      if (!result) {
        loop.disable();
        gc.disconnect();
        result = { loopP99Ms: round(loop.percentile(99) / 1e6), loopMaxMs: round(loop.max / 1e6), gcPauses: gcs.length, gcTotalMs: round(gcs.reduce((a, b) => a + b, 0)), gcMaxMs: round(Math.max(0, ...gcs)) };
      }
      return result;
    },
  };
};
