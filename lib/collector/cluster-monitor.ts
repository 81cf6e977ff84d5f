import { startHeartbeat, type THeartbeat } from '@/agents/heartbeat';
import { startLogStream, type TLogStream } from '@/agents/log-stream';
import { probeVip } from '@/agents/probe-vip';
import type { TNodeTarget } from '@/agents/node-target';
import type { TSshPool } from '@/agents/ssh-pool';
import type { TDb } from '@/lib/db/client';
import { overlayFindings } from '@/lib/actions/action-hub';
import { createWatermarkKeeper } from '@/lib/actions/errant-watermark';
import { SPLIT_BRAIN_GRACE_MS } from '@/lib/cluster-state/split-brain';
import type { THeartbeatView } from '@/lib/health/types';
import { logger } from '@/lib/log';
import { observePoll } from '@/lib/metrics/observe-poll';
import { parseIpAddr } from '@/lib/parsers/ip-addr';
import { parseKeepalivedLog } from '@/lib/parsers/keepalived-log';
import { buildSnapshot, type TClusterSettings } from './build-snapshot';
import { diffSnapshots } from './diff-snapshots';
import { applyKeepalivedEvents, applyVipEvents, holdsVip, ipAddrHolds, newNodeMemory, offerVipReading, ownTransactionCount, vipAgreesWithKeepalived, type TNodeMemory } from './node-memory';
import type { TNodePoll } from './observation';
import type { THistoryWriter } from './history-writer';
import { saveEvents } from './persist';
import { pollNode } from './poll-node';
import { createLogTail, type TLogLine } from './log-tail';
import { createVipConfirmer } from './vip-confirm';
import { savedStateFingerprint, snapshotFingerprint, type TClusterEvent, type TClusterSnapshot, type TLagPoint } from './snapshot';

export type TMonitorSinks = {
  onSnapshot: (s: TClusterSnapshot) => void;
  onEvent: (e: TClusterEvent) => void;
  onLog?: (lines: TLogLine[]) => void;
  onLag?: (point: TLagPoint) => void;
};

export type TMonitorOptions = {
  db: TDb;
  pool: TSshPool;
  clusterId: string;
  settings: TClusterSettings;
  heartbeat: boolean;
  // The application-like user the heartbeat writes as (null: none stored).
  probe: TNodeTarget['mysql'] | null;
  targets: TNodeTarget[];
  sinks: TMonitorSinks;
  // Where snapshot saves and lag samples go (batched with the fleet's).
  history: THistoryWriter;
  pollIntervalMs?: number;
  sampleEveryMs?: number;
  // Follow keepalived's log for instant VIP moves (off: polling only, the
  // baseline the benchmark compares against).
  logStream?: boolean;
};

const PASSIVE_WRITE_WINDOW_MS = 60_000;
// A stable cluster's saved snapshot is still refreshed this often, so readers
// of the database (tandem status) can tell a watched cluster from a stale one.
const SAVE_AT_LEAST_EVERY_MS = 5000;
// An unchanged snapshot is still pushed this often: it carries observedAt, so
// a page can tell a quiet cluster from a collector that stopped observing.
const PUSH_AT_LEAST_EVERY_MS = 5000;


// Watches one cluster: a poll loop per node (one node never waits for
// another), a log stream per node that wakes the loops when keepalived
// changes state, and optionally the heartbeat writer.
export const createClusterMonitor = (options: TMonitorOptions) => {
  const { db, pool, clusterId, settings, sinks, targets } = options;
  const interval = options.pollIntervalMs ?? 1000;
  const sampleEvery = options.sampleEveryMs ?? 5000;
  const memory: TNodeMemory[] = targets.map((t) => newNodeMemory(t.name, t.host));
  const wakers: (() => void)[] = targets.map(() => () => undefined);
  let snapshot: TClusterSnapshot | undefined;
  let fingerprint = '';
  let savedFingerprint = '';
  let running = true;
  let pending = Promise.resolve();

  const persist = (what: string, work: () => Promise<void>) => {
    pending = pending.then(work).catch((e: unknown) => logger.warn('collector could not save', { cluster: settings.name, what, error: e instanceof Error ? e.message : String(e) }));
  };

  // Tandem's own writes go only through the probe credential: the node
  // credential may bypass read_only (READ ONLY ADMIN), the probe user may not.
  const heartbeat: THeartbeat | undefined = options.heartbeat && options.probe ? startHeartbeat({ vip: settings.vip, credentials: options.probe }) : undefined;
  const heartbeatView = (now: number): THeartbeatView => {
    if (!options.heartbeat) return { status: 'off' };
    if (!heartbeat) return { status: 'no-probe-credential' };
    const s = heartbeat.status();
    return s.error !== null && s.failingSince !== null ? { status: 'failing', error: s.error, errno: s.errno, failingSince: s.failingSince, failingMs: now - s.failingSince } : { status: 'writing' };
  };

  let multiHolderSince: number | null = null;
  let savedAt = 0;
  let pushedAt = 0;
  const logTail = createLogTail();
  const keepWatermark = createWatermarkKeeper(db);

  const recompute = () => {
    const now = Date.now();
    const holderCount = memory.filter(holdsVip).length;
    if (holderCount > 1 && multiHolderSince === null) setTimeout(() => running && recompute(), SPLIT_BRAIN_GRACE_MS + 10).unref();
    multiHolderSince = holderCount > 1 ? (multiHolderSince ?? now) : null;
    const built = buildSnapshot(settings, memory, now, { suppressSplitBrain: multiHolderSince !== null && now - multiHolderSince < SPLIT_BRAIN_GRACE_MS, heartbeat: heartbeatView(now) });
    // A run in progress makes some findings expected; an interrupted one adds its own.
    const next = { ...built, findings: overlayFindings(settings.name, built.findings) };
    const events = diffSnapshots(snapshot, next);
    const fp = snapshotFingerprint(next);
    snapshot = next;
    const changed = fp !== fingerprint;
    if (changed) fingerprint = fp;
    if (changed || now - pushedAt >= PUSH_AT_LEAST_EVERY_MS) {
      pushedAt = now;
      sinks.onSnapshot(next);
    }
    const state = changed ? savedStateFingerprint(next) : savedFingerprint;
    if (state !== savedFingerprint || now - savedAt >= SAVE_AT_LEAST_EVERY_MS) {
      savedAt = now;
      savedFingerprint = state;
      options.history.queueSnapshot(clusterId, next);
    }
    for (const e of events) sinks.onEvent(e);
    persist('events', () => saveEvents(db, clusterId, events));
  };

  const kickAll = () => wakers.forEach((wake) => wake());

  const applyPoll = (m: TNodeMemory, poll: TNodePoll) => {
    const wasHolder = holdsVip(m);
    m.poll = poll;
    if (!poll.reachable) return;
    offerVipReading(m, { held: ipAddrHolds(poll.ipAddr, settings.vip), at: poll.startedAt, source: 'poll' });
    m.hints = poll.hints;
    if (poll.logCursor !== 'skip') m.logCursor = poll.logCursor;
    if (poll.keepalived.conf) m.keepalivedConf = poll.keepalived.conf;
    // The log stream is newer than any poll's copy of the log: a poll's
    // transitions count only if the stream was silent for the whole poll.
    if (!m.streamFollowing && m.streamActivityAt < poll.startedAt) applyKeepalivedEvents(m, poll.keepalived.events);
    const own = ownTransactionCount(poll.mysql.variables);
    // Counted only between two readings taken while passive: a node that wrote
    // as the holder until it died (a failover) shows those writes at its first
    // reading after the VIP left it.
    if (own !== null && m.ownTransactions !== null && m.ownTransactionsPassive && own > m.ownTransactions && !wasHolder && !holdsVip(m)) {
      m.passiveWrites += 1;
      m.passiveWritesAt = poll.observedAt;
    }
    if (m.passiveWritesAt !== null && poll.observedAt - m.passiveWritesAt > PASSIVE_WRITE_WINDOW_MS) {
      m.passiveWrites = 0;
      m.passiveWritesAt = null;
    }
    if (own !== null) {
      m.ownTransactions = own;
      m.ownTransactionsPassive = !wasHolder && !holdsVip(m);
    }
    const readOnly = poll.mysql.variables.read_only;
    if (poll.mysql.reachable && readOnly !== undefined) {
      const target = targets.find((t) => t.name === m.name);
      const ro = readOnly === 'ON' || readOnly === '1';
      if (target) persist('watermark', () => keepWatermark(target.id, { passive: ro && !holdsVip(m), writer: !ro && holdsVip(m), own }));
    }
  };

  const sampleLag = (m: TNodeMemory) => {
    const p = m.poll;
    if (!p?.reachable || !p.mysql.replication || p.observedAt - m.lastSampleAt < sampleEvery) return;
    m.lastSampleAt = p.observedAt;
    const sample = { node: m.name, at: new Date(p.observedAt), secondsBehind: p.mysql.replication.secondsBehindSource, heartbeatLagSeconds: p.mysql.heartbeatLagSeconds };
    options.history.queueLag({ clusterId, ...sample });
    sinks.onLag?.({ ...sample, at: sample.at.toISOString() });
  };

  const nodeLoop = async (i: number) => {
    const target = targets[i];
    const m = memory[i];
    if (!target || !m) return;
    // Each node keeps its own phase within the interval: a timer that fired
    // late because the event loop was busy does not move the next poll.
    // Scheduling from the late start instead let every node delayed by the
    // same long task poll in step from then on, and 1,000 nodes drifted into
    // bursts that held the event loop for hundreds of milliseconds. Only a
    // poll that overran its interval starts the next at once, on a new phase.
    let due = Date.now();
    while (running) {
      const started = Date.now();
      // While the log stream follows the node's log, the poll need not read it.
      const poll = await pollNode({ pool, target, cursor: m.streamFollowing ? 'skip' : m.logCursor, hints: m.hints });
      if (!running) return;
      observePoll({ cluster: settings.name, node: target.name, seconds: (Date.now() - started) / 1000, outcome: poll.reachable ? 'ok' : 'unreachable' });
      // Opening the probe shell costs an sshd session (over a second on a
      // loaded host): open it with the first answer, not at the first move.
      const warmProbe = poll.reachable && m.poll?.reachable !== true;
      applyPoll(m, poll);
      if (warmProbe) void probe(i);
      recompute();
      sampleLag(m);
      const now = Date.now();
      due = Math.max(due + interval, now);
      const wait = due - now;
      if (wait > 0) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wakers[i] = () => {
          clearTimeout(timer);
          // Asked to poll now (an action's step): the phase starts here.
          due = Date.now();
          resolve();
        };
      });
      wakers[i] = () => undefined;
    }
  };

  // `ip addr` only, on its own shell: the VIP's holders within tens of
  // milliseconds instead of waiting for a full poll. The reading counts from
  // when the probe was sent, so it only replaces older readings. Resolves to
  // whether the node could be probed and whether its holding changed.
  const probe = async (i: number): Promise<{ probed: boolean; changed: boolean }> => {
    const target = targets[i];
    const m = memory[i];
    if (!target || !m?.poll?.reachable) return { probed: false, changed: false };
    const sentAt = Date.now();
    try {
      const changed = offerVipReading(m, { held: ipAddrHolds(parseIpAddr(await probeVip({ pool, target })), settings.vip), at: sentAt, source: 'probe' });
      return { probed: true, changed };
    } catch {
      /* the next full poll settles it */
      return { probed: true, changed: false };
    }
  };
  const vipConfirmer = createVipConfirmer({
    probe: async () => {
      const results = await Promise.all(targets.map((_, i) => probe(i)));
      if (running && results.some((r) => r.changed)) recompute();
      return results.some((r) => r.probed);
    },
    agrees: () => memory.every(vipAgreesWithKeepalived),
    isRunning: () => running,
    // The full re-poll waits until the holders are confirmed: on a loaded
    // host it would compete with the probes for the node's CPU.
    onDone: () => kickAll(),
  });

  // A keepalived transition: update the node's state at once, push it,
  // probe every node's addresses until they agree with keepalived, then
  // re-poll everything for the full picture.
  const onLogLines = (i: number, lines: string[], replayed: number) => {
    const m = memory[i];
    if (!m) return;
    m.streamActivityAt = Date.now();
    const added = logTail.add(m.name, lines, Date.now(), replayed);
    if (added.length > 0) sinks.onLog?.(added);
    const previous = m.keepalivedState;
    let events;
    let fresh;
    try {
      events = parseKeepalivedLog(lines.join('\n'), { previous }).events;
      // Replayed lines are old: their state still counts (the last one is
      // the current), their word on addresses does not.
      fresh = replayed === 0 ? events : parseKeepalivedLog(lines.slice(replayed).join('\n'), { previous }).events;
    } catch {
      return;
    }
    const vipChanged = applyVipEvents(m, fresh, settings.vip, Date.now());
    if (!applyKeepalivedEvents(m, events) && !vipChanged) return;
    recompute();
    vipConfirmer.confirm();
  };

  const onStreamState = (i: number, following: string | null) => {
    const m = memory[i];
    if (!m) return;
    m.streamFollowing = following !== null;
    m.streamActivityAt = Date.now();
  };

  const streams: TLogStream[] = options.logStream === false ? [] : targets.map((target, i) => startLogStream({ pool, target, onLines: (lines, replayed) => onLogLines(i, lines, replayed), onState: (following) => onStreamState(i, following) }));
  const loops = targets.map((_, i) => nodeLoop(i));
  // Polls of a dead node block for the SSH connect timeout; the regular push
  // must not wait for them.
  const ticker = setInterval(() => running && snapshot !== undefined && Date.now() - pushedAt >= PUSH_AT_LEAST_EVERY_MS && recompute(), 1000);
  ticker.unref();

  return {
    snapshot: () => snapshot,
    // An action changed something: poll every node now rather than at the next tick.
    pollNow: () => kickAll(),
    logTail: () => logTail.lines(),
    stop: async () => {
      running = false;
      clearInterval(ticker);
      streams.forEach((s) => s.stop());
      kickAll();
      await heartbeat?.stop();
      await Promise.allSettled(loops);
      await pending;
    },
  };
};

export type TClusterMonitor = ReturnType<typeof createClusterMonitor>;
