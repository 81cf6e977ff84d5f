import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importCluster } from '@/lib/clusters/import-cluster';
import { deleteCluster } from '@/lib/clusters/delete-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { collectOnce } from '@/lib/collector/collect-once';
import { liveSnapshot, refreshCollector, startCollector, stopCollector } from '@/lib/collector/collector';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { getDb } from '@/lib/db/client';
import { labctl, labctlOk, labFault } from '../support/labctl';

// Findings that depend on how the pair is set up, each on the lab kind that
// produces it: the recommended setup has none; the seed's setups have theirs.
const importLab = async (inventory: string) => {
  const db = await getDb();
  await deleteCluster({ db, name: 'lab' }).catch(() => undefined);
  await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, JSON.parse(inventory)) });
};
const codes = (s: TClusterSnapshot | undefined) => (s?.findings ?? []).map((f) => `${f.code}@${f.node ?? '*'}`);
const complete = (s: TClusterSnapshot | undefined) => s !== undefined && s.nodes.every((n) => n.reachable && n.replication !== null && n.keepalived.state !== null);

describe.sequential('findings on each lab kind', () => {
  afterAll(async () => {
    await stopCollector();
    labctl(['down']);
  }, 120_000);

  it('the recommended setup (the demo) is healthy: no finding at all, heartbeat lag measured through the probe user', async () => {
    labctlOk(['down']);
    await importLab(labctlOk(['up']));
    startCollector({ db: await getDb(), sinks: { onSnapshot: () => undefined, onEvent: () => undefined } });
    await refreshCollector();
    await expect.poll(() => complete(liveSnapshot('lab')) && liveSnapshot('lab')?.nodes.every((n) => n.heartbeatLagSeconds !== null), { timeout: 30_000 }).toBe(true);
    // Stays that way (a finding raised a few seconds in would show here).
    for (let i = 0; i < 6; i++) {
      expect(codes(liveSnapshot('lab'))).toEqual([]);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  it('a health check that needs a writable server puts the read-only passive node in FAULT, and says so', async () => {
    const check = 'lab/.state/node2/chk_mysql.sh';
    const original = readFileSync(check, 'utf8');
    const { app } = JSON.parse(readFileSync('lab/.state/lab.json', 'utf8')).secrets as { app: string };
    // What many copies of the seed's check do: write a row as the application.
    writeFileSync(check, `#!/bin/sh\nexec /usr/bin/mariadb -h 127.0.0.1 -u app -p'${app}' --connect-timeout=1 -e "INSERT INTO app.filler (note, at) VALUES ('chk', 0)" >/dev/null 2>&1\n`);
    try {
      await expect.poll(() => codes(liveSnapshot('lab')), { timeout: 20_000 }).toContain('check-fails-on-read-only@node2');
      expect(liveSnapshot('lab')?.nodes[1]?.keepalived.state).toBe('FAULT');
    } finally {
      writeFileSync(check, original);
    }
    await expect.poll(() => liveSnapshot('lab')?.nodes[1]?.keepalived.state, { timeout: 20_000 }).toBe('BACKUP');
    await stopCollector();
  });

  it('the seed\'s setup (preempt): a recovered node would take the VIP back before it caught up; both nodes writable', async () => {
    labctlOk(['down']);
    await importLab(labctlOk(['up', '--seed']));
    const s = await collectOnce({ db: await getDb(), name: 'lab' });
    expect(codes(s)).toEqual(expect.arrayContaining(['preempt-before-catch-up@node1', 'passive-writable@node2']));
    expect(codes(s)).not.toContain('nopreempt-weighted-check@node1');
  });

  it('the seed\'s setup with nopreempt: the weighted check can never move the VIP', async () => {
    labctlOk(['down']);
    await importLab(labctlOk(['up', '--seed', '--nopreempt']));
    const s = await collectOnce({ db: await getDb(), name: 'lab' });
    expect(codes(s).filter((c) => c.startsWith('nopreempt-weighted-check')).length).toBeGreaterThan(0);
    expect(codes(s)).not.toContain('preempt-before-catch-up@node1');
    // What the finding warns of, for real: the holder's mysqld stops and the VIP stays.
    await labFault('stop-mysqld', 'node1');
    try {
      // Well past fall × interval and three advert intervals.
      await new Promise((r) => setTimeout(r, 10_000));
      const after = await collectOnce({ db: await getDb(), name: 'lab' });
      expect(after?.vip.holders).toEqual(['node1']);
      expect(codes(after)).toContain('mysql-unreachable@node1');
    } finally {
      await labFault('start-mysqld', 'node1');
    }
  }, 120_000);
});
