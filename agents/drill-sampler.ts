import type { ClientChannel } from 'ssh2';
import { credentialsHeredoc } from './client-credentials';
import type { TNodeTarget } from './node-target';
import { streamOnNode } from './run-on-node';
import type { TSshPool } from './ssh-pool';

// A drill's independent eye on each node: a channel of its own that prints,
// every 100 ms, whether the node holds the VIP and its @@read_only. Lines
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
read_only() {
timeout 2 "$client" --defaults-extra-file=/dev/fd/3 --protocol=tcp -h 127.0.0.1 -P "$port" --connect-timeout=1 --batch --skip-column-names -e 'SELECT @@global.read_only' 3<<'${cnf.delimiter}'
${cnf.body}
}
end=$(( $(date +%s) + maxs ))
echo "@@tandem:sampling"
while [ "$(date +%s)" -lt "$end" ]; do
  if ip -o addr show </dev/null 2>/dev/null | grep -qF " $vip/"; then v=1; else v=0; fi
  ro=x
  if [ -n "$client" ]; then ro=$(read_only </dev/null 2>/dev/null) || ro=x; fi
  echo "S $v \${ro:-x}"
  sleep 0.1
done`;
};

export type TSampler = { stop: () => void; done: Promise<void> };

export const startSampler = (options: { pool: TSshPool; target: TNodeTarget; vip: string; maxSeconds: number; onSample: (s: TNodeSample) => void; onError?: (message: string) => void }): TSampler => {
  let channel: ClientChannel | undefined;
  let stopped = false;
  let partial = '';
  const onOutput = (chunk: string) => {
    const t = Date.now();
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^S ([01]) (\S+)$/.exec(line.trim());
      if (!m) continue;
      options.onSample({ t, node: options.target.name, vip: m[1] === '1', readOnly: m[2] === '1' ? true : m[2] === '0' ? false : null });
    }
  };
  const done = (async () => {
    // Reconnects while the drill wants samples: a dropped channel must not end the watch.
    while (!stopped) {
      try {
        await streamOnNode(options.pool, options.target, samplerScript(options.target), [options.vip, String(options.target.mysql.port), String(options.maxSeconds)], { onOutput, onChannel: (c) => (channel = c) });
      } catch (e) {
        options.onError?.(e instanceof Error ? e.message : String(e));
      }
      if (!stopped) await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    stop: () => {
      stopped = true;
      channel?.close();
    },
    done,
  };
};
