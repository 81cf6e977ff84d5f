import type { ClientChannel } from 'ssh2';
import { credentialsHeredoc } from './client-credentials';
import type { TNodeTarget } from './node-target';
import { streamOnNode } from './run-on-node';
import type { TSshPool } from './ssh-pool';

// A drill's independent eye on each node: a channel of its own that prints,
// about every 100 ms, whether the node holds the VIP and its @@read_only. Lines
// are timestamped when they arrive (one clock for every node and the
// probe). The loop ends by itself after maxSeconds, should the channel's
// close never reach it.
export type TNodeSample = { t: number; node: string; vip: boolean; readOnly: boolean | null };

const samplerScript = (target: TNodeTarget): string => {
  const cnf = credentialsHeredoc(target, 'drill sampler');
  return `vip="$1"; port="$2"; maxs="$3"
client=""
for c in mariadb mysql; do
  if command -v "$c" >/dev/null 2>&1; then client="$c"; break; fi
done
# One client session asked every 100 ms (its answers flushed as they come):
# a new client per reading cost 200 ms and more on a loaded host.
read_only_stream() {
while :; do echo 'SELECT @@global.read_only;'; sleep 0.1; done | timeout "$maxs" "$client" --defaults-extra-file=/dev/fd/3 --protocol=tcp -h 127.0.0.1 -P "$port" --connect-timeout=1 --batch --skip-column-names --unbuffered 3<<'${cnf.delimiter}'
${cnf.body}
}
end=$(( $(date +%s) + maxs ))
echo "@@tandem:sampling"
# The VIP from the kernel's address events (no sampling delay), re-read
# every second in case an event and the first reading crossed; read_only in
# a loop of its own, so a slow client start never delays the VIP. Each line
# is one write, so lines from the loops never interleave mid-line.
vip_now() { if ip -o addr show </dev/null 2>/dev/null | grep -qF " $vip/"; then echo "V 1"; else echo "V 0"; fi; }
timeout "$maxs" ip -o monitor address </dev/null 2>/dev/null | while read -r line; do
  case "$line" in
    *" $vip/"*) case "$line" in Deleted*) echo "V 0" ;; *) echo "V 1" ;; esac || exit 0 ;;
  esac
done &
if [ -n "$client" ]; then
  while [ "$(date +%s)" -lt "$end" ]; do
    read_only_stream 2>/dev/null | while read -r ro; do echo "R $ro" || exit 0; done
    # The session ended (the server went away): unknown until the next one answers.
    echo "R x" || kill 0
    sleep 0.2
  done &
fi
# When the channel is gone (a write fails) the whole group goes, so the
# address monitor never outlives the drill by more than a second.
while [ "$(date +%s)" -lt "$end" ]; do
  vip_now || kill 0
  sleep 1
done
kill 0`;
};

export type TSampler = { stop: () => void };

export const startSampler = (options: { pool: TSshPool; target: TNodeTarget; vip: string; maxSeconds: number; onSample: (s: TNodeSample) => void; onError?: (message: string) => void }): TSampler => {
  let channel: ClientChannel | undefined;
  let stopped = false;
  let partial = '';
  let vip: boolean | null = null;
  let readOnly: boolean | null = null;
  let lastVip: boolean | null = null;
  let lastReadOnly: boolean | null = null;
  let lastAt = 0;
  const onOutput = (chunk: string) => {
    const t = Date.now();
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^([VR]) (\S+)$/.exec(line.trim());
      if (!m) continue;
      if (m[1] === 'V') vip = m[2] === '1';
      else readOnly = m[2] === '1' ? true : m[2] === '0' ? false : null;
      // A sample when either changes, and once a second to show the watch is alive.
      if (vip === null || (vip === lastVip && readOnly === lastReadOnly && t - lastAt < 1000)) continue;
      [lastVip, lastReadOnly, lastAt] = [vip, readOnly, t];
      options.onSample({ t, node: options.target.name, vip, readOnly });
    }
  };
  void (async () => {
    // Reconnects while the drill wants samples: a dropped channel must not
    // end the watch. The wait doubles up to 5 s, so a node refusing SSH is
    // not hammered; a channel that delivered a sample resets it. Before the
    // first sample it stays under 1 s: the drill waits for that sample before
    // it injects anything, and one slow first channel on a loaded machine
    // must not spend the whole wait asleep here.
    let backoff = 200;
    while (!stopped) {
      const before = lastAt;
      try {
        await streamOnNode(options.pool, options.target, samplerScript(options.target), [options.vip, String(options.target.mysql.port), String(options.maxSeconds)], { onOutput, onChannel: (c) => (channel = c) });
      } catch (e) {
        options.onError?.(e instanceof Error ? e.message : String(e));
      }
      backoff = lastAt !== before ? 200 : Math.min(lastAt === 0 ? 800 : 5000, backoff * 2);
      if (!stopped) await new Promise((r) => setTimeout(r, backoff));
    }
  })();
  return {
    stop: () => {
      stopped = true;
      channel?.close();
    },
  };
};
