// MariaDB GTIDs ("0-1-42": domain-server-sequence) and the question
// gtid-reposition asks: does the source's oldest binary log still start at or
// before where the replica stands, so every event it needs is still there?

export type TGtid = { domain: number; server: number; seq: bigint };

const GTID = /^(\d{1,10})-(\d{1,10})-(\d{1,20})$/;

// A comma-separated list ("0-1-42,1-2-7"; a Gtid_list event prints it in
// brackets). null when the text is not one; '' is the empty list.
export const parseGtidList = (text: string | null): TGtid[] | null => {
  const t = (text ?? '').replace(/\s+/g, '').replace(/^\[(.*)\]$/, '$1');
  if (t === '') return [];
  const out: TGtid[] = [];
  for (const part of t.split(',')) {
    const m = GTID.exec(part);
    if (!m) return null;
    out.push({ domain: Number(m[1]), server: Number(m[2]), seq: BigInt(m[3] ?? '0') });
  }
  return out;
};

export const formatGtid = (g: TGtid): string => `${g.domain}-${g.server}-${g.seq}`;

// The entries of the oldest binlog's Gtid_list (the binlog state before that
// file: the last GTID of every domain and server) that the replica's position
// has not reached: the events up to them were purged. MariaDB's own test
// (sql_repl.cc contains_all_slave_gtid), so the answer is the one the source
// would give on reconnect: within a domain only the server the replica last
// applied from is compared, and a domain the replica has never seen needs
// the domain's first event. In a ring the last GTID before the file may be the
// replica's own (logged back by the source), which a per-domain comparison
// (BINLOG_GTID_POS) would wrongly count as missing.
export const missingFromOldestBinlog = (replicaPos: TGtid[], oldestGtidList: TGtid[]): TGtid[] => {
  const byDomain = new Map(replicaPos.map((g) => [g.domain, g]));
  return oldestGtidList.filter((entry, i) => {
    const have = byDomain.get(entry.domain);
    if (!have) return true;
    if (have.server !== entry.server || have.seq > entry.seq) return false;
    if (have.seq < entry.seq) return true;
    // The replica stands exactly at this GTID: fine only if it is the last one
    // logged in its domain before the file (the list is sorted by domain, the
    // last of each domain being the newest).
    return oldestGtidList[i + 1]?.domain === entry.domain;
  });
};
