import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { expect } from 'vitest';
import { setActionSinks } from '@/lib/actions/action-hub';
import { SETUP_FINDINGS } from '@/lib/actions/drill/preflight';
import type { TRunView } from '@/lib/actions/run-view';
import { ZDrillReportSchema, type TDrillReportPush } from '@/lib/realtime/payloads';
import { importCluster } from '@/lib/clusters/import-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { liveSnapshot, pollClusterNow, startCollector, stopCollector } from '@/lib/collector/collector';
import { getDb } from '@/lib/db/client';
import { verifyWrites, type TVerifyResult } from '@/lab/verify';
import { runWriter } from '@/lab/writer';
import { postAction, waitForEnd } from './actions-api';
import { labctl, labctlOk, labStatus } from './labctl';
import { scratchFile } from './scratch-file';
import { startVipWitness } from './vip-witness';

// Drills against the real lab, each checked by witnesses that share nothing
// with Tandem: `labctl writer` writing through the VIP as the application
// user beside the drill's own probe (then `labctl verify`), and a watcher of
// the node namespaces' address events (bench/vip-watcher.ts).

// Brings the lab up with FLAGS, imports its inventory (heartbeat on, no
// anti-flap window) and starts the collector; resolves once `ready`.
export const bringUpLab = async (flags: string[], ready: () => Promise<void>) => {
  await stopCollector();
  labctlOk(['down']);
  labctlOk(['up', ...flags]);
  const doc = parseWith(ZClusterDocumentSchema, { ...JSON.parse(readFileSync('lab/.state/inventory.json', 'utf8')), heartbeat: true, switchoverCooldownSeconds: 0 });
  await importCluster({ db: await getDb(), doc });
  setActionSinks({ push: () => undefined, pollNow: pollClusterNow });
  startCollector({ db: await getDb(), sinks: { onSnapshot: () => undefined, onEvent: () => undefined } });
  await ready();
};

export const labUp = (flags: string[]) => bringUpLab(flags, () => waitHealthy(90_000));

export const labDown = async () => {
  await stopCollector();
  labctl(['down']);
};

// Healthy as the drill's preflight sees it: the monitor shows no warning or
// critical finding, one holder, replication running both ways.
export const waitHealthy = async (timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snap = liveSnapshot('lab');
    const s = await labStatus();
    const ok =
      snap &&
      snap.findings.every((f) => f.severity === 'info' || SETUP_FINDINGS.has(f.code)) &&
      snap.vip.holders.length === 1 &&
      s.vipHolders.length === 1 &&
      s.nodes.every((n) => n.ioRunning === 'Yes' && n.sqlRunning === 'Yes' && (n.secondsBehindMaster ?? 99) <= 1) &&
      s.nodes.filter((n) => n.readOnly === false).map((n) => n.name).join() === s.vipHolders.join();
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the lab is not healthy: ${JSON.stringify({ findings: snap?.findings.map((f) => `${f.severity} ${f.code} ${f.message}`), status: s })}`);
    await new Promise((r) => setTimeout(r, 300));
  }
};

// loopMaxMs: the longest this process's event loop stalled during the drill.
// Tandem (collector, engine, the drill's probe) and the writer all run in it,
// so a stall between two answers shifts one side's figure by up to that much:
// the figure a failing comparison needs beside it.
export type TWitnessed = { run: TRunView; report: TDrillReportPush; writer: TVerifyResult; moves: { t: number; holders: string }[]; loopMaxMs: number };

// One line per drill in the test output: both outage figures, the VIP move
// and this process's longest stall, for reading a failure beside its numbers.
export const printFigures = (failure: string, w: TWitnessed): void =>
  console.log(`${failure}: write outage drill ${w.report.writeOutageMs} / writer ${w.writer.longestOutageMs} ms, VIP moved drill ${w.report.vipMovedMs} ms; event loop stalled up to ${w.loopMaxMs} ms`);

export const startDrill = (params: Record<string, unknown>) => postAction('lab', { kind: 'drill', params, confirm: 'lab' });

// The report as the browser reads it, checked against the schema it trusts.
export const reportOf = (run: TRunView): TDrillReportPush => ZDrillReportSchema.parse(run.result);

// One drill with both witnesses beside it.
export const witnessedDrill = async (params: Record<string, unknown>, during?: (id: string) => Promise<void>): Promise<TWitnessed> => {
  const watcher = startVipWitness();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const out = scratchFile('drill-writer');
  let stop = false;
  const writer = runWriter({ durationS: 600, rate: 20, out, shouldStop: () => stop });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const started = await startDrill(params);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = (started.body.run as { id: string }).id;
    if (during) await during(id);
    const run = await waitForEnd(id, 240_000);
    stop = true;
    await writer;
    return { run, report: reportOf(run), writer: await verifyWrites({ file: out }), moves: watcher.moves, loopMaxMs: Math.round(loop.max / 1e6) };
  } finally {
    loop.disable();
    stop = true;
    watcher.stop();
  }
};

// When the namespaces' own events first showed `holder` alone with the VIP after `since`.
export const watchedMove = (moves: { t: number; holders: string }[], holder: string, since: number): number | null => moves.find((m) => m.t >= since && m.holders === holder)?.t ?? null;

export const describeRun = (run: TRunView): string => JSON.stringify({ status: run.status, error: run.error, result: run.result, steps: run.steps.map((s) => [s.key, s.status, s.output.slice(-300)]) });
