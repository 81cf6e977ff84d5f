import type { ClientChannel } from 'ssh2';
import { credentialsHeredoc } from './client-credentials';
import type { TNodeTarget } from './node-target';
import { streamOnNode } from './run-on-node';
import type { TSshPool } from './ssh-pool';

// A drill's independent eye on each node: a channel of its own that prints,
// about every 100 ms, whether the node holds the VIP and its @@read_only.
// Each line carries the node's own time of the reading where the node can
// give it (ip's -tshort stamp on an address event, mysqld's NOW(6) beside
// read_only, date before the once-a-second address re-read): stamped on
// arrival instead, a move looked up to half a second late whenever the
// control plane or the channel was busy, which is exactly when a failover
// happens. Node times are put on the control plane's clock with the
// smallest arrival-minus-stamp seen from that node (its clock offset plus
// the quickest trip), so node clocks need not agree with ours. The loop
// ends by itself after maxSeconds, should the channel's close never reach it.
//
// A sample says one fact (`fact`): its time is that fact's reading, and the
// other field is only what the sampler last knew of the other fact (lines
// can arrive out of their readings' order, so it may be older).
export type TNodeSample = { t: number; node: string; vip: boolean; readOnly: boolean | null; fact?: 'vip' | 'readOnly' };

const samplerScript = (target: TNodeTarget): string => {
  const cnf = credentialsHeredoc(target, 'drill sampler');
  const client = `"$client" --defaults-extra-file=/dev/fd/3 --protocol=tcp -h 127.0.0.1 -P "$port" --connect-timeout=1 --batch --skip-column-names --skip-raw --skip-vertical --skip-table --unbuffered 3<<'${cnf.delimiter}'
${cnf.body}`;
  return `vip="$1"; port="$2"; maxs="$3"
client=""
for c in mariadb mysql; do
  if command -v "$c" >/dev/null 2>&1; then client="$c"; break; fi
done
# One client session asked every 100 ms (its answers flushed as they come):
# a new client per reading cost 200 ms and more on a loaded host.
read_only_stream() {
{ echo "$2"; while :; do echo "$1"; sleep 0.1; done; } | timeout "$maxs" ${client}
}
# Servers before MySQL 5.6.4 have no fractional NOW(6): those readings go
# unstamped (timed on arrival) rather than fail. The session reads its time
# in UTC: in a local zone, the hour that repeats when DST ends would be an
# hour out.
stamp_works() {
echo 'SELECT UNIX_TIMESTAMP(NOW(6));' | timeout 5 ${client}
}
end=$(( $(date +%s) + maxs ))
echo "@@tandem:sampling"
# The VIP from the kernel's address events (no sampling delay), re-read
# every second in case an event and the first reading crossed; read_only in
# a loop of its own, so a slow client start never delays the VIP. Each line
# is one write, so lines from the loops never interleave mid-line.
vip_now() { t=$(date +%s.%N 2>/dev/null); if ip -o addr show </dev/null 2>/dev/null | grep -qF " $vip/"; then echo "V 1 $t"; else echo "V 0 $t"; fi; }
ts=""
if TZ=UTC ip -tshort -V >/dev/null 2>&1; then ts="-tshort"; fi
TZ=UTC timeout "$maxs" ip $ts -o monitor address </dev/null 2>/dev/null | while read -r line; do
  case "$line" in
    *" $vip/"*)
      t=""
      case "$line" in "["*) t="\${line%%]*}"; t="\${t#?}"; line="\${line#*] }" ;; esac
      case "$line" in Deleted*) echo "V 0 $t" ;; *) echo "V 1 $t" ;; esac || exit 0 ;;
  esac
done &
if [ -n "$client" ]; then
  stamped=""
  while [ "$(date +%s)" -lt "$end" ]; do
    if [ -z "$stamped" ] && stamp_works >/dev/null 2>&1; then stamped=1; fi
    q='SELECT @@global.read_only;'; tz=''
    if [ -n "$stamped" ]; then q='SELECT @@global.read_only, UNIX_TIMESTAMP(NOW(6));'; tz="SET time_zone = '+00:00';"; fi
    read_only_stream "$q" "$tz" 2>/dev/null | while read -r ro t; do echo "R $ro $t" || exit 0; done
    # The session ended (the server went away): unknown until the next one answers.
    echo "R x $(date +%s.%N 2>/dev/null)" || kill 0
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

// A node's time: ip's -tshort stamp (UTC, as the script asks) or seconds
// since the epoch; anything else is no stamp.
export const parseNodeStamp = (text: string | undefined): number | null => {
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(text);
  if (iso) {
    const n = (i: number) => Number(iso[i]);
    const t = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6)) + (iso[7] ? Number(`0.${iso[7]}`) * 1000 : 0);
    return Number.isFinite(t) ? t : null;
  }
  return /^\d{9,11}(\.\d{1,9})?$/.test(text) ? Number(text) * 1000 : null;
};

type TFact = 'vip' | 'readOnly';

// The script's output as samples, on the control plane's clock (`now`).
// A fact is sampled when it changes, and once a second to show the watch is
// alive; nothing before the first VIP reading.
export const createSampleReader = (node: string, onSample: (s: TNodeSample) => void, now: () => number = Date.now) => {
  let partial = '';
  let vip: boolean | null = null;
  let readOnly: boolean | null = null;
  let offset = Infinity;
  let emitted = 0;
  const last: Record<TFact, { value: boolean | null | undefined; at: number }> = { vip: { value: undefined, at: -Infinity }, readOnly: { value: undefined, at: -Infinity } };
  const emit = (fact: TFact, t: number) => {
    if (vip === null) return;
    const value = fact === 'vip' ? vip : readOnly;
    if (value === last[fact].value && t - last[fact].at < 1000) return;
    last[fact] = { value, at: t };
    emitted += 1;
    onSample({ t, node, vip, readOnly, fact });
  };
  return {
    write: (chunk: string) => {
      const arrival = now();
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^([VR]) (\S+)(?: (\S+))?$/.exec(line.trim());
        if (!m) continue;
        const stamp = parseNodeStamp(m[3]);
        if (stamp !== null) offset = Math.min(offset, arrival - stamp);
        const t = stamp === null ? arrival : Math.round(stamp + offset);
        if (m[1] === 'V') {
          vip = m[2] === '1';
          emit('vip', t);
        } else {
          readOnly = m[2] === '1' ? true : m[2] === '0' ? false : null;
          emit('readOnly', t);
        }
      }
    },
    // A new channel: a line cut off by the old one is not glued to the next.
    reset: () => void (partial = ''),
    emitted: () => emitted,
  };
};

export type TSampler = { stop: () => void };

export const startSampler = (options: { pool: TSshPool; target: TNodeTarget; vip: string; maxSeconds: number; onSample: (s: TNodeSample) => void; onError?: (message: string) => void }): TSampler => {
  let channel: ClientChannel | undefined;
  let stopped = false;
  const reader = createSampleReader(options.target.name, options.onSample);
  void (async () => {
    // Reconnects while the drill wants samples: a dropped channel must not
    // end the watch. The wait doubles up to 5 s, so a node refusing SSH is
    // not hammered; a channel that delivered a sample resets it. Before the
    // first sample it stays under 1 s: the drill waits for that sample before
    // it injects anything, and one slow first channel on a loaded machine
    // must not spend the whole wait asleep here.
    let backoff = 200;
    while (!stopped) {
      const before = reader.emitted();
      reader.reset();
      try {
        await streamOnNode(options.pool, options.target, samplerScript(options.target), [options.vip, String(options.target.mysql.port), String(options.maxSeconds)], { onOutput: reader.write, onChannel: (c) => (channel = c) });
      } catch (e) {
        options.onError?.(e instanceof Error ? e.message : String(e));
      }
      backoff = reader.emitted() !== before ? 200 : Math.min(reader.emitted() === 0 ? 800 : 5000, backoff * 2);
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
