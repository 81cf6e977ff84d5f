import { toLines } from './input-text';

export type TVrrpState = 'MASTER' | 'BACKUP' | 'FAULT' | 'STOP' | 'INIT';

export type TKeepalivedStateEvent = { kind: 'state'; at: string | null; instance: string; state: TVrrpState };
export type TKeepalivedScriptEvent = {
  kind: 'script';
  at: string | null;
  script: string;
  result: 'succeeded' | 'failed';
  // "exited with status 1" / "timed out" on threshold transitions
  // (VRRP_Script lines); "now returning N" for a single run's exit code.
  detail: string | null;
};
// from is null when keepalived only logs the new value (1.x `Effective
// priority = N`).
export type TKeepalivedPriorityEvent = { kind: 'priority'; at: string | null; instance: string | null; from: number | null; to: number };
// A MASTER heard an advert that outranks it and is about to step down:
// priority is the sender's (null when 1.2 does not print it), ours this node's
// effective priority (2.x and 1.3+ only), source the sender's address (2.x).
// An equal priority from a higher address outranks too.
export type TKeepalivedAdvertEvent = { kind: 'higher-priority-advert'; at: string | null; instance: string; priority: number | null; ours: number | null; source: string | null };
// keepalived's own word on its virtual addresses: `setting VIPs` and
// `removing VIPs` (the instance's addresses, logged as it adds or removes
// them; address null), and the gratuitous ARP / NA announcements it sends
// for an address it holds.
export type TKeepalivedVipEvent = { kind: 'vip'; at: string | null; instance: string | null; held: boolean; address: string | null };
export type TKeepalivedEvent = TKeepalivedStateEvent | TKeepalivedScriptEvent | TKeepalivedPriorityEvent | TKeepalivedAdvertEvent | TKeepalivedVipEvent;
export type TKeepalivedLog = { events: TKeepalivedEvent[] };

// Timestamps as keepalived -l/console (`Mon Nov 23 19:48:05 2026:`), ISO
// (journalctl -o short-iso) and syslog (`Sep 14 03:12:19`). Kept verbatim:
// syslog has no year, and the caller knows the host's timezone, we do not.
const TIMESTAMPS: readonly RegExp[] = [
  /^([A-Z][a-z]{2} [A-Z][a-z]{2}\s+\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \d{4})(?=[:\s]|$)/,
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)(?=[:\s]|$)/,
  /^([A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?=\s|$)/,
];

// 2.x writes `(VI_1) ...`, 1.x `VRRP_Instance(VI_1) ...`.
const INSTANCE = String.raw`(?:VRRP_Instance)?\(([^()\s]+)\)`;
const STATE = new RegExp(String.raw`${INSTANCE}\s+Entering\s+(MASTER|BACKUP|FAULT|STOP|INIT)\s+STATE\b`);
const VIPS_REMOVED = new RegExp(String.raw`${INSTANCE}\s+removing (?:protocol )?VIPs\b`);
// Logged as the instance adds its addresses (the netlink call follows at once).
const VIPS_SET = new RegExp(String.raw`${INSTANCE}\s+setting (?:protocol )?VIPs\b`);
const VIP_ANNOUNCED = new RegExp(String.raw`(?:${INSTANCE}\s+)?Sending(?:/queueing)? (?:gratuitous ARPs?|[Uu]nsolicited [Nn]eighbou?r [Aa]dverts?) on \S+ for ([0-9A-Fa-f:.]+)`);
const SENT_ZERO = new RegExp(String.raw`${INSTANCE}\s+sent 0 priority\b`);
const PRIORITY = new RegExp(String.raw`(?:${INSTANCE}\s+)?Changing effective priority from (\d+) to (\d+)\b`);
// 1.x; the instance is required, so the `Effective priority = N` line of a
// configuration dump (SIGUSR1) is not taken for a change.
const EFFECTIVE_PRIORITY = new RegExp(String.raw`${INSTANCE}\s+Effective priority = (\d+)\b`);
// 1.2: `Received higher prio advert [N]`. 1.3+: `Received advert with higher
// priority N, ours M`. 2.x: `Master received advert from ADDR with higher
// priority N, ours M`, or `... with same priority N but higher IP address`.
const HIGHER_PRIO_ADVERT = new RegExp(String.raw`${INSTANCE}\s+Received higher prio advert(?:\s+(\d+))?(?:\s|$)`);
const HIGHER_PRIORITY_ADVERT = new RegExp(String.raw`${INSTANCE}\s+(?:Master\s+)?[Rr]eceived advert (?:from (\S+) )?with higher priority (\d+), ours (\d+)\b`);
const SAME_PRIORITY_ADVERT = new RegExp(String.raw`${INSTANCE}\s+(?:Master\s+)?[Rr]eceived advert (?:from (\S+) )?with same priority (\d+) but higher IP address\b`);
const SCRIPT_RESULT = /VRRP_Script\(([^()]+)\)\s+(succeeded|failed|timed[ _]out)(?:\s+\(([^)]*)\))?/;
const SCRIPT_RETURN = /Script `([^`]+)` now returning (-?\d+)/;
// The VRRP child's and the parent's last words on shutdown.
const STOPPED = /\bStopped(?: - used\b| Keepalived\b)/;

const timestampOf = (line: string): string | null => {
  for (const re of TIMESTAMPS) {
    const m = re.exec(line);
    if (m?.[1]) return m[1];
  }
  return null;
};

const numberOrNull = (s: string | undefined): number | null => (s === undefined ? null : Number(s));

const advertOf = (line: string, at: string | null): TKeepalivedAdvertEvent | null => {
  const old = HIGHER_PRIO_ADVERT.exec(line);
  if (old?.[1]) return { kind: 'higher-priority-advert', at, instance: old[1], priority: numberOrNull(old[2]), ours: null, source: null };
  const higher = HIGHER_PRIORITY_ADVERT.exec(line);
  if (higher?.[1]) return { kind: 'higher-priority-advert', at, instance: higher[1], priority: numberOrNull(higher[3]), ours: numberOrNull(higher[4]), source: higher[2] ?? null };
  const same = SAME_PRIORITY_ADVERT.exec(line);
  if (same?.[1]) return { kind: 'higher-priority-advert', at, instance: same[1], priority: numberOrNull(same[3]), ours: numberOrNull(same[3]), source: same[2] ?? null };
  return null;
};

const isState = (s: string | undefined): s is TVrrpState => s === 'MASTER' || s === 'BACKUP' || s === 'FAULT' || s === 'STOP' || s === 'INIT';

// Events in log order. Not events, deliberately:
// - 1.x `Transition to MASTER STATE`: the instance has not entered it yet; the
//   `Entering MASTER STATE` line follows when it does.
// - `Stopping`: shutdown has only begun.
// Synthesised STOP events:
// - `(VI_1) sent 0 priority` is a master resigning. Straight after `Entering
//   FAULT STATE` it is the fault path (the instance stays FAULT); otherwise it
//   is shutdown, so STOP.
// - `Stopped ...` (process exit): STOP for every instance seen so far that is
//   not already stopped, since backups log nothing of their own on shutdown.
// Any text is a valid log; only binary input throws.
// `previous`: the state the instances were in before this text (a log
// stream delivers a transition and its `sent 0 priority` in separate chunks).
export const parseKeepalivedLog = (text: string, options: { previous?: TVrrpState | null } = {}): TKeepalivedLog => {
  const events: TKeepalivedEvent[] = [];
  const last = new Map<string, TVrrpState | null>();
  const setState = (at: string | null, instance: string, state: TVrrpState): void => {
    events.push({ kind: 'state', at, instance, state });
    last.set(instance, state);
  };
  // An instance named in the log, so a later `Stopped` stops it too.
  const seen = (instance: string): void => {
    if (!last.has(instance)) last.set(instance, null);
  };

  for (const { text: raw } of toLines('keepalived-log', text)) {
    const line = raw.trim();
    if (line === '') continue;
    const at = timestampOf(line);
    const state = STATE.exec(line);
    if (state?.[1] && isState(state[2])) {
      setState(at, state[1], state[2]);
      continue;
    }
    const removed = VIPS_REMOVED.exec(line);
    if (removed?.[1]) {
      events.push({ kind: 'vip', at, instance: removed[1], held: false, address: null });
      continue;
    }
    const set = VIPS_SET.exec(line);
    if (set?.[1]) {
      events.push({ kind: 'vip', at, instance: set[1], held: true, address: null });
      continue;
    }
    const announced = VIP_ANNOUNCED.exec(line);
    if (announced?.[2]) {
      events.push({ kind: 'vip', at, instance: announced[1] ?? null, held: true, address: announced[2] });
      continue;
    }
    const zero = SENT_ZERO.exec(line);
    if (zero?.[1]) {
      if ((last.has(zero[1]) ? last.get(zero[1]) : options.previous) !== 'FAULT') setState(at, zero[1], 'STOP');
      continue;
    }
    const priority = PRIORITY.exec(line);
    if (priority) {
      const instance = priority[1] ?? null;
      if (instance !== null) seen(instance);
      events.push({ kind: 'priority', at, instance, from: Number(priority[2]), to: Number(priority[3]) });
      continue;
    }
    const effective = EFFECTIVE_PRIORITY.exec(line);
    if (effective?.[1]) {
      seen(effective[1]);
      events.push({ kind: 'priority', at, instance: effective[1], from: null, to: Number(effective[2]) });
      continue;
    }
    const advert = advertOf(line, at);
    if (advert) {
      seen(advert.instance);
      events.push(advert);
      continue;
    }
    const result = SCRIPT_RESULT.exec(line);
    if (result?.[1]) {
      const verdict = result[2];
      const detail = verdict === 'succeeded' ? null : verdict === 'failed' ? result[3]?.trim() || null : 'timed out';
      events.push({ kind: 'script', at, script: result[1], result: verdict === 'succeeded' ? 'succeeded' : 'failed', detail });
      continue;
    }
    const returning = SCRIPT_RETURN.exec(line);
    if (returning?.[1]) {
      const code = Number(returning[2]);
      events.push({ kind: 'script', at, script: returning[1], result: code === 0 ? 'succeeded' : 'failed', detail: `now returning ${code}` });
      continue;
    }
    if (STOPPED.test(line)) {
      for (const [instance, state] of last) if (state !== 'STOP') setState(at, instance, 'STOP');
    }
  }
  return { events };
};
