import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSampler, type TNodeSample } from '@/agents/drill-sampler';
import { loadTargets } from '@/agents/load-targets';
import type { TNodeTarget } from '@/agents/node-target';
import { runOnNode } from '@/agents/run-on-node';
import { createSshPool, type TSshPool } from '@/agents/ssh-pool';
import { VIP } from '@/lab/config';
import { keepalivedState } from '@/lab/keepalived';
import { holdsVip } from '@/lab/network';
import { isMysqlUp, mysqldPid, readOnly } from '@/lab/mariadb';
import { resolveServiceCommands, type TResolvedServiceCommands } from '@/lib/actions/drill/service-commands';
import { importCluster } from '@/lib/clusters/import-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { getDb } from '@/lib/db/client';
import { labctl, labctlOk, labStatus, waitForStatus } from '../support/labctl';
import { startVipWitness } from '../support/vip-witness';

// The lab's service commands as a drill runs them: read from the inventory
// Tandem stored, resolved, and run over Tandem's SSH seam on the node.
let pool: TSshPool;
const targets = new Map<string, TNodeTarget>();
const commands = new Map<string, TResolvedServiceCommands>();

const service = async (node: 'node1' | 'node2', key: keyof TResolvedServiceCommands): Promise<number> => {
  const target = targets.get(node);
  const command = commands.get(node)?.[key];
  if (!target || !command) throw new Error(`no ${key} for ${node}`);
  const started = Date.now();
  const r = await runOnNode(pool, target, command, [], { kind: 'action', timeoutMs: 90_000 });
  expect(r.code, `${node} ${key}: ${r.stderr}`).toBe(0);
  return Date.now() - started;
};

const netnsOf = (pid: number): string => spawnSync('ip', ['netns', 'identify', String(pid)], { encoding: 'utf8' }).stdout.trim();

describe.sequential('the lab inventory\'s service commands over SSH', () => {
  beforeAll(async () => {
    labctlOk(['down']);
    labctlOk(['up']);
    const db = await getDb();
    await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, JSON.parse(readFileSync('lab/.state/inventory.json', 'utf8'))) });
    for (const t of await loadTargets({ db, cluster: 'lab' })) targets.set(t.name, t);
    for (const n of await db.node.findMany({ select: { name: true, serviceCommands: true } })) commands.set(n.name, resolveServiceCommands(n.serviceCommands));
    pool = createSshPool({ onPinned: async () => undefined });
  }, 180_000);

  afterAll(() => {
    pool?.disposeAll();
    labctl(['down']);
  }, 120_000);

  it('stop returns once mariadbd is gone, start once it answers, inside the node where down finds it', async () => {
    expect(commands.get('node2')?.stopMysql).toMatch(/service\.sh' stop-mysql$/);
    await service('node2', 'stopMysql');
    expect(mysqldPid('node2')).toBeUndefined();
    expect(await isMysqlUp('node2')).toBe(false);
    await service('node2', 'stopMysql'); // already down: nothing to do
    await service('node2', 'startMysql');
    expect(await isMysqlUp('node2')).toBe(true);
    const pid = mysqldPid('node2');
    expect(pid).toBeDefined();
    expect(netnsOf(pid ?? 0)).toBe('tandem-node2');
    await service('node2', 'startMysql'); // already up: the same server
    expect(mysqldPid('node2')).toBe(pid);
    await waitForStatus('node2 replicating again, node1 still the holder', (s) => s.vipHolders.join() === 'node1' && s.nodes.every((n) => n.ioRunning === 'Yes' && n.sqlRunning === 'Yes'), 20_000);
  });

  it('isolate on the VIP holder: SSH still works, the holder steps down (read_only ON) and the peer takes over, never two holders for a second; heal restores', async () => {
    // Sampled in this process (labctl status would block it for a second).
    const samples: { t: number; holders: string }[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push({ t: Date.now(), holders: ['node1', 'node2'].filter((n) => holdsVip(n as 'node1' | 'node2')).join() });
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    let isolatedAt = 0;
    try {
      await service('node1', 'isolate');
      isolatedAt = Date.now();
      expect((await runOnNode(pool, targets.get('node1') as TNodeTarget, 'hostname', [], { kind: 'action' })).stdout.trim()).toBe('node1');
      await expect
        .poll(async () => [samples.at(-1)?.holders, keepalivedState('node1'), await readOnly('node1'), await readOnly('node2')], { timeout: 20_000, interval: 100 })
        .toEqual(['node2', 'FAULT', true, false]);
      // Long enough for the peer's adverts to have been dropped a few times.
      await new Promise((r) => setTimeout(r, Math.max(0, isolatedAt + 6000 - Date.now())));
    } finally {
      sampling = false;
      await sampler;
    }
    // The longest run of samples in which both held the VIP.
    let longestOverlapMs = 0;
    let since: number | null = null;
    for (const { t, holders } of samples) {
      since = holders === 'node1,node2' ? (since ?? t) : null;
      if (since !== null) longestOverlapMs = Math.max(longestOverlapMs, t - since);
    }
    const firstNode2 = samples.find((x) => x.holders.includes('node2'))?.t ?? NaN;
    const lastNode1 = samples.findLast((x) => x.holders.includes('node1'))?.t ?? NaN;
    console.log(`isolate: node1 dropped the VIP ${lastNode1 - isolatedAt} ms and node2 took it ${firstNode2 - isolatedAt} ms after the command returned; two holders for ${longestOverlapMs} ms at most (${samples.length} samples)`);
    expect(samples.at(-1)?.holders).toBe('node2');
    expect(longestOverlapMs).toBeLessThan(1000);

    await service('node1', 'isolate'); // twice is harmless
    await service('node1', 'heal');
    await service('node1', 'heal');
    await waitForStatus('node1 back as a read-only BACKUP, node2 still the holder (nopreempt), replication both ways', (s) => s.vipHolders.join() === 'node2' && s.nodes[0]?.keepalivedState === 'BACKUP' && s.nodes[0]?.readOnly === true && s.nodes.every((n) => n.ioRunning === 'Yes' && n.sqlRunning === 'Yes' && !n.isolated), 30_000);
  });

  it("a drill's watch times a VIP move by the nodes, not by when a busy control plane got to their lines", async () => {
    // The independent witness: the namespaces' address events, in a process of its own.
    const witness = startVipWitness();
    const { moves } = witness;
    // The test before left node2 the holder (nopreempt).
    expect((await labStatus()).vipHolders).toEqual(['node2']);
    const samples: TNodeSample[] = [];
    let busyFrom = 0;
    const samplers = ['node1', 'node2'].map((n) => startSampler({ pool, target: targets.get(n) as TNodeTarget, vip: VIP, maxSeconds: 60, onSample: (x) => samples.push(x) }));
    try {
      await expect.poll(() => [moves.length > 0, ...['node1', 'node2'].map((n) => samples.some((x) => x.node === n && x.fact === 'readOnly' && x.readOnly !== null))], { timeout: 20_000, interval: 100 }).toEqual([true, true, true]);
      // A few seconds of quiet readings: the quickest trip from each node.
      await new Promise((r) => setTimeout(r, 2000));
      // Isolated, node2 drops the VIP ≈ 2 s later and node1 takes it ≈ 1 s
      // after that, while the control plane is busy for 5 s: every line the
      // nodes send meanwhile waits in the socket until it ends.
      await service('node2', 'isolate');
      busyFrom = Date.now();
      const busyUntil = busyFrom + 5000;
      while (Date.now() < busyUntil) {
        /* busy */
      }
      await expect.poll(() => samples.some((x) => x.node === 'node1' && x.fact === 'vip' && x.vip), { timeout: 10_000, interval: 100 }).toBe(true);
    } finally {
      samplers.forEach((x) => x.stop());
      witness.stop();
      await service('node2', 'heal');
    }
    const seen = moves.find((m) => m.holders.split(',').includes('node1'))?.t;
    const gone = moves.find((m) => !m.holders.split(',').includes('node2'))?.t;
    const took = samples.find((x) => x.node === 'node1' && x.fact === 'vip' && x.vip)?.t;
    const left = samples.find((x) => x.node === 'node2' && x.fact === 'vip' && !x.vip)?.t;
    console.log(`drill watch, ms after the busy stretch began: node2 dropped the VIP at ${(left ?? 0) - busyFrom} (witness ${(gone ?? 0) - busyFrom}), node1 took it at ${(took ?? 0) - busyFrom} (witness ${(seen ?? 0) - busyFrom})`);
    // The move happened while this process was busy, or the test proves nothing.
    expect(gone).toBeGreaterThan(busyFrom);
    expect(seen).toBeLessThan(busyFrom + 5000);
    expect(Math.abs((took ?? 0) - (seen ?? 0)), JSON.stringify({ moves, samples: samples.filter((x) => x.fact === 'vip') })).toBeLessThanOrEqual(150);
    expect(Math.abs((left ?? 0) - (gone ?? 0)), JSON.stringify({ moves, samples: samples.filter((x) => x.fact === 'vip') })).toBeLessThanOrEqual(150);
    await waitForStatus('node2 back as a read-only BACKUP, node1 the holder, replication both ways', (s) => s.vipHolders.join() === 'node1' && s.nodes[1]?.keepalivedState === 'BACKUP' && s.nodes[1]?.readOnly === true && s.nodes.every((n) => n.ioRunning === 'Yes' && n.sqlRunning === 'Yes' && !n.isolated), 30_000);
  });
});
