// Re-records what the simulator replays (root; the shared lab): brings the
// default lab up, runs Tandem's own collectNode and probeVip against both
// nodes, moves the VIP once (the holder's track file, as a switchover does) and keeps
// the keepalived log lines of that transition, then takes the lab down.
//   flock /work/lab.lock node --import tsx bench/fleet/record.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectNode, NO_HINTS } from '../../agents/collect';
import type { TNodeTarget } from '../../agents/node-target';
import { probeVip } from '../../agents/probe-vip';
import { createSshPool } from '../../agents/ssh-pool';
import { parseCollectOutput } from '../../lib/collector/observation';
import { ZClusterDocumentSchema } from '../../lib/clusters/schema';
import { DEFAULT_OPTIONS, LAB_DIR, nodePaths, type TNodeName } from '../../lab/config';
import { labDown } from '../../lab/down';
import { holdsVip } from '../../lab/network';
import { run, sleep, waitFor } from '../../lab/sys';
import { labUp } from '../../lab/up';

const OUT = path.join(path.dirname(new URL(import.meta.url).pathname), 'recordings');
const write = (name: string, text: string) => writeFileSync(path.join(OUT, name), text);

const main = async () => {
  await labDown({ quiet: true });
  const doc = ZClusterDocumentSchema.parse(JSON.parse(await labUp(DEFAULT_OPTIONS)));
  const targets: TNodeTarget[] = doc.nodes.map((n) => ({
    id: n.name,
    cluster: doc.name,
    name: n.name,
    host: n.host,
    ssh: { port: n.ssh.port, user: n.ssh.user, privateKey: n.ssh.privateKey, passphrase: null, pinnedFingerprint: n.ssh.hostKeyFingerprint ?? '' },
    mysql: { port: n.mysql.port, user: n.mysql.user, password: n.mysql.password },
  }));
  const pool = createSshPool({ onPinned: async () => undefined });
  await sleep(3000);
  const cursors = new Map<string, { cursor: string; hints: ReturnType<typeof parseCollectOutput>['hints'] }>();
  for (const target of targets) {
    const first = await collectNode({ pool, target, cursor: 'none', hints: NO_HINTS });
    write(`${target.name}.collect-first.txt`, first.stdout);
    const parsed = parseCollectOutput(first.stdout, { ...first, syntax: 'probe' });
    const later = await collectNode({ pool, target, cursor: parsed.logCursor, hints: parsed.hints });
    write(`${target.name}.collect-later.txt`, later.stdout);
    const p2 = parseCollectOutput(later.stdout, { ...later, syntax: parsed.hints.syntax });
    cursors.set(target.name, { cursor: p2.logCursor, hints: p2.hints });
    write(`${target.name}.ip-addr.txt`, await probeVip({ pool, target }));
  }
  // One real transition: the holder's mysqld stops, its check fails, the peer takes the VIP.
  const holder: TNodeName = holdsVip('node1') ? 'node1' : 'node2';
  const peer: TNodeName = holder === 'node1' ? 'node2' : 'node1';
  const sizes = new Map(targets.map((t) => [t.name, readFileSync(nodePaths(t.name as TNodeName).keepalivedLog).length]));
  // Tandem's own way to move the VIP on purpose: the holder's track file
  // at -254 sends it to FAULT and the peer takes over (what a switchover does).
  writeFileSync(nodePaths(holder).maintFile, '-254\n');
  await waitFor(`VIP on ${peer}`, () => holdsVip(peer) && !holdsVip(holder), 30_000, 50).catch((e: unknown) => {
    console.error(run(path.join(LAB_DIR, 'labctl'), ['status'], { allowFail: true }).stdout);
    throw e;
  });
  await sleep(2000);
  for (const target of targets) {
    const c = cursors.get(target.name);
    const after = await collectNode({ pool, target, cursor: c?.cursor ?? 'none', hints: c?.hints ?? NO_HINTS });
    write(`${target.name}.collect-after-move.txt`, after.stdout);
    write(`${target.name}.ip-addr-after-move.txt`, await probeVip({ pool, target }));
    const log = readFileSync(nodePaths(target.name as TNodeName).keepalivedLog);
    write(`${target.name}.keepalived-transition.log`, log.subarray(sizes.get(target.name) ?? 0).toString('utf8'));
    write(`${target.name}.keepalived-full.log`, log.toString('utf8'));
  }
  write('transition.json', `${JSON.stringify({ from: holder, to: peer, recordedAt: new Date().toISOString() }, null, 2)}\n`);
  writeFileSync(nodePaths(holder).maintFile, '0\n');
  pool.disposeAll();
};

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack ?? e.message : String(e));
    process.exitCode = 1;
  })
  .finally(() => labDown({ quiet: true }));
