import { describe, expect, it } from 'vitest';
import type { TChecksumReport } from '@/lib/actions/checksum/result-schema';
import { runFixture } from '@/test/support/run-fixture';
import { checksumReportOf, chunkRanges, differingFirst, driftHeadline, driftProgress, driftVerdictKey, parseDriftReport, parseSchemaList, tableState, type TDriftTable } from './drift-format';
import { runSubject } from './run-format';

const table = (over: Partial<TDriftTable>): TDriftTable => ({ schema: 'app', table: 't', rows: [10, 10], equal: true, differingChunks: [], unsettledChunks: [], problem: null, chunks: 1, ...over });

const report = (tables: TDriftTable[]): TChecksumReport => ({
  equal: tables.every((t) => t.equal),
  atGtid: '0-1-42',
  nodes: ['node1', 'node2'],
  writer: 'node1',
  schemas: null,
  tables,
  chunks: tables.reduce((s, t) => s + t.chunks, 0),
  pinnedChunks: 0,
  durationMs: 1234,
});

describe('drift report', () => {
  it('reads a stored result, and nothing from an empty or foreign one', () => {
    const r = report([table({})]);
    expect(checksumReportOf(runFixture({ kind: 'checksum', status: 'succeeded', result: r }))).toEqual(r);
    expect(checksumReportOf(runFixture({ kind: 'checksum', status: 'failed', result: {} }))).toBeNull();
    expect(checksumReportOf(runFixture({ kind: 'drill', result: r }))).toBeNull();
    expect(parseDriftReport(null)).toBeNull();
    expect(driftVerdictKey(null)).toBe('none');
    expect(driftVerdictKey(r)).toBe('equal');
  });

  it('puts differing tables first, keeping the order within each group', () => {
    const tables = [table({ table: 'a' }), table({ table: 'b', equal: false, differingChunks: [{ lower: '1', upper: '9' }] }), table({ table: 'c' }), table({ table: 'd', equal: false, problem: 'missing on node2' })];
    expect(differingFirst(tables).map((t) => t.table)).toEqual(['b', 'd', 'a', 'c']);
    expect(tables.map((t) => t.table)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('says why a table is not equal, a problem before its chunks', () => {
    expect(tableState(table({}))).toBe('equal');
    expect(tableState(table({ equal: false, differingChunks: [{ lower: null, upper: '5' }], unsettledChunks: [{ lower: '5', upper: null }] }))).toBe('differs');
    expect(tableState(table({ equal: false, unsettledChunks: [{ lower: '5', upper: null }] }))).toBe('unsettled');
    expect(tableState(table({ equal: false, problem: 'not checked: timeout' }))).toBe('problem');
    expect(tableState(table({ equal: false }))).toBe('differs');
  });

  it('words chunk ranges, open at either end, and the headline', () => {
    expect(chunkRanges([{ lower: null, upper: '100' }, { lower: '100', upper: null }, { lower: '7', upper: '9' }])).toEqual(['(start … 100]', '(100 … end)', '(7 … 9]']);
    expect(driftHeadline(report([table({}), table({})]))).toBe('2 tables equal');
    expect(driftHeadline(report([table({}), table({ equal: false })]))).toBe('1 of 2 tables differs');
    expect(driftHeadline(report([table({ equal: false }), table({ equal: false })]))).toBe('2 of 2 tables differ');
  });

  it('names the run by its verdict in the run lists', () => {
    expect(runSubject(runFixture({ kind: 'checksum', params: {}, result: null }))).toBe('drift check');
    expect(runSubject(runFixture({ kind: 'checksum', status: 'succeeded', result: report([table({}), table({ equal: false })]) }))).toBe('drift check: 1 of 2 tables differs');
  });
});

describe('driftProgress', () => {
  it('follows the compare step: the table being read, those finished, those that differ', () => {
    const output = [
      'app.a (1/4, ~100 rows)…',
      'app.a: 1 chunk(s), 100/100 rows, equal',
      'app.b (2/4, ~5000 rows)…',
      'app.b: a chunk took over 1 s; cut to 250 rows',
      'app.b: 9 chunk(s), 5000/4999 rows, 1 differing, 0 unsettled (1 read with the replica held)',
      'app.c: missing on node2',
      'app.d (4/4, ~10 rows)…',
    ].join('\n');
    expect(driftProgress(output)).toEqual({ index: 4, total: 4, current: 'app.d', done: 2, flagged: ['app.b'], last: 'app.d (4/4, ~10 rows)…' });
  });

  it('survives a tail cut mid-line and lines it does not know', () => {
    const output = 'rows, equal\napp.x (7/9, ~1 rows)…\napp.x: not checked: Lost connection\nsomething new';
    expect(driftProgress(output)).toEqual({ index: 7, total: 9, current: null, done: 1, flagged: ['app.x'], last: 'something new' });
    expect(driftProgress('')).toEqual({ index: null, total: null, current: null, done: 0, flagged: [], last: null });
  });
});

describe('parseSchemaList', () => {
  it('reads names separated by commas, spaces or lines; nothing means every schema', () => {
    expect(parseSchemaList('')).toEqual({ ok: true, schemas: undefined });
    expect(parseSchemaList('  ,\n')).toEqual({ ok: true, schemas: undefined });
    expect(parseSchemaList('app, shop\napp')).toEqual({ ok: true, schemas: ['app', 'shop'] });
  });

  it('refuses what the engine would refuse, saying which', () => {
    expect(parseSchemaList('app, app.filler')).toEqual({ ok: false, message: '"app.filler": a schema name has 1–64 characters, without "/", "\\" or "."' });
    expect(parseSchemaList('x'.repeat(65)).ok).toBe(false);
  });
});
