// Tandem as the user runs it (the production server, unchanged), in a fresh
// data directory, and what can be read of it from outside: /proc and /metrics.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import serverNodeFlags from '../../scripts/server-node-flags.json';
import { cpuMs, processTree, rssBytes } from './proc';

export type TScrapeReading = { loopP99Ms: number; dbWrites: number; polls: number; vipHolders: Map<string, number> };

const sampleValue = (text: string, name: string): number => {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
};

export const startTandem = async (options: { dataDir: string; port: number; logFile: string; env?: Record<string, string> }) => {
  const log = openSync(options.logFile, 'a');
  const env = { ...process.env, ...options.env, NODE_ENV: 'production' as const, HOST: '127.0.0.1', PORT: String(options.port), TANDEM_DATA_DIR: options.dataDir, DATABASE_URL: '', NEXT_TELEMETRY_DISABLED: '1' };
  // BENCH_TANDEM_NODE_ARGS: flags NODE_OPTIONS refuses, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p" to see where Tandem's CPU goes.
  const extra = (process.env.BENCH_TANDEM_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...serverNodeFlags, ...extra, '--import', 'tsx', 'server.ts'], { env, stdio: ['ignore', log, log], cwd: path.resolve('.') });
  const base = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Tandem exited (${child.exitCode}); see ${options.logFile}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      // Not left behind: it would answer the next run's health check on this port.
      child.kill('SIGKILL');
      throw new Error(`Tandem did not answer on ${base} within 90 s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid ?? 0;
  return {
    url: base,
    pid,
    cpuMs: () => cpuMs(processTree(pid)),
    rssBytes: () => processTree(pid).reduce((n, p) => n + rssBytes(p), 0),
    // GET /metrics as Prometheus would. prom-client resets the event-loop
    // histogram at each scrape, so p99 covers the time since the last one.
    scrape: async (token: string): Promise<TScrapeReading> => {
      const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`/metrics: HTTP ${res.status}`);
      const text = await res.text();
      let dbWrites = 0;
      let polls = 0;
      const vipHolders = new Map<string, number>();
      for (const line of text.split('\n')) {
        if (line.startsWith('tandem_db_writes_total{')) dbWrites += Number(line.slice(line.lastIndexOf(' ') + 1));
        if (line.startsWith('tandem_poll_duration_seconds_count{')) polls += Number(line.slice(line.lastIndexOf(' ') + 1));
        const h = /^tandem_vip_holders\{cluster="([^"]+)"\} (\S+)$/.exec(line);
        if (h?.[1]) vipHolders.set(h[1], Number(h[2]));
      }
      return { loopP99Ms: sampleValue(text, 'nodejs_eventloop_lag_p99_seconds') * 1000, dbWrites, polls, vipHolders };
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
};

export type TTandem = Awaited<ReturnType<typeof startTandem>>;
