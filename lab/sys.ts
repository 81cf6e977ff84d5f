import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

// Every external command the lab runs goes through here: argument arrays
// (never a shell string), a timeout, and an error that says what failed.
export class LabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabError';
  }
}

export type TRunResult = { code: number; stdout: string; stderr: string };

// The last lines a failed command printed, for its error.
const failed = (cmd: string, args: string[], why: string, r: { stdout: string; stderr: string }): LabError =>
  new LabError(`${cmd} ${args.join(' ')} ${why}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);

export const run = (cmd: string, args: string[], options: { timeoutMs?: number; allowFail?: boolean; input?: string; env?: NodeJS.ProcessEnv } = {}): TRunResult => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: options.timeoutMs ?? 30_000, input: options.input, env: options.env ?? process.env });
  const result = { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  if (r.error) {
    if (options.allowFail) return { ...result, stderr: r.error.message };
    throw new LabError(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  }
  if (result.code !== 0 && !options.allowFail) {
    throw failed(cmd, args, `exited ${result.code}`, result);
  }
  return result;
};

// As run, without blocking: for work that can go on side by side (each
// node's mariadb-install-db, ≈ 2 s). The command runs in its own process
// group, killed whole at the timeout: mariadb-install-db is a script whose
// mariadbd --bootstrap child would outlive a signal to the script alone.
export const runAsync = (cmd: string, args: string[], options: { timeoutMs?: number } = {}): Promise<TRunResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }, options.timeoutMs ?? 30_000);
    let settled = false;
    const settle = (e: LabError | null, code: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.destroy();
      child.stderr.destroy();
      if (e) reject(e);
      else resolve({ code, stdout, stderr });
    };
    const outcome = (code: number | null, signal: NodeJS.Signals | null) => {
      if (code === 0 && !timedOut) return settle(null, 0);
      const why = timedOut ? `timed out after ${options.timeoutMs ?? 30_000} ms` : code === null ? `ended by ${signal}` : `exited ${code}`;
      settle(failed(cmd, args, why, { stdout, stderr }), code ?? -1);
    };
    child.on('error', (e) => settle(new LabError(`${cmd} ${args.join(' ')}: ${e.message}`), -1));
    child.on('close', outcome);
    // A grandchild still holding the pipes must not hold this up: a second
    // after the command itself ended, its output is taken as it stands.
    child.on('exit', (code, signal) => setTimeout(() => outcome(code, signal), 1000).unref());
  });

// Starts a long-running daemon detached from the lab command, with its
// output appended to a log file, and returns its pid.
export const startDaemon = (cmd: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv): number => {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env: env ?? process.env });
    if (child.pid === undefined) throw new LabError(`could not start ${cmd}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
};

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !readStat(pid).startsWith('Z');
  } catch {
    return false;
  }
};

const readStat = (pid: number): string => {
  try {
    // Field 3 of /proc/PID/stat is the state; Z is a zombie (exited, not reaped).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2);
  } catch {
    return 'X';
  }
};

export const readPid = (file: string): number | undefined => {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
};

// A pid file can outlive its process and the pid be reused; only signal a
// process whose executable is the one we started (or nsenter about to exec it).
// cmdline is no help for sshd, which rewrites it.
export const pidRuns = (pid: number, exe: string): boolean => {
  if (!isAlive(pid)) return false;
  try {
    const binary = path.basename(readlinkSync(`/proc/${pid}/exe`));
    if (binary === exe) return true;
    if (binary !== 'nsenter') return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((part) => part.endsWith(`/${exe}`));
  } catch {
    return false;
  }
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new LabError(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
};

export const stopPid = async (pid: number, timeoutMs = 30_000): Promise<void> => {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    while (isAlive(pid)) await sleep(20);
  }
};

export const log = (msg: string): void => void process.stderr.write(`labctl: ${msg}\n`);
