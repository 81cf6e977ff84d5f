import type { ClientChannel } from 'ssh2';
import { ExecError } from './exec-error';
import { createKeyedQueue } from './keyed-queue';
import type { TNodeTarget } from './node-target';
import type { TShellKind, TSshPool } from './ssh-pool';

export const COMMAND_TIMEOUT_MS = 5000;

// Arguments reach the remote shell as positional parameters; they are still
// held to an allowlist so no caller can smuggle shell syntax through.
const SAFE_ARG = /^[A-Za-z0-9._:=;/@+-]{0,512}$/;

export type TRunResult = { stdout: string; stderr: string; code: number | null };
export type TRunOptions = { timeoutMs?: number; prelude?: string };

const queue = createKeyedQueue();

// SSH exec round trips made by this process, for the cost benchmark.
let execCount = 0;
export const sshExecCount = (): number => execCount;

// The seam: everything that runs on a node comes through here. The script
// travels on stdin to `sh -s`, so neither it nor anything it embeds shows up
// in the node's process list.
export const runOnNode = (pool: TSshPool, target: TNodeTarget, script: string, args: string[], options: TRunOptions = {}): Promise<TRunResult> =>
  queue(target.id, () => runInShell(pool, target, 'poll', script, args, options.timeoutMs ?? COMMAND_TIMEOUT_MS, options.prelude));

// A read-only probe that must not wait behind a poll in the node's queue
// (the VIP check right after a keepalived transition): its own channel, short timeout.
export const probeNode = (pool: TSshPool, target: TNodeTarget, script: string, timeoutMs = 2000): Promise<TRunResult> =>
  runInShell(pool, target, 'probe', script, [], timeoutMs);

// Scripts run in the node's persistent shell as `( set -- ARGS; SCRIPT )`:
// the script and what it embeds travel on the channel's stdin, never on a
// command line; a timeout closes the shell (the next call opens a new one).
const runInShell = async (pool: TSshPool, target: TNodeTarget, kind: TShellKind, script: string, args: string[], timeoutMs: number, prelude?: string): Promise<TRunResult> => {
  const command = `sh: ${script.split('\n').find((l) => l.trim() && !l.startsWith('#'))?.slice(0, 40) ?? 'script'}…`;
  const bad = args.find((a) => !SAFE_ARG.test(a));
  if (bad !== undefined) throw new ExecError({ node: target.name, command, reason: 'channel', message: `refusing unsafe argument ${JSON.stringify(bad)}` });
  const shell = await pool.shell(target, kind, prelude);
  execCount += 1;
  try {
    const r = await shell.run(`set -- ${args.join(' ')}\n${script}`, timeoutMs);
    return { stdout: r.stdout, stderr: '', code: r.code };
  } catch (e) {
    const timedOut = e instanceof Error && e.message.startsWith('no answer within');
    throw new ExecError({ node: target.name, command, reason: timedOut ? 'timeout' : 'channel', message: `${command} on ${target.name} ${timedOut ? `timed out after ${timeoutMs} ms` : `failed: ${e instanceof Error ? e.message : String(e)}`}`, cause: e });
  }
};

// For long-lived channels (a log tail): an exec channel of its own, outside
// the node's queue, with no timeout; it ends when the caller closes it.
export const streamOnNode = async (
  pool: TSshPool,
  target: TNodeTarget,
  script: string,
  args: string[],
  options: { onOutput: (chunk: string) => void; onChannel: (channel: ClientChannel) => void },
): Promise<TRunResult> => {
  const command = `sh -s -- ${args.join(' ')}`;
  const bad = args.find((a) => !SAFE_ARG.test(a));
  if (bad !== undefined) throw new ExecError({ node: target.name, command: 'sh -s', reason: 'channel', message: `refusing unsafe argument ${JSON.stringify(bad)}` });
  const ssh = await pool.get(target);
  try {
    const r = await ssh.exec('sh', ['-s', '--', ...args], {
      stream: 'both',
      stdin: script,
      onChannel: options.onChannel,
      onStdout: (chunk) => options.onOutput(chunk.toString('utf8')),
    });
    return { stdout: r.stdout, stderr: r.stderr, code: r.code };
  } catch (e) {
    throw new ExecError({ node: target.name, command, reason: 'channel', message: `${command} on ${target.name} failed: ${e instanceof Error ? e.message : String(e)}`, cause: e });
  }
};
