import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/support/fixture-files';
import { decodeGroup, failingEvent, parseBinlogValue } from './binlog-rows';

// Recorded `mariadb-binlog -vv --base64-output=decode-rows` output of MariaDB
// 10.11 (test/fixtures/binlog/README.md).
const fromGroup = () => decodeGroup(fixture('binlog/mariadb-binlog__mariadb1011-vv-rows-from-group.txt'));

describe('decodeGroup', () => {
  it('takes the group from its first event to its COMMIT, readable and without session boilerplate', () => {
    const g = fromGroup();
    expect(g?.text.split('\n')[0]).toBe('# at 377');
    expect(g?.text).toContain('GTID 0-7-4 trans');
    expect(g?.text).toContain("#Q> insert into app.filler (id,note,at) values (1005,'it''s a \\\\x41 \"q\" /* c */', 2)");
    expect(g?.text).toMatch(/COMMIT\/\*!\*\/;$/);
    expect(g?.text).not.toContain('SET @@session');
    expect(g?.text).not.toContain('GTID 0-7-5');
    expect(g?.events).toHaveLength(1);
  });

  it('reads the row images by column position, marking what cannot be read back exactly', () => {
    const [e] = fromGroup()?.events ?? [];
    expect(e).toMatchObject({ kind: 'insert', schema: 'app', table: 'filler', endLogPos: 648 });
    const after = e?.rows[0]?.after;
    expect(after?.get(1)).toEqual({ text: '1005', exact: true });
    // A literal backslash-x in the data prints like an escaped byte: ambiguous.
    expect(after?.get(2)).toEqual({ text: 'it\'s a \\x41 "q" /* c */', exact: false });
    expect(after?.get(3)).toEqual({ text: '2', exact: true });
  });

  it('reads an update started mid-group: before and after images of the failing event', () => {
    const g = decodeGroup(fixture('binlog/mariadb-binlog__mariadb1011-vv-update-mid-group.txt'));
    const e = g && failingEvent(g, { endLogPos: 938, schema: 'app', table: 'filler' });
    expect(e?.kind).toBe('update');
    expect(e?.rows[0]?.before?.get(1)?.text).toBe('1005');
    expect(e?.rows[0]?.after?.get(2)).toEqual({ text: 'upd', exact: true });
    expect(g?.events).toHaveLength(1);
  });

  it('reads the lab\'s failing groups from the relay log: the conflict\'s insert and the missing row\'s update', () => {
    const insert = decodeGroup(fixture('binlog/mariadb-binlog__lab-relay-1062-group.txt'));
    // end_log_pos of the Last_SQL_Error ("the event's master log node1-bin.000001, end_log_pos 2088").
    const e = insert && failingEvent(insert, { endLogPos: 2088, schema: 'app', table: 'filler' });
    expect(e).toMatchObject({ kind: 'insert', endLogPos: 2088 });
    expect(e?.rows[0]?.after?.get(1)).toEqual({ text: '1827', exact: true });
    expect(insert?.text).toContain("#Q> INSERT INTO app.filler (id, note, at) VALUES (1827, 'conflict-node1-8b82a7', 2)");
    const update = decodeGroup(fixture('binlog/mariadb-binlog__lab-relay-1032-group.txt'));
    const u = update && failingEvent(update, { endLogPos: 2698, schema: 'app', table: 'filler' });
    expect(u?.kind).toBe('update');
    expect(u?.rows[0]?.before?.get(1)).toEqual({ text: '1829', exact: true });
    expect(u?.rows[0]?.after?.get(2)).toEqual({ text: 'missing-4458a6-updated', exact: true });
  });

  it('returns nothing for output without events', () => {
    expect(decodeGroup('')).toBeNull();
    expect(decodeGroup('ERROR: Could not open log file')).toBeNull();
  });
});

describe('parseBinlogValue', () => {
  it('reads NULL, unsigned integers and binary bytes honestly', () => {
    expect(parseBinlogValue('NULL', 'BLOB/TEXT', true)).toEqual({ text: null, exact: true });
    expect(parseBinlogValue('-1 (18446744073709551615)', 'LONGINT', false)).toEqual({ text: '-1', exact: true, unsigned: '18446744073709551615' });
    expect(parseBinlogValue("'\\x00\uFFFDA'", 'BLOB/TEXT', false).exact).toBe(false);
    expect(parseBinlogValue('1.5', 'DOUBLE', false).exact).toBe(false);
    expect(parseBinlogValue("'2016-01-12 08:48:09'", 'DATETIME(0)', false)).toEqual({ text: '2016-01-12 08:48:09', exact: true });
  });
});
