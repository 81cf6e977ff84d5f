import { describe, expect, it } from 'vitest';
import { formatGtid, missingFromOldestBinlog, parseGtidList } from './gtid-position';

const list = (text: string) => {
  const l = parseGtidList(text);
  if (!l) throw new Error(`not a GTID list: ${text}`);
  return l;
};
const missing = (replica: string, oldest: string) => missingFromOldestBinlog(list(replica), list(oldest)).map(formatGtid);

describe('GTID positions', () => {
  it('parses positions and Gtid_list events as printed, and refuses anything else', () => {
    expect(list('0-1-42,1-2-7').map(formatGtid)).toEqual(['0-1-42', '1-2-7']);
    expect(list('[0-1-3, 0-2-5]').map(formatGtid)).toEqual(['0-1-3', '0-2-5']);
    expect(list('')).toEqual([]);
    expect(list('0-1-18446744073709551615')[0]?.seq).toBe(18446744073709551615n);
    for (const bad of ['0-1', 'a-b-c', '0-1-2; DROP TABLE x', '0-1-2,,0-1-3']) expect(parseGtidList(bad)).toBeNull();
  });

  it('finds events the source purged before the replica got them (per server, as MariaDB does)', () => {
    // break-binlog on the lab: node2 applied node1's 0-1-12; node1's oldest binlog left starts after
    // 0-1-14 (SHOW BINLOG EVENTS' Gtid_list, the ring's 0-2-6 in it too).
    expect(missing('0-1-12', '[0-2-6,0-1-14]')).toEqual(['0-1-14']);
    // At or past the start of the oldest file: nothing missing.
    expect(missing('0-1-25', '[0-1-20]')).toEqual([]);
    // Exactly the last GTID of the domain before the file: the file has what follows.
    expect(missing('0-1-20', '[0-1-20]')).toEqual([]);
    // …but not when a newer GTID of the domain (another server) came later.
    expect(missing('0-1-20', '[0-1-20,0-2-21]')).toEqual(['0-1-20']);
    // In a ring the last GTID before the file may be the replica's own: not missing.
    expect(missing('0-1-40', '[0-2-48]')).toEqual([]);
    // A domain the replica has never seen needs the domain's first event.
    expect(missing('0-1-40', '[0-1-30,1-5-2]')).toEqual(['1-5-2']);
    // The source's first binlog ever: nothing was purged.
    expect(missing('0-1-40', '')).toEqual([]);
  });
});
