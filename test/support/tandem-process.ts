import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { z } from 'zod';
import serverNodeFlags from '../../scripts/server-node-flags.json';
import { exitedWithin } from './child-exit';

// A real Tandem server process (the production build, as `npm start` runs
// it) for tests that need several: its own port, data dir and log, stopped
// by pid. Needs `npm run build` first.
const ZLogRecordSchema = z.looseObject({ t: z.string(), level: z.string(), msg: z.string() });
export type TLogRecord = z.infer<typeof ZLogRecordSchema>;
export type TTandemProcess = { id: string; port: number; url: string; pid: number; logs: TLogRecord[]; raw: string[]; isAlive: () => boolean; kill: (signal: 'SIGKILL' | 'SIGTERM') => Promise<void> };


export const assertBuilt = (): void => {
  if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run `npm run build` first');
};

export const startTandem = async (o: { id: string; port: number; dataDir: string; env: Record<string, string>; readyWithinMs?: number }): Promise<TTandemProcess> => {
  mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const child = spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', 'server.ts'], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HOST: '127.0.0.1', PORT: String(o.port), TANDEM_DATA_DIR: o.dataDir, TANDEM_SERVER_ID: o.id, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: TLogRecord[] = [];
  const raw: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      raw.push(line);
      // Next's own start-up lines are not JSON.
      const record = ZLogRecordSchema.safeParse((() => { try { return JSON.parse(line); } catch { return null; } })());
      if (record.success) logs.push(record.data);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const url = `http://127.0.0.1:${o.port}`;
  const deadline = Date.now() + (o.readyWithinMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Tandem ${o.id} exited (${child.exitCode}): ${raw.slice(-10).join('\n')}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Tandem ${o.id} not ready: ${raw.slice(-10).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    id: o.id,
    port: o.port,
    url,
    pid: child.pid ?? 0,
    logs,
    raw,
    isAlive: () => child.exitCode === null && child.signalCode === null,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      if (!(await exitedWithin(child, 8000))) child.kill('SIGKILL');
      await exitedWithin(child, 2000);
    },
  };
};

// The clusters a server watches now, by its own /metrics (tandem_cluster_watched).
export const watchedBy = async (s: TTandemProcess, token: string): Promise<string[]> => {
  const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`metrics of ${s.id}: ${res.status}`);
  return [...(await res.text()).matchAll(/^tandem_cluster_watched\{cluster="([^"]+)"\} 1$/gm)].map((m) => m[1] ?? '');
};
