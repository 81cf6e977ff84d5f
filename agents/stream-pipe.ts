import type { ClientChannel } from 'ssh2';
import { ExecError } from './exec-error';
import type { TNodeTarget } from './node-target';
import { quoteArg } from './shell-quote';
import type { TSshPool } from './ssh-pool';

// One end of a pipe: a fixed script of Tandem's (passed to `sh -c` as one
// quoted word) with quoted arguments. `preamble` goes to its stdin first
// (e.g. credentials the script reads up to a delimiter line), never on a
// command line.
export type TPipeEnd = { target: TNodeTarget; script: string; args: readonly string[]; preamble: string };
export type TPipeSide = { code: number | null; signal: string | null; stderr: string };
export type TPipeResult = { bytes: number; from: TPipeSide; to: TPipeSide; stopped: string | null };

export type TPipeOptions = {
  // The whole transfer, and the longest time without a byte from the source.
  timeoutMs: number;
  idleTimeoutMs: number;
  onChunk: (chunk: Buffer, total: number) => void;
  // Polled while bytes flow and once a second: a reason stops the transfer.
  shouldStop: () => string | null;
};

const STDERR_KEEP = 8192;
// What may wait in memory for the target's channel before the source is paused.
const BUFFER_MAX = 8 * 1048576;

const commandOf = (end: TPipeEnd): string => `sh -c ${quoteArg(end.script)} sh ${end.args.map(quoteArg).join(' ')}`.trim();

const openExec = async (pool: TSshPool, end: TPipeEnd): Promise<ClientChannel> => {
  const ssh = await pool.get(end.target);
  const client = ssh.connection;
  if (!client) throw new ExecError({ node: end.target.name, command: 'sh -c', reason: 'channel', message: `no SSH connection to ${end.target.name}` });
  return new Promise((resolve, reject) => {
    client.exec(commandOf(end), (err, channel) => (err ? reject(new ExecError({ node: end.target.name, command: 'sh -c', reason: 'channel', message: `cannot open a channel on ${end.target.name}: ${err.message}`, cause: err })) : resolve(channel)));
  });
};

const watchSide = (channel: ClientChannel): { done: Promise<TPipeSide>; stderr: () => string } => {
  let stderr = '';
  channel.stderr.on('data', (d: Buffer) => {
    if (stderr.length < STDERR_KEEP) stderr += d.toString('utf8').slice(0, STDERR_KEEP - stderr.length);
  });
  let code: number | null = null;
  let signal: string | null = null;
  channel.on('exit', (c: number | null, s?: string) => {
    code = c;
    signal = s ?? null;
  });
  const done = new Promise<TPipeSide>((resolve) => channel.on('close', () => resolve({ code, signal, stderr })));
  return { done, stderr: () => stderr };
};

// Bytes from a command on one node into a command on another, through
// Tandem's own SSH connections: the nodes need no SSH between them, and
// nothing holds the whole stream (the source is paused while the target's
// channel is full). Stopping, a timeout or either side failing closes both
// channels: the source dies of a broken pipe, the target reads end of input.
export const pipeBetweenNodes = async (pool: TSshPool, from: TPipeEnd, to: TPipeEnd, options: TPipeOptions): Promise<TPipeResult> => {
  const target = await openExec(pool, to);
  // Watched from the moment it opens: a target that fails while the source's
  // channel is still opening (refused credentials) sent its exit status then,
  // and a listener added later never hears it.
  const t = watchSide(target);
  let source: ClientChannel;
  try {
    source = await openExec(pool, from);
  } catch (e) {
    target.close();
    throw e;
  }
  const s = watchSide(source);
  let bytes = 0;
  let stopped: string | null = null;
  let lastByteAt = Date.now();
  const startedAt = Date.now();
  const stop = (reason: string) => {
    if (stopped) return;
    stopped = reason;
    source.close();
    target.close();
  };

  target.write(to.preamble);
  source.end(from.preamble);
  source.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    lastByteAt = Date.now();
    options.onChunk(chunk, bytes);
    target.write(chunk);
    // ssh2 says "full" past 16 KiB, less than one packet: pausing there
    // stalls the source on every chunk. Up to BUFFER_MAX is held instead.
    if (target.writableLength > BUFFER_MAX) source.pause();
  });
  target.on('drain', () => {
    if (source.isPaused()) source.resume();
  });
  // The target's own output is not wanted, but must be read: a channel whose
  // stdout is never drained never closes.
  target.on('data', () => undefined);
  source.on('end', () => target.end());
  // The target died (e.g. a failed statement): nothing will read the rest.
  void t.done.then(() => {
    if (!stopped) source.close();
  });
  const timer = setInterval(() => {
    const reason = options.shouldStop();
    if (reason) stop(reason);
    else if (Date.now() - startedAt > options.timeoutMs) stop(`no end after ${Math.round(options.timeoutMs / 1000)} s`);
    else if (Date.now() - lastByteAt > options.idleTimeoutMs && !source.isPaused()) stop(`no data from ${from.target.name} for ${Math.round(options.idleTimeoutMs / 1000)} s`);
  }, 1000);
  try {
    const [fromSide, toSide] = await Promise.all([s.done, t.done]);
    return { bytes, from: fromSide, to: toSide, stopped };
  } finally {
    clearInterval(timer);
  }
};
