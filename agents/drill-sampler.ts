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
// smallest recent arrival-minus-stamp from that node (its clock offset plus
// the quickest trip; createSampleReader), so node clocks need not agree with ours. The loop
// ends by itself after maxSeconds, should the channel's close never reach it.
//
// A sample says one fact (`fact`): its time is that fact's reading, and the
// other field is only what the sampler knew of the other fact when the line
// came (lines can arrive out of their readings' order, so it may be older
// or newer than that time).
export type TNodeSample = { t: number; node: string; vip: boolean; readOnly: boolean | null; fact?: 'vip' | 'readOnly' };

// Exported for its test (run under a local sh with stand-in tools).
export const samplerScript = (target: TNodeTarget): string => {
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
# Servers before MySQL 5.6.4 have no fractional NOW(6): their readings are
# stamped by date as they pass rather than fail. The session reads its time
# in UTC: in a local zone, the hour that repeats when DST ends would be an
# hour out.
stamp_works() {
echo 'SELECT UNIX_TIMESTAMP(NOW(6));' | timeout 5 ${client}
}
end=$(( $(date +%s) + maxs ))
echo "@@tandem:sampling"
# One clock for every line: the node's, where date gives fractions of a
# second (a reading with no stamp of its own is stamped by date as it
# passes); otherwise none, and every line is timed on arrival.
now=""
case "$(date +%s.%N 2>/dev/null)" in *[0-9].[0-9]*) now="date +%s.%N" ;; esac
ts=""
if [ -n "$now" ] && TZ=UTC ip -tshort -V >/dev/null 2>&1; then ts="-tshort"; fi
# The VIP from the kernel's address events (no sampling delay), re-read
# every second in case an event and the first reading crossed; read_only in
# a loop of its own, so a slow client start never delays the VIP. Each line
# is one write, so lines from the loops never interleave mid-line. The
# re-read is stamped before it looks: should it cross an event, its line is
# the older one and cannot undo the event's.
vip_now() { t=""; [ -z "$now" ] || t=$($now); if ip -o addr show </dev/null 2>/dev/null | grep -qF " $vip/"; then echo "V 1 $t"; else echo "V 0 $t"; fi; }
TZ=UTC timeout "$maxs" ip $ts -o monitor address </dev/null 2>/dev/null | while read -r line; do
  case "$line" in
    *" $vip/"*)
      t=""
      case "$line" in "["*) t="\${line%%]*}"; t="\${t#?}"; line="\${line#*] }" ;; *) [ -z "$now" ] || t=$($now) ;; esac
      case "$line" in Deleted*) echo "V 0 $t" ;; *) echo "V 1 $t" ;; esac || exit 0 ;;
  esac
done &
if [ -n "$client" ]; then
  stamped=""
  while [ "$(date +%s)" -lt "$end" ]; do
    if [ -n "$now" ] && [ -z "$stamped" ] && stamp_works >/dev/null 2>&1; then stamped=1; fi
    q='SELECT @@global.read_only;'; tz=''
    if [ -n "$stamped" ]; then q='SELECT @@global.read_only, UNIX_TIMESTAMP(NOW(6));'; tz="SET time_zone = '+00:00';"; fi
    read_only_stream "$q" "$tz" 2>/dev/null | while read -r ro t; do
      [ -n "$t" ] || [ -z "$now" ] || t=$($now)
      echo "R $ro $t" || exit 0
    done
    # The session ended (the server went away): unknown until the next one answers.
    t=""; [ -z "$now" ] || t=$($now)
    echo "R x $t" || kill 0
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
// Each fact's value is that of its newest reading by time: a line older
// than one already seen (a re-read that crossed an address event) is kept
// as history at its own time but changes neither the value nor what the
// next line is compared with. A fact is sampled when it changes, and once
// a second to show the watch is alive; nothing before the first VIP reading.
// The offset (node clock to ours) is the smallest arrival-minus-stamp of
// the last OFFSET_WINDOW_MS, so a node clock stepped meanwhile misplaces
// readings for that long at most.
const OFFSET_WINDOW_MS = 30_000;

export const createSampleReader = (node: string, onSample: (s: TNodeSample) => void, now: () => number = Date.now) => {
  let partial = '';
  let emitted = 0;
  // Arrival-minus-stamp of recent lines, increasing from the front: the front is the smallest.
  const trips: { at: number; d: number }[] = [];
  const offsetWith = (at: number, d: number): number => {
    while (trips.length > 0 && (trips.at(-1)?.d ?? -Infinity) >= d) trips.pop();
    trips.push({ at, d });
    while ((trips[0]?.at ?? Infinity) < at - OFFSET_WINDOW_MS) trips.shift();
    return trips[0]?.d ?? d;
  };
  const newest: Record<TFact, { t: number; value: boolean | null } | null> = { vip: null, readOnly: null };
  const last: Record<TFact, { value: boolean | null; at: number } | null> = { vip: null, readOnly: null };
  const read = (fact: TFact, value: boolean | null, t: number) => {
    const stale = (newest[fact]?.t ?? -Infinity) > t;
    if (!stale) newest[fact] = { t, value };
    const vip = newest.vip?.value;
    if (typeof vip !== 'boolean') return;
    const readOnly = newest.readOnly?.value ?? null;
    if (!stale) {
      const seen = last[fact];
      if (seen && seen.value === value && t - seen.at < 1000) return;
      last[fact] = { value, at: t };
    }
    emitted += 1;
    onSample({ t, node, vip: fact === 'vip' ? value === true : vip, readOnly: fact === 'readOnly' ? value : readOnly, fact });
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
        const t = stamp === null ? arrival : Math.round(stamp + offsetWith(arrival, arrival - stamp));
        if (m[1] === 'V') read('vip', m[2] === '1', t);
        else read('readOnly', m[2] === '1' ? true : m[2] === '0' ? false : null, t);
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
        await streamOnNode(options.pool, options.target, samplerScript(options.target), [options.vip, String(options.target.mysql.port), String(options.maxSeconds)], { onOutput: reader.write, onChannel: (c) => {
          // Stopped while the channel was opening: close it as soon as it exists.
          channel = c;
          if (stopped) c.close();
        } });
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
