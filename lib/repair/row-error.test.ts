import { describe, expect, it } from 'vitest';
import { parseSlaveStatus } from '@/lib/parsers/slave-status';
import { fixture } from '@/test/support/fixture-files';
import { parseRowError } from './row-error';

describe('parseRowError', () => {
  it('reads table, key, duplicate value and source position from a MariaDB row event error', () => {
    expect(parseRowError("Could not execute Write_rows_v1 event on table app.filler; Duplicate entry '2034' for key 'PRIMARY', Error_code: 1062; handler error HA_ERR_FOUND_DUPP_KEY; the event's master log node1-bin.000001, end_log_pos 4096")).toEqual({
      eventType: 'Write_rows_v1',
      schema: 'app',
      table: 'filler',
      keyName: 'PRIMARY',
      entry: '2034',
      sourceLog: 'node1-bin.000001',
      endLogPos: 4096,
      query: null,
    });
  });

  it('reads a 1032 (no key in the message) and MySQL 8 wording', () => {
    expect(parseRowError("Could not execute Update_rows_v1 event on table app.filler; Can't find record in 'filler', Error_code: 1032; handler error HA_ERR_KEY_NOT_FOUND; the event's master log node1-bin.000002, end_log_pos 2345")).toMatchObject({ eventType: 'Update_rows_v1', schema: 'app', table: 'filler', keyName: null, entry: null, endLogPos: 2345 });
    expect(parseRowError("Could not execute Write_rows event on table shop.orders; Duplicate entry '7-x' for key 'orders.uk_a_b', Error_code: 1062; handler error HA_ERR_FOUND_DUPP_KEY; the event's source log binlog.000009, end_log_pos 77")).toMatchObject({ schema: 'shop', table: 'orders', keyName: 'uk_a_b', entry: '7-x', sourceLog: 'binlog.000009', endLogPos: 77 });
  });

  it('keeps a duplicate value with quotes in it whole', () => {
    expect(parseRowError("Could not execute Write_rows_v1 event on table app.t; Duplicate entry 'it's' for key 'name', Error_code: 1062; handler error HA_ERR_FOUND_DUPP_KEY; the event's master log b.000001, end_log_pos 9")).toMatchObject({ entry: "it's", keyName: 'name' });
  });

  it('says a statement event names no table (the recorded MySQL 5.6 sample)', () => {
    const s = parseSlaveStatus(fixture('real-world/slave-status__vishalsinha21-mysql56-dup1062.txt'));
    expect(parseRowError(s?.lastSqlError ?? null)).toMatchObject({ eventType: null, schema: 'testdb', table: null, entry: '6213', keyName: 'PRIMARY', query: expect.stringMatching(/^insert into orders/) });
  });

  it('finds nothing in text that is not such an error', () => {
    expect(parseRowError(null)).toMatchObject({ schema: null, table: null, entry: null });
    expect(parseRowError('; DROP TABLE x; --')).toMatchObject({ schema: null, table: null });
  });
});
