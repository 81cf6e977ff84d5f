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
  // Lines still to come that may be the replay of lines seen before.
  let replayLeft = 0;

  const onOutput = (chunk: string) => {
    const text = partial + chunk.replace(/\r/g, '');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    const following = lines.find((l) => l.startsWith('@@tandem:'));
    if (following) options.onState?.(following === '@@tandem:no-log' ? null : following.replace('@@tandem:following ', ''));
    // Only a log that is actually being followed resets the backoff; a node
    // without one is retried ever more slowly.
    if (following && following !== '@@tandem:no-log') {
      failures = 0;
      replayLeft = REPLAYED_LINES;
    }
    const logLines = lines.filter((l) => l && !l.startsWith('@@tandem:'));
    if (logLines.length === 0) return;
    const replayed = Math.min(replayLeft, logLines.length);
    replayLeft -= replayed;
    options.onLines(logLines, replayed);
  };

  const loop = async () => {
    while (!stopped) {
      try {
        partial = '';
        await streamOnNode(options.pool, options.target, TAIL_LOG_SH, [], { onOutput, onChannel: (c) => (channel = c) });
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
