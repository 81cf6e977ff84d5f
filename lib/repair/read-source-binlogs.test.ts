import { describe, expect, it } from 'vitest';
import { parseGtidList } from './gtid-position';
import { gtidGapReason, refetchGapReason } from './read-source-binlogs';

const binlogs = (files: string[], gtidList: string) => ({ files, oldestGtidList: parseGtidList(gtidList) });

describe('what the source still has', () => {
  it('says why gtid-reposition cannot work when the oldest binlog starts past the replica, and nothing when it can', () => {
    expect(gtidGapReason({ node: 'node2', source: 'node1', replicaPos: '0-1-17', binlogs: binlogs(['node1-bin.000004'], '[0-1-20,0-2-12]') })).toBe(
      "node1's oldest binary log (node1-bin.000004) starts after node2's position (node2 is at 0-1-17; node1 has only what follows 0-1-20): the transactions in between were purged",
    );
    expect(gtidGapReason({ node: 'node2', source: 'node1', replicaPos: '0-1-17', binlogs: binlogs(['node1-bin.000001'], '') })).toBeNull();
    // Unknown either side: not checked (undefined), never "fine".
    expect(gtidGapReason({ node: 'node2', source: 'node1', replicaPos: 'garbage', binlogs: binlogs(['a'], '') })).toBeUndefined();
    expect(gtidGapReason({ node: 'node2', source: 'node1', replicaPos: '0-1-17', binlogs: { files: ['a'], oldestGtidList: null } })).toBeUndefined();
  });

  it('says when the file a relay-reset would refetch from is gone', () => {
    expect(refetchGapReason({ source: 'node1', file: 'node1-bin.000002', binlogs: binlogs(['node1-bin.000002', 'node1-bin.000003'], '') })).toBeNull();
    expect(refetchGapReason({ source: 'node1', file: 'node1-bin.000001', binlogs: binlogs(['node1-bin.000002'], '') })).toMatch(/^node1 no longer has node1-bin.000001/);
    expect(refetchGapReason({ source: 'node1', file: null, binlogs: binlogs([], '') })).toBeUndefined();
  });
});
