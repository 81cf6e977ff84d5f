import type { ClientChannel } from 'ssh2';
import { TAIL_LOG_SH } from './collect';
import type { TNodeTarget } from './node-target';
import { streamOnNode } from './run-on-node';
import type { TSshPool } from './ssh-pool';

// A second channel per node that follows keepalived's log, so a VRRP
// transition is pushed as soon as it is written instead of at the next poll.
// It restarts with backoff when the channel or the connection drops.
export type TLogStream = { stop: () => void };

// The stream begins by replaying this many lines already in the log (see tail-log.sh).
export const REPLAYED_LINES = 30;

export const startLogStream = (options: { pool: TSshPool; target: TNodeTarget; onLines: (lines: string[], replayed: number) => void; onState?: (following: string | null) => void }): TLogStream => {
  let stopped = false;
  let channel: ClientChannel | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let partial = '';

  // Bytes (file) or lines (journal) still to come that replay what was
  // written before the stream started.
  let replay: { bytes: number } | { lines: number } = { lines: 0 };

  const countReplayed = (lines: string[]): number => {
    let n = 0;
    for (const line of lines) {
      if ('bytes' in replay) {
        if (replay.bytes <= 0) break;
        replay = { bytes: replay.bytes - Buffer.byteLength(`${line}\n`) };
      } else {
        if (replay.lines <= 0) break;
        replay = { lines: replay.lines - 1 };
      }
      n += 1;
    }
    return n;
  };

  const onOutput = (chunk: string) => {
    const text = partial + chunk.replace(/\r/g, '');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    const logLines: string[] = [];
    for (const line of lines) {
      if (line.startsWith('@@tandem:')) {
        if (line === '@@tandem:no-log') {
          options.onState?.(null);
          continue;
        }
        // "@@tandem:following BYTES PATH" or "@@tandem:following journal".
        const m = /^@@tandem:following (?:(\d+) )?(.*)$/.exec(line);
        if (!m) continue;
        // Only a log that is actually being followed resets the backoff; a
        // node without one is retried ever more slowly.
        failures = 0;
        replay = m[1] !== undefined ? { bytes: Number(m[1]) } : { lines: REPLAYED_LINES };
        options.onState?.(m[2] ?? null);
        continue;
      }
      // Empty lines still count as replayed bytes.
      logLines.push(line);
    }
    if (logLines.length === 0) return;
    const replayed = countReplayed(logLines);
    const kept = logLines.map((l, i) => ({ l, i })).filter(({ l }) => l !== '');
    if (kept.length === 0) return;
    options.onLines(kept.map(({ l }) => l), kept.filter(({ i }) => i < replayed).length);
  };

  const loop = async () => {
    while (!stopped) {
      try {
        partial = '';
        await streamOnNode(options.pool, options.target, TAIL_LOG_SH, [], { onOutput, onChannel: (c) => {
          // Stopped while the channel was opening: close it as soon as it exists.
          channel = c;
          if (stopped) c.close();
        } });
      } catch {
        /* reconnects below */
      }
      failures += 1;
      channel = undefined;
      options.onState?.(null);
      if (stopped) return;
      const delay = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
      await new Promise<void>((r) => (timer = setTimeout(r, delay)));
    }
  };
  void loop();

  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      // No pty (it would echo the script back): end the remote tail by signal.
      channel?.signal('TERM');
      channel?.close();
    },
  };
};
