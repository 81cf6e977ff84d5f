import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import { ExecError } from './exec-error';
import { createKeyedQueue, type TKeyedQueue } from './keyed-queue';
import type { TNodeTarget } from './node-target';
import { quoteArg, setArgs, UnsafeArgumentError } from './shell-quote';
import type { TShellKind, TSshPool } from './ssh-pool';

export const COMMAND_TIMEOUT_MS = 5000;

export type TRunResult = { stdout: string; stderr: string; code: number | null };
export type TRunOptions = { timeoutMs?: number; prelude?: string; kind?: TShellKind };

// One queue per server process, whichever bundle (server.ts or a Next.js
// route handler) loaded this module: a kept shell answers one request at a time.
const store = globalThis as typeof globalThis & { __tandemNodeQueue?: TKeyedQueue; __tandemExecCount?: number };
const queue: TKeyedQueue = (store.__tandemNodeQueue ??= createKeyedQueue());

// Round trips made by this process, for the cost benchmark.
export const sshExecCount = (): number => store.__tandemExecCount ?? 0;

const describe = (script: string): string => `sh: ${script.split('\n').find((l) => l.trim() && !l.startsWith('#'))?.trim().slice(0, 40) ?? 'script'}…`;

// The seam: everything that runs on a node comes through here. The script
// and its arguments travel on the kept shell's stdin (never on a command
// line, so not in the node's process list); every argument is single-quoted,
// so any string stays data. Shells are per kind ('poll', 'probe', 'action'),
// each with its own queue: a long action step never waits behind a poll, a
// poll never waits behind an action. A timeout closes that shell (the next
// call opens a new one).
export const runOnNode = (pool: TSshPool, target: TNodeTarget, script: string, args: readonly string[], options: TRunOptions = {}): Promise<TRunResult> => {
  const kind = options.kind ?? 'poll';
  const command = describe(script);
  let prefix: string;
  try {
    prefix = setArgs(args);
  } catch (e) {
    return Promise.reject(new ExecError({ node: target.name, command, reason: 'argument', message: e instanceof UnsafeArgumentError ? e.message : String(e) }));
  }
  return queue(`${target.id}\0${kind}`, async () => {
    const timeoutMs = options.timeoutMs ?? COMMAND_TIMEOUT_MS;
    const shell = await pool.shell(target, kind, options.prelude);
    store.__tandemExecCount = (store.__tandemExecCount ?? 0) + 1;
    try {
      return await shell.run(`${prefix}\n${script}`, timeoutMs);
    } catch (e) {
      const timedOut = e instanceof Error && e.message.startsWith('no answer within');
      throw new ExecError({ node: target.name, command, reason: timedOut ? 'timeout' : 'channel', message: `${command} on ${target.name} ${timedOut ? `timed out after ${timeoutMs} ms` : `failed: ${e instanceof Error ? e.message : String(e)}`}`, cause: e });
    }
  });
};

// A read-only probe (the VIP check right after a keepalived transition): its
// own shell and queue, short timeout.
export const probeNode = (pool: TSshPool, target: TNodeTarget, script: string, timeoutMs = 2000): Promise<TRunResult> => runOnNode(pool, target, script, [], { kind: 'probe', timeoutMs });

// For long-lived channels (a log tail): an exec channel of its own, outside
// the queues, with no timeout; it ends when the caller closes it.
export const streamOnNode = async (
  pool: TSshPool,
  target: TNodeTarget,
  script: string,
  args: readonly string[],
  options: { onOutput: (chunk: string) => void; onChannel: (channel: ClientChannel) => void },
): Promise<TRunResult> => {
  let command: string;
  try {
    command = `sh -s -- ${args.map(quoteArg).join(' ')}`.trim();
  } catch (e) {
    throw new ExecError({ node: target.name, command: 'sh -s', reason: 'argument', message: e instanceof Error ? e.message : String(e) });
  }
  const ssh = await pool.get(target);
  // A character split between two packets stays whole (see node-shell.ts).
  const text = new StringDecoder('utf8');
  try {
    // The command line is built from quoted words, so sshd's `sh -c` sees each argument as data.
    const r = await ssh.exec(command, [], {
      stream: 'both',
      stdin: script,
      onChannel: options.onChannel,
      onStdout: (chunk) => options.onOutput(text.write(chunk)),
    });
    return { stdout: r.stdout, stderr: r.stderr, code: r.code };
  } catch (e) {
    throw new ExecError({ node: target.name, command, reason: 'channel', message: `${command} on ${target.name} failed: ${e instanceof Error ? e.message : String(e)}`, cause: e });
  }
};
