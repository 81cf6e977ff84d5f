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

// For long-lived channels (a log tail, the drill's watch): an exec channel
// of its own, outside the queues, with no timeout once open; it ends when
// the caller closes it. Driven on ssh2's channel directly: node-ssh's exec
// keeps every chunk of stdout to return when the channel closes, so a log
// tail that ran for weeks held all it ever read (the whole syslog, where
// keepalived logs there). Output goes to onOutput only; the end keeps the
// exit status and the last STREAM_STDERR_KEEP characters of stderr.
export type TStreamEnd = { code: number | null; stderr: string };

export const STREAM_STDERR_KEEP = 4096;
const STREAM_OPEN_TIMEOUT_MS = 10_000;

export const streamOnNode = async (
  pool: TSshPool,
  target: TNodeTarget,
  script: string,
  args: readonly string[],
  options: { onOutput: (chunk: string) => void; onChannel: (channel: ClientChannel) => void },
): Promise<TStreamEnd> => {
  let command: string;
  try {
    command = `sh -s -- ${args.map(quoteArg).join(' ')}`.trim();
  } catch (e) {
    throw new ExecError({ node: target.name, command: 'sh -s', reason: 'argument', message: e instanceof Error ? e.message : String(e) });
  }
  const ssh = await pool.get(target);
  const client = ssh.connection;
  if (!client) throw new ExecError({ node: target.name, command, reason: 'channel', message: `no SSH connection to ${target.name}` });
  const failed = (message: string, cause?: unknown) => new ExecError({ node: target.name, command, reason: 'channel', message: `${command} on ${target.name} failed: ${message}`, cause });
  // A character split between two packets stays whole (see node-shell.ts).
  const text = new StringDecoder('utf8');
  let stderr = '';
  let code: number | null = null;
  let closed: () => void = () => undefined;
  const ended = new Promise<TStreamEnd>((resolve) => (closed = () => resolve({ code, stderr })));
  // Listeners go on in the exec callback itself: the exit status, end and
  // close of a command that ends at once can come in the same packet batch
  // as the channel's confirmation, before any later tick.
  const watch = (channel: ClientChannel) => {
    channel.on('exit', (c: number | null) => (code = c ?? null));
    channel.on('close', () => closed());
    channel.on('data', (chunk: Buffer) => options.onOutput(text.write(chunk)));
    channel.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STREAM_STDERR_KEEP);
    });
    // A connection that dies closes its channels; an error on this one alone ends it too.
    channel.on('error', () => channel.close());
  };
  // A half-dead connection may never answer the channel request.
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(failed(`no channel within ${STREAM_OPEN_TIMEOUT_MS} ms`));
    }, STREAM_OPEN_TIMEOUT_MS);
    try {
      // The command line is built from quoted words, so sshd's `sh -c` sees each argument as data.
      client.exec(command, (err, ch) => {
        clearTimeout(timer);
        if (err) return reject(failed(err.message, err));
        if (timedOut) return void ch.close();
        watch(ch);
        resolve(ch);
      });
    } catch (e) {
      clearTimeout(timer);
      reject(failed(e instanceof Error ? e.message : String(e), e));
    }
  });
  options.onChannel(channel);
  channel.end(script);
  return ended;
};
