import { spawn, spawnSync } from 'node:child_process';
import { z } from 'zod';
import { isNodeName } from '@/lab/config';
import { isFaultKind, runFault } from '@/lab/fault';
import { labStatus as readLabStatus } from '@/lab/status';

// Drives the real lab/labctl, as a user or CI would (lab.test.ts checks the
// commands); the looks and faults other lab tests make go in-process below.
export const labctl = (args: string[], timeoutMs = 180_000) => {
  const r = spawnSync('lab/labctl', args, { encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
};

export const labctlOk = (args: string[], timeoutMs?: number): string => {
  const r = labctl(args, timeoutMs);
  if (r.code !== 0) throw new Error(`labctl ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
  return r.stdout;
};

// Runs labctl in the background (the writer), resolving when it exits.
export const labctlAsync = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn('lab/labctl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

const ZNodeStatusSchema = z.object({
  name: z.string(),
  isolated: z.boolean(),
  holdsVip: z.boolean(),
  mysqld: z.boolean(),
  sshd: z.boolean(),
  keepalived: z.boolean(),
  keepalivedState: z.string().nullable(),
  readOnly: z.boolean().nullable(),
  ioRunning: z.string().nullable(),
  sqlRunning: z.string().nullable(),
  secondsBehindMaster: z.number().nullable(),
  lastIoErrno: z.number().nullable(),
  lastSqlErrno: z.number().nullable(),
});
const ZLabStatusSchema = z.object({ up: z.boolean(), bridge: z.boolean(), vipHolders: z.array(z.string()), nodes: z.array(ZNodeStatusSchema) });
export type TLabStatusJson = z.infer<typeof ZLabStatusSchema>;

// Through the command, as a user reads it.
export const labctlStatus = (): TLabStatusJson => ZLabStatusSchema.parse(JSON.parse(labctlOk(['status', '--json'])));

// In-process: the code behind `labctl status --json` (lab.test.ts drives the
// command itself), without starting node and tsx for every look (≈ 1.3 s
// each, 61 looks in three lab files, and a blocked event loop meanwhile).
export const labStatus = async (): Promise<TLabStatusJson> => ZLabStatusSchema.parse(await readLabStatus());

export const waitForStatus = async (what: string, check: (s: TLabStatusJson) => boolean, timeoutMs = 20_000): Promise<TLabStatusJson> => {
  const deadline = Date.now() + timeoutMs;
  let last: TLabStatusJson | undefined;
  while (Date.now() < deadline) {
    last = await labStatus();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}; last status: ${JSON.stringify(last)}`);
};

export const netnsList = (): string[] =>
  spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout.split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean);

// In-process too, as labStatus: `labctl fault` (checked by lab.test.ts) runs
// this same function after parsing its arguments. Returns what it prints.
export const labFault = (kind: string, node: string, arg?: string): Promise<string> => {
  if (!isFaultKind(kind) || !isNodeName(node)) throw new Error(`not a lab fault: ${kind} ${node}`);
  return runFault(kind, node, arg);
};
