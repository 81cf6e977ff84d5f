import { addressesOn, probeWrite, readTrackFile, runSql, writeTrackFile } from '@/agents/action-sql';
import type { TNodeTarget } from '@/agents/node-target';
import { ipAddrHolds } from '@/lib/collector/node-memory';
import { parseIpAddr } from '@/lib/parsers/ip-addr';
import type { TNodeFacts } from '../node-facts';
import { StepFailure, type TActionContext, type TStep } from '../types';
import { faultValue, findMaintHook, preferValue, type TMaintHook } from './maint-hook';
import { BINLOG_FILE } from '@/lib/parsers/binlog-file';

// The switchover of a keepalived dual-master pair (research E): stop writes
// on the source, prove its binary log is frozen, wait until the target has
// applied all of it, open the target, move the VIP by sending the source's
// keepalived to FAULT through the track file, prove writes land on the
// target, then let the source rejoin as the passive node. Never two writers:
// the target opens only after the source is read-only; never two VIP holders:
// VRRP hands over on the source's priority-0 advert.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SPRINT_PRIORITY = 250;


type TCoords = { file: string; position: number };

const sqlLiteral = (file: string): string => {
  if (!BINLOG_FILE.test(file)) throw new StepFailure(`unexpected binary log name ${JSON.stringify(file.slice(0, 60))}`);
  return `'${file}'`;
};

const coordsOf = (row: string[] | undefined, node: string): TCoords => {
  const [file, pos] = row ?? [];
  if (!file || pos === undefined || !/^\d+$/.test(pos)) throw new StepFailure(`${node} reports no binary log position (is log_bin on?)`);
  return { file, position: Number(pos) };
};

const masterStatus = async (ctx: TActionContext, t: TNodeTarget): Promise<TCoords> => coordsOf((await runSql(ctx.pool, t, 'SHOW MASTER STATUS;', 3000))[0], t.name);

// A reading taken by the step just before stands as the next step's
// precondition when it is this fresh: between read_only on the source and the
// first write on the target every round trip is the applications' write
// block, and re-reading what was read a moment ago only lengthens it.
const FRESH_MS = 1000;
const freshAt = (at: unknown): boolean => typeof at === 'number' && Date.now() - at < FRESH_MS;

const readOnlyOf = async (ctx: TActionContext, t: TNodeTarget): Promise<boolean> => (await runSql(ctx.pool, t, 'SELECT @@global.read_only;', 3000))[0]?.[0] === '1';

const vipHolders = async (ctx: TActionContext, nodes: TNodeTarget[]): Promise<string[]> => {
  const held = await Promise.all(nodes.map(async (t) => ipAddrHolds(parseIpAddr(await addressesOn(ctx.pool, t, 2000)), ctx.cluster.vip)));
  return nodes.filter((_, i) => held[i]).map((t) => t.name);
};

// Polls both nodes' addresses every 20 ms until only `holder` has the VIP.
const waitForHolder = async (ctx: TActionContext, nodes: TNodeTarget[], holder: string, timeoutMs: number): Promise<number> => {
  const started = Date.now();
  let last: string[] = [];
  while (Date.now() - started < timeoutMs) {
    last = await vipHolders(ctx, nodes).catch(() => last);
    if (last.length === 1 && last[0] === holder) return Date.now() - started;
    await sleep(20);
  }
  throw new StepFailure(`the VIP did not settle on ${holder} within ${timeoutMs} ms (holders: ${last.join(', ') || 'nobody'})`);
};

const waitPos = async (ctx: TActionContext, on: TNodeTarget, coords: TCoords, seconds: number): Promise<void> => {
  const rows = await runSql(ctx.pool, on, `SELECT MASTER_POS_WAIT(${sqlLiteral(coords.file)}, ${coords.position}, ${seconds});`, (seconds + 3) * 1000);
  const v = rows[0]?.[0];
  if (v === undefined || v === 'NULL') throw new StepFailure(`${on.name}'s SQL thread is not running (MASTER_POS_WAIT returned NULL)`);
  if (v === '-1') throw new StepFailure(`${on.name} did not reach ${coords.file}:${coords.position} within ${seconds} s`);
  ctx.log(`${on.name} reached ${coords.file}:${coords.position} (MASTER_POS_WAIT = ${v})`);
};

// Application connections on a node: everything but replication, system
// threads, Tandem's own user and this session.
const appConnectionsSql = (tandemUser: string): string =>
  `SELECT ID, USER, COMMAND FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Binlog Dump', 'Binlog Dump GTID', 'Daemon', 'Slave_IO', 'Slave_SQL', 'Slave_worker') AND USER NOT IN ('system user', 'event_scheduler', 'unauthenticated user', ${quoteString(tandemUser)});`;

const quoteString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export type TSwitchoverPlanInput = { source: TNodeFacts; target: TNodeFacts };

export const switchoverSteps = (ctx: TActionContext, input: TSwitchoverPlanInput): TStep[] => {
  const src = input.source.target;
  const tgt = input.target.target;
  const pair = [src, tgt];
  const srcHook = findMaintHook(input.source.conf, ctx.cluster.vip);
  const tgtHook = findMaintHook(input.target.conf, ctx.cluster.vip);
  // Plans are only built after a passing preflight, which requires both hooks.
  const hookOf = (h: typeof srcHook): TMaintHook => {
    if (!h.ok) throw new StepFailure(h.reason);
    return h.hook;
  };
  const sh = srcHook.ok ? srcHook.hook : null;
  const th = tgtHook.ok ? tgtHook.hook : null;
  const fault = sh ? faultValue(sh.weight) : 1;
  // Only preempt needs the new holder's priority raised (nopreempt keeps whoever holds the VIP).
  const prefer = sh && th && !(sh.nopreempt && th.nopreempt) ? preferValue(th.weight, sh.priority, th.priority) : 0;
  // During the move the target runs at priority 250: a backup takes over
  // (256 - priority)/256 advert intervals after the holder's priority-0
  // advert, so ≈23 ms instead of ≈600 ms at priority 100. Every connection
  // attempt an application starts while nobody holds the VIP loses its SYN
  // and waits a full second for the retransmit, so the gap must be short;
  // but not 254 (≈8 ms): keepalived 2.2 sends the priority-0 advert just
  // before it removes the VIP ("sent 0 priority", then "removing VIPs"), and
  // the old holder must have dropped it before the new one adds it. The
  // target drops back to `prefer` once the old holder is the standby again.
  const sprint = th && th.weight > 0 ? Math.ceil(Math.max(0, SPRINT_PRIORITY - th.priority) / th.weight) : 0;
  const srcFile = sh?.file ?? '(track file)';
  const tgtFile = th?.file ?? '(track file)';
  const memo = ctx.memo;

  return [
    {
      key: 'flush-tables',
      title: `Flush tables on ${src.name} (bounded, so the read-only switch is quick)`,
      node: src.name,
      commands: ['SET STATEMENT max_statement_time=2 FOR FLUSH NO_WRITE_TO_BINLOG TABLES'],
      timeoutMs: 5000,
      undo: null,
      run: async () => {
        await runSql(ctx.pool, src, 'SET STATEMENT max_statement_time=2 FOR FLUSH NO_WRITE_TO_BINLOG TABLES;', 5000);
        // Read now, before writes stop: the VIP move restores these on undo.
        const [s, t] = [hookOf(srcHook), hookOf(tgtHook)];
        memo.set('srcTrackBefore', (await readTrackFile(ctx.pool, src, s.file)) ?? '0');
        memo.set('tgtTrackBefore', (await readTrackFile(ctx.pool, tgt, t.file)) ?? '0');
      },
    },
    {
      key: 'source-read-only',
      title: `Stop writes on ${src.name} (read_only=ON)`,
      node: src.name,
      commands: ['SET SESSION lock_wait_timeout=2', 'SET GLOBAL read_only=1', 'SELECT @@global.read_only', `SHOW MASTER STATUS   -- where ${tgt.name} starts catching up to`],
      timeoutMs: 6000,
      undo: ['SET SESSION lock_wait_timeout=2', 'SET GLOBAL read_only=0'],
      precondition: async () => ((await vipHolders(ctx, pair)).join(',') === src.name ? null : `${src.name} no longer holds the VIP alone`),
      run: async () => {
        memo.set('blockStartedAt', Date.now());
        // One session: SET GLOBAL read_only waits for commits in flight, so the
        // position read after it is where writes stopped (unless an account
        // bypasses read_only, which the next step would catch).
        const rows = await runSql(ctx.pool, src, 'SET SESSION lock_wait_timeout=2;\nSET GLOBAL read_only=1;\nSELECT @@global.read_only;\nSHOW MASTER STATUS;', 6000);
        if (rows[0]?.[0] !== '1') throw new StepFailure(`${src.name} still reports read_only=${rows[0]?.[0] ?? '?'}`);
        const a = coordsOf(rows[1], src.name);
        memo.set('firstCoords', a);
        // The target starts applying up to these coordinates while the
        // source is watched: the catch-up step only collects the result.
        const catchUp = waitPos(ctx, tgt, a, 5).then(
          () => null,
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        );
        memo.set('targetCatchUp', catchUp);
      },
      undoRun: async () => {
        await runSql(ctx.pool, src, 'SET SESSION lock_wait_timeout=2;\nSET GLOBAL read_only=0;', 6000);
      },
    },
    {
      key: 'source-frozen',
      title: `Prove ${src.name}'s binary log is frozen (two readings 200 ms apart)`,
      node: src.name,
      commands: ['SELECT SLEEP(0.2)   -- 200 ms after the reading taken with read_only=ON', 'SHOW MASTER STATUS', 'SELECT @@global.read_only'],
      timeoutMs: 5000,
      undo: null,
      run: async () => {
        const a = memo.get('firstCoords') as TCoords | undefined;
        if (!a) throw new StepFailure(`${src.name}'s first binary log reading is missing`);
        // The wait, the second reading and read_only in one session: one round trip.
        const rows = await runSql(ctx.pool, src, 'SELECT SLEEP(0.2);\nSHOW MASTER STATUS;\nSELECT @@global.read_only;', 5000);
        if (rows.length !== 3) throw new StepFailure(`${src.name} reports no binary log position (is log_bin on?)`);
        const b = coordsOf(rows[1], src.name);
        if (a.file !== b.file || a.position !== b.position) throw new StepFailure(`${src.name}'s binary log still moves (${a.file}:${a.position} → ${b.file}:${b.position}): an account that bypasses read_only is writing`);
        if (rows[2]?.[0] !== '1') throw new StepFailure(`${src.name} is writable again (read_only=${rows[2]?.[0] ?? '?'})`);
        memo.set('sourceReadOnlyAt', Date.now());
        memo.set('sourceCoords', b);
        ctx.log(`${src.name} stopped at ${b.file}:${b.position}`);
      },
    },
    {
      key: 'target-catch-up',
      title: `Wait until ${tgt.name} has applied everything ${src.name} wrote`,
      node: tgt.name,
      commands: ["SELECT MASTER_POS_WAIT('<file>', <position>, 5)   -- the frozen coordinates; started with the step before, collected here"],
      timeoutMs: 9000,
      undo: null,
      run: async () => {
        const coords = memo.get('sourceCoords') as TCoords | undefined;
        const started = memo.get('targetCatchUp') as Promise<Error | null> | undefined;
        if (!coords || !started) throw new StepFailure('the source coordinates are unknown');
        const failed = await started;
        if (failed) throw failed;
      },
    },
    {
      key: 'target-writable',
      title: `Open ${tgt.name} for writes (read_only=OFF)`,
      node: tgt.name,
      commands: ['SET GLOBAL read_only=0', 'SELECT @@global.read_only'],
      timeoutMs: 5000,
      undo: ['SET SESSION lock_wait_timeout=2', 'SET GLOBAL read_only=1'],
      // The frozen proof's last reading, if fresh; else read again.
      precondition: async () => (freshAt(memo.get('sourceReadOnlyAt')) || (await readOnlyOf(ctx, src)) ? null : `${src.name} is writable again: opening ${tgt.name} would make two writers`),
      run: async () => {
        // The VIP holders are read meanwhile, for the move's precondition.
        const [rows, holders] = await Promise.all([runSql(ctx.pool, tgt, 'SET GLOBAL read_only=0;\nSELECT @@global.read_only;', 5000), vipHolders(ctx, pair).catch(() => null)]);
        if (holders) memo.set('holdersRead', { at: Date.now(), holders: holders.join(',') });
        if (rows[0]?.[0] !== '0') throw new StepFailure(`${tgt.name} still reports read_only=${rows[0]?.[0] ?? '?'}`);
        ctx.pollNow();
      },
      undoRun: async () => {
        await runSql(ctx.pool, tgt, 'SET SESSION lock_wait_timeout=2;\nSET GLOBAL read_only=1;', 6000);
      },
    },
    {
      key: 'move-vip',
      title: `Move the VIP to ${tgt.name} (${src.name}'s keepalived to FAULT through its track file)`,
      node: src.name,
      commands: [
        ...(sprint !== 0 ? [`on ${tgt.name}: printf '%s\\n' ${sprint} > ${tgtFile}   -- priority ${SPRINT_PRIORITY} for the move: the takeover follows the FAULT advert after ≈${Math.round(((256 - SPRINT_PRIORITY) / 256) * 1000)} ms`] : []),
        `on ${src.name}: printf '%s\\n' ${fault} > ${srcFile}   -- FAULT: a priority-0 advert hands the VIP over`,
        `on both: ip -o addr show, every 20 ms, until only ${tgt.name} holds ${ctx.cluster.vip}`,
      ],
      timeoutMs: 8000,
      undo: [`on ${src.name}: restore ${srcFile}`, `on ${tgt.name}: printf '%s\\n' <fault> > ${tgtFile} until ${src.name} holds the VIP, then restore it`],
      precondition: async () => {
        const read = memo.get('holdersRead') as { at: number; holders: string } | undefined;
        const holders = read && freshAt(read.at) ? read.holders : (await vipHolders(ctx, pair)).join(',');
        return holders === src.name ? null : `${src.name} no longer holds the VIP alone`;
      },
      run: async () => {
        const s = hookOf(srcHook);
        const t = hookOf(tgtHook);
        const started = Date.now();
        // The sprint first: the target's takeover delay is set from its
        // priority when the priority-0 advert arrives.
        if (sprint !== 0) await writeTrackFile(ctx.pool, tgt, t.file, sprint);
        await writeTrackFile(ctx.pool, src, s.file, fault);
        const took = await waitForHolder(ctx, pair, tgt.name, 6000);
        memo.set('vipMoveMs', Date.now() - started);
        ctx.log(`the VIP is on ${tgt.name} only, ${took} ms after ${src.name} went to FAULT`);
        ctx.pollNow();
      },
      undoRun: async () => {
        const s = hookOf(srcHook);
        const t = hookOf(tgtHook);
        await writeTrackFile(ctx.pool, src, s.file, Number(memo.get('srcTrackBefore') ?? 0) || 0);
        await writeTrackFile(ctx.pool, tgt, t.file, faultValue(t.weight));
        try {
          await waitForHolder(ctx, pair, src.name, 6000);
        } finally {
          await writeTrackFile(ctx.pool, tgt, t.file, Number(memo.get('tgtTrackBefore') ?? 0) || 0);
        }
        ctx.pollNow();
      },
    },
    {
      key: 'verify-writes',
      title: `Prove writes through the VIP land on ${tgt.name}`,
      node: null,
      commands: [`through ${ctx.cluster.vip} as the probe user, every 50 ms: REPLACE INTO tandem.heartbeat (id, ts, server_id) VALUES (1, NOW(6), @@server_id); SELECT @@server_id   -- until server_id = ${input.target.serverId ?? '?'}`],
      timeoutMs: 8000,
      undo: null,
      pointOfNoReturn: true,
      run: async () => {
        if (!ctx.probe) throw new StepFailure('no probe credential');
        const started = Date.now();
        let last = '';
        while (Date.now() - started < 6000) {
          const w = await probeWrite({ vip: ctx.cluster.vip, credentials: ctx.probe, timeoutMs: 1000 });
          if (w.ok && String(w.serverId) === input.target.serverId) {
            memo.set('blockEndedAt', Date.now());
            ctx.log(`a write through the VIP was accepted by server_id ${w.serverId} (${tgt.name}) in ${w.ms} ms`);
            return;
          }
          if (w.ok) throw new StepFailure(`a write through the VIP landed on server_id ${w.serverId}, not ${tgt.name}`);
          last = w.error;
          await sleep(50);
        }
        throw new StepFailure(`no write through the VIP was accepted within 6 s (last error: ${last})`);
      },
    },
    {
      key: 'close-old-connections',
      title: `Close application connections still open on ${src.name}`,
      node: src.name,
      commands: ['SELECT ID FROM information_schema.PROCESSLIST WHERE <application threads>', 'KILL CONNECTION <id>   -- for each'],
      timeoutMs: 5000,
      undo: null,
      nonFatal: true,
      run: async () => {
        const rows = await runSql(ctx.pool, src, appConnectionsSql(src.mysql.user), 3000);
        const ids = rows.map((r) => r[0] ?? '').filter((id) => /^\d+$/.test(id));
        if (ids.length === 0) return ctx.log('none open');
        await runSql(ctx.pool, src, ids.map((id) => `KILL CONNECTION ${id};`).join('\n'), 3000).catch((e: unknown) => ctx.log(`some had ended already: ${e instanceof Error ? e.message : String(e)}`));
        ctx.log(`closed ${ids.length} connection(s): ${rows.map((r) => `${r[0]} (${r[1]})`).join(', ')}`);
      },
    },
    {
      key: 'source-catch-up',
      title: `Wait until ${src.name} has applied ${tgt.name}'s new writes`,
      node: src.name,
      commands: [`on ${tgt.name}: SHOW MASTER STATUS`, `on ${src.name}: SELECT MASTER_POS_WAIT('<file>', <position>, 10)`],
      timeoutMs: 15000,
      undo: null,
      nonFatal: true,
      run: async () => {
        await waitPos(ctx, src, await masterStatus(ctx, tgt), 10);
      },
    },
    {
      key: 'release-source',
      title: `Let ${src.name}'s keepalived leave FAULT as the standby`,
      node: src.name,
      commands: [`on ${src.name}: printf '%s\\n' 0 > ${srcFile}`, ...(sprint !== 0 ? [`on ${tgt.name}: printf '%s\\n' ${prefer} > ${tgtFile}   -- ${prefer === 0 ? 'back to its configured priority (nopreempt keeps it the holder)' : `keeps ${tgt.name} preferred (preempt)`}`] : []), `wait 1.5 s; ip -o addr show on both: only ${tgt.name} holds ${ctx.cluster.vip}`],
      timeoutMs: 8000,
      undo: null,
      run: async () => {
        const s = hookOf(srcHook);
        await writeTrackFile(ctx.pool, src, s.file, 0);
        if (sprint !== 0) await writeTrackFile(ctx.pool, tgt, hookOf(tgtHook).file, prefer);
        await sleep(1500);
        const holders = await vipHolders(ctx, pair);
        if (holders.length !== 1 || holders[0] !== tgt.name) throw new StepFailure(`after releasing ${src.name}, the VIP is on ${holders.join(' and ') || 'nobody'}`);
        ctx.pollNow();
      },
    },
  ];
};
