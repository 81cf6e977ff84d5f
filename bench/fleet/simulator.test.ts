// The simulator answers Tandem's real agents: collectNode through a real SSH
// pool, the ip probe, the log stream; a VIP move shows in the stream and the
// next poll; an action is refused; a stalled pair stops answering.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectNode, NO_HINTS } from '@/agents/collect';
import { startLogStream } from '@/agents/log-stream';
import type { TNodeTarget } from '@/agents/node-target';
import { probeVip } from '@/agents/probe-vip';
import { runOnNode } from '@/agents/run-on-node';
import { createSshPool, type TSshPool } from '@/agents/ssh-pool';
import { ipAddrHolds } from '@/lib/collector/node-memory';
import { parseCollectOutput } from '@/lib/collector/observation';
import { parseIpAddr } from '@/lib/parsers/ip-addr';
import { parseKeepalivedLog } from '@/lib/parsers/keepalived-log';
import { startFleet, type TFleet } from './simulator';

const keyDir = mkdtempSync(path.join(tmpdir(), 'tandem-fleet-test-'));
let fleet: TFleet;
let pool: TSshPool;
let targets: TNodeTarget[];
const pinned = new Map<string, string>();

beforeAll(async () => {
  // A port of its own, so a bench's fleet on the same addresses does not collide.
  fleet = await startFleet({ nodes: 2, workers: 1, base: '127.1.0.0', port: 30_000 + Math.floor(Math.random() * 10_000), keyDir });
  const [pair] = fleet.pairs;
  if (!pair) throw new Error('no pair');
  targets = pair.nodes.map((n) => ({ id: n.name, cluster: pair.cluster, name: n.name, host: n.host, ssh: { port: fleet.port, user: 'root', privateKey: fleet.clientPrivateKey, passphrase: null, pinnedFingerprint: '' }, mysql: { port: 3306, user: 'tandem', password: 'unused' } }));
  pool = createSshPool({ onPinned: async (t, f) => void pinned.set(t.name, f) });
});

afterAll(async () => {
  pool?.disposeAll();
  await fleet?.stop();
  rmSync(keyDir, { recursive: true, force: true });
});

const poll = async (target: TNodeTarget, cursor = 'none', hints = NO_HINTS) => {
  const raw = await collectNode({ pool, target, cursor, hints });
  return parseCollectOutput(raw.stdout, { ...raw, syntax: hints.syntax });
};

describe('fleet simulator', () => {
  it('answers collectNode as a node of a running pair, and the host key pins as the fleet says', async () => {
    const [n1, n2] = targets;
    const [p1, p2] = fleet.pairs[0]?.nodes ?? [];
    if (!n1 || !n2 || !p1 || !p2) throw new Error('two nodes expected');
    const vip = fleet.pairs[0]?.vip ?? '';
    const first = await poll(n1);
    expect(first.parseErrors).toEqual([]);
    expect(first.hostname).toBe(`${n1.cluster}-n1`);
    expect(ipAddrHolds(first.ipAddr, vip)).toBe(true);
    expect(first.mysql.replication).toMatchObject({ ioRunning: 'Yes', sqlRunning: 'Yes', secondsBehindSource: 0 });
    expect(first.keepalived).toMatchObject({ running: true, confUnchanged: false });
    expect(first.keepalived.conf).not.toBeNull();
    const second = await poll(n2);
    expect(ipAddrHolds(second.ipAddr, vip)).toBe(false);
    expect(second.mysql.variables.read_only).toBe('ON');
    expect(second.mysql.replication?.secondsBehindSource).toBeGreaterThanOrEqual(0);
    expect(pinned.get('node1')).toBe(p1.fingerprint);
    expect(pinned.get('node2')).toBe(p2.fingerprint);
    // Hints make the next poll skip the unchanged config; the cursor returns only new log bytes.
    const later = await poll(n2, second.logCursor, second.hints);
    expect(later.keepalived.confUnchanged).toBe(true);
    expect(later.keepalived.events).toEqual([]);
    expect(later.parseErrors).toEqual([]);
  });

  it('streams a VIP move in the log, and the probe and the next poll show the new holder', async () => {
    const n2 = targets[1];
    if (!n2) throw new Error('node2 expected');
    const vip = fleet.pairs[0]?.vip ?? '';
    const before = await poll(n2);
    const lines: string[] = [];
    let following: string | null = null;
    const stream = startLogStream({ pool, target: n2, onLines: (l, replayed) => lines.push(...l.slice(replayed)), onState: (f) => (following = f) });
    await expect.poll(() => following, { timeout: 3000, interval: 20 }).toBe('/var/log/keepalived.log');
    const move = await fleet.moveVip(0);
    expect(move.holder).toBe('node2');
    await expect.poll(() => lines.join('\n'), { timeout: 3000, interval: 10 }).toContain('Entering MASTER STATE');
    stream.stop();
    expect(parseKeepalivedLog(lines.join('\n')).events).toContainEqual(expect.objectContaining({ kind: 'state', state: 'MASTER' }));
    expect(ipAddrHolds(parseIpAddr(await probeVip({ pool, target: n2 })), vip)).toBe(true);
    const after = await poll(n2, before.logCursor, before.hints);
    expect(ipAddrHolds(after.ipAddr, vip)).toBe(true);
    expect(after.mysql.variables.read_only).toBe('OFF');
    expect(after.keepalived.events).toContainEqual(expect.objectContaining({ kind: 'state', state: 'MASTER' }));
  });

  it('refuses an action with a non-zero status and stops answering while stalled', async () => {
    const n1 = targets[0];
    if (!n1) throw new Error('node1 expected');
    const r = await runOnNode(pool, n1, 'systemctl stop mariadb', [], { kind: 'action' });
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('simulated node');
    const { totals } = await fleet.stats();
    expect(totals.collect).toBeGreaterThanOrEqual(5);
    await fleet.stall(0);
    // The poll shell is open already: the request goes out and no answer comes.
    await expect(collectNode({ pool, target: n1, cursor: 'none', timeoutMs: 300 })).rejects.toThrow(/timed out after 300 ms/);
    await fleet.resume(0);
  });
});
