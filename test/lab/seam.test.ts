import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSql } from '@/agents/action-sql';
import { startSampler, type TNodeSample } from '@/agents/drill-sampler';
import { isExecError } from '@/agents/exec-error';
import { loadTargets, readPinnedHostKey } from '@/agents/load-targets';
import type { TNodeTarget } from '@/agents/node-target';
import { runOnNode } from '@/agents/run-on-node';
import { createSshPool, type TSshPool } from '@/agents/ssh-pool';
import { nodePaths, VIP } from '@/lab/config';
import { approveHostKey } from '@/lib/clusters/approve-host-key';
import { pollNode } from '@/lib/collector/poll-node';
import { importCluster } from '@/lib/clusters/import-cluster';
import { offeredHostKeyIn } from '@/lib/health/host-key';
import { HOST_KEY_FINGERPRINT_RE, parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { getDb } from '@/lib/db/client';
import { hostileArguments } from '../support/hostile-arguments';
import { labctl, labctlOk } from '../support/labctl';

// The seam every action will write through, over real SSH to a lab node:
// arguments stay data, stderr is the real stderr, kinds do not wait for each other.
let pool: TSshPool;
let target: TNodeTarget;
// The lab's namespaces share this machine's filesystem, so a file the node
// would create is visible here.
const dir = mkdtempSync(path.join(tmpdir(), 'tandem-seam-'));
const canary = path.join(dir, 'canary');

describe.sequential('runOnNode over real SSH', () => {
  beforeAll(async () => {
    labctlOk(['down']);
    labctlOk(['up']);
    await importCluster({ db: await getDb(), doc: parseWith(ZClusterDocumentSchema, JSON.parse(readFileSync('lab/.state/inventory.json', 'utf8'))) });
    const [t] = await loadTargets({ db: await getDb(), cluster: 'lab' });
    if (!t) throw new Error('no lab target');
    target = t;
    pool = createSshPool({ onPinned: async () => undefined });
  }, 180_000);

  afterAll(() => {
    pool?.disposeAll();
    labctl(['down']);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('delivers hostile arguments as exactly the same strings and never runs the planted command', async () => {
    const args = hostileArguments(canary);
    for (const kind of ['poll', 'action'] as const) {
      const r = await runOnNode(pool, target, `for a in "$@"; do printf '%s\\0' "$a"; done`, args, { kind });
      expect(r.code).toBe(0);
      expect(r.stdout.split('\0').slice(0, -1)).toEqual(args);
    }
    // Each argument alone, as the first one too (a leading dash is data, not an option).
    for (const a of args) expect((await runOnNode(pool, target, 'printf %s "$1"', [a])).stdout).toBe(a);
    expect(existsSync(canary)).toBe(false);
    // The canary path itself is writable from the node: the check above can fail.
    await runOnNode(pool, target, 'touch "$1"', [canary]);
    expect(existsSync(canary)).toBe(true);
  });

  it('refuses a host key other than the pinned one, names the offered key, and connects once an admin approves it', async () => {
    const db = await getDb();
    await db.node.update({ where: { id: target.id }, data: { sshHostKeyFingerprint: `SHA256:${'A'.repeat(43)}` } });
    const t = (await loadTargets({ db, cluster: 'lab' })).find((x) => x.id === target.id);
    if (!t) throw new Error('no lab target');
    const guarded = createSshPool({ onPinned: async () => undefined, currentPin: (x) => readPinnedHostKey({ db, nodeId: x.id }) });
    try {
      const refused: unknown = await runOnNode(guarded, t, 'echo reached', []).catch((e: unknown) => e);
      expect(isExecError(refused) && refused.reason).toBe('host-key-mismatch');
      const offered = offeredHostKeyIn(refused instanceof Error ? refused.message : '');
      expect(offered).toMatch(HOST_KEY_FINGERPRINT_RE);
      await approveHostKey({ db, cluster: 'lab', node: t.name, fingerprint: offered ?? '' });
      // Past the failure backoff, the pool re-reads the pin the approval stored.
      await new Promise((r) => setTimeout(r, 700));
      expect((await runOnNode(guarded, t, 'echo reached', [])).stdout.trim()).toBe('reached');
      expect(t.ssh.pinnedFingerprint).toBe(offered);
    } finally {
      guarded.disposeAll();
    }
  });

  it("reads the poll, action SQL and the drill watch right whatever output form the node's option files ask for", async () => {
    // The lab's sshd sets MYSQL_HOME, so every client on node1 reads this file.
    const cnf = nodePaths('node1').myCnf;
    const original = readFileSync(cnf, 'utf8');
    writeFileSync(cnf, `${original}\n[client]\nraw\nvertical\ntable\nskip-column-names\n`);
    const samples: TNodeSample[] = [];
    const sampler = startSampler({ pool, target, vip: VIP, maxSeconds: 30, onSample: (x) => samples.push(x) });
    try {
      // A value with a tab and a newline stays one cell of one row.
      expect(await runSql(pool, target, "SELECT CONCAT('a', CHAR(9), 'b', CHAR(10), 'c') AS v, 2 AS n;", 10_000)).toEqual([['a\\tb\\nc', '2']]);
      const poll = await pollNode({ pool, target, cursor: 'none' });
      if (!poll.reachable) throw new Error(poll.error);
      expect(poll.mysql.error).toBeNull();
      expect(poll.mysql.variables.read_only).toBe('OFF');
      expect(poll.mysql.replication?.ioRunning).toBe('Yes');
      expect(poll.mysql.master?.file).toMatch(/\.\d+$/);
      await expect.poll(() => samples.some((x) => x.fact === 'readOnly' && x.readOnly === false), { timeout: 15_000, interval: 100 }).toBe(true);
    } finally {
      sampler.stop();
      writeFileSync(cnf, original);
    }
  });

  it('refuses a NUL byte before sending anything', async () => {
    await expect(runOnNode(pool, target, 'echo "$1"', ['a\0b'])).rejects.toSatisfy((e) => isExecError(e) && e.reason === 'argument');
  });

  it('returns the real stderr apart from stdout, with the exit status', async () => {
    const r = await runOnNode(pool, target, 'echo out; ls /nonexistent-tandem-path; exit 4', []);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toMatch(/nonexistent-tandem-path/);
    expect(r.code).toBe(4);
  });

  it('an action step does not wait behind a long poll, and a poll does not wait behind a long action', async () => {
    const started = Date.now();
    const poll = runOnNode(pool, target, 'sleep 2; echo poll', [], { kind: 'poll', timeoutMs: 10_000 });
    const action = await runOnNode(pool, target, 'echo action', [], { kind: 'action' });
    const actionMs = Date.now() - started;
    expect(action.stdout).toBe('action\n');
    expect((await poll).stdout).toBe('poll\n');
    expect(actionMs).toBeLessThan(1500);

    const t1 = Date.now();
    const longAction = runOnNode(pool, target, 'sleep 2; echo done', [], { kind: 'action', timeoutMs: 10_000 });
    expect((await runOnNode(pool, target, 'echo poll', [])).stdout).toBe('poll\n');
    expect(Date.now() - t1).toBeLessThan(1500);
    await longAction;
  });

  it('a command that overruns its timeout fails with reason timeout, and the next call works', async () => {
    await expect(runOnNode(pool, target, 'sleep 5', [], { kind: 'action', timeoutMs: 300 })).rejects.toSatisfy((e) => isExecError(e) && e.reason === 'timeout');
    expect((await runOnNode(pool, target, 'hostname', [], { kind: 'action' })).stdout.trim()).toBe('node1');
  });
});
