import { readFileSync } from 'node:fs';
import { longestOutageOf } from '../lib/actions/drill/longest-outage';
import { labNodes, type TNodeName } from './config';
import { mysqldPid, query } from './mariadb';
import { waitCaughtUp } from './replication';
import { readState } from './state';
import { LabError } from './sys';
import type { TWriteRecord, TWriterHeader } from './writer';

export type TVerifyResult = {
  runId: string;
  writes: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  unacknowledgedPresent: number;
  longestOutageMs: number;
  perNode: { node: TNodeName; rows: number; missingAcknowledged: number; duplicates: number }[];
};

const parseLog = (file: string): { header: TWriterHeader; writes: TWriteRecord[] } => {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const [first, ...rest] = lines.map((l) => JSON.parse(l));
  if (first?.type !== 'run' || typeof first.runId !== 'string') throw new LabError(`${file} is not a labctl writer log`);
  return { header: first, writes: rest };
};

// The longest stretch clients could not write, by the drill report's rule.
export const longestOutage = (writes: TWriteRecord[]): number =>
  longestOutageOf([...writes].sort((a, b) => a.t - b.t || a.seq - b.seq).map((w) => ({ t: w.t, ms: w.ms, ok: w.ack })));

export const verifyWrites = async ({ file }: { file: string }): Promise<TVerifyResult> => {
  const state = readState();
  if (!state) throw new LabError('the lab is not up (labctl up)');
  const { header, writes } = parseLog(file);
  const nodes = labNodes(state.options);
  const down = nodes.filter((n) => mysqldPid(n) === undefined);
  if (down.length > 0) throw new LabError(`mariadbd is not running on ${down.join(', ')}; start it so every node can be checked`);
  await waitCaughtUp(nodes, 60_000);

  const acked = new Set(writes.filter((w) => w.ack).map((w) => w.seq));
  const unacked = new Set(writes.filter((w) => !w.ack).map((w) => w.seq));
  const lost = new Set<number>();
  const duplicated = new Set<number>();
  const presentUnacked = new Set<number>();
  const perNode: TVerifyResult['perNode'] = [];
  for (const node of nodes) {
    const rows = await query<{ seq: number; c: number }[]>(node, 'SELECT seq, COUNT(*) AS c FROM app.writes WHERE run_id = ? GROUP BY seq', [header.runId]);
    const counts = new Map(rows.map((r) => [Number(r.seq), Number(r.c)]));
    let missing = 0;
    let dups = 0;
    for (const seq of acked) if (!counts.has(seq)) (lost.add(seq), missing++);
    for (const [seq, c] of counts) {
      if (c > 1) (duplicated.add(seq), dups++);
      if (unacked.has(seq)) presentUnacked.add(seq);
    }
    perNode.push({ node, rows: rows.reduce((n, r) => n + Number(r.c), 0), missingAcknowledged: missing, duplicates: dups });
  }
  return {
    runId: header.runId,
    writes: writes.length,
    acknowledged: acked.size,
    lost: lost.size,
    duplicated: duplicated.size,
    unacknowledgedPresent: presentUnacked.size,
    longestOutageMs: longestOutage(writes),
    perNode,
  };
};

export const formatVerify = (r: TVerifyResult): string =>
  [
    `run ${r.runId}: ${r.writes} writes, ${r.acknowledged} acknowledged`,
    `lost ${r.lost}, duplicated ${r.duplicated}, unacknowledged-but-present ${r.unacknowledgedPresent}`,
    `longest write outage ${r.longestOutageMs} ms`,
    ...r.perNode.map((n) => `  ${n.node}: ${n.rows} rows, ${n.missingAcknowledged} acknowledged missing, ${n.duplicates} duplicated`),
    r.lost === 0 ? 'OK: every acknowledged write is on every node' : 'FAIL: acknowledged writes are missing',
  ].join('\n');
