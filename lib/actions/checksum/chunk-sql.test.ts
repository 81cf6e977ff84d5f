import { describe, expect, it } from 'vitest';
import { boundaryQuery, chunkQuery, chunkWhere, describeKey, keyLiteral, KeyValueError, quoteIdent, rowExpression, type TColumn, type TTableSpec } from './chunk-sql';
import { sameGtidPosition } from './gtid-position';

const col = (name: string, dataType: string, extra: Partial<TColumn> = {}): TColumn => ({ name, dataType, nullable: false, charset: null, collation: null, ...extra });

describe('the drift check SQL', () => {
  it('uses pt-table-checksum’s row formula: columns joined by #, NULL flags last, timestamps as epoch', () => {
    const cols = [col('id', 'bigint'), col('note', 'varchar', { nullable: true, charset: 'utf8mb4', collation: 'utf8mb4_general_ci' }), col('at', 'timestamp', { nullable: true })];
    expect(rowExpression(cols)).toBe("CRC32(CONCAT_WS('#', `id`, `note`, UNIX_TIMESTAMP(`at`), CONCAT(ISNULL(`note`), ISNULL(`at`))))");
    expect(rowExpression([col('id', 'int')])).toBe("CRC32(CONCAT_WS('#', `id`))");
  });

  it('quotes identifiers so a backtick in a name stays part of the name', () => {
    expect(quoteIdent('we`ird; DROP')).toBe('`we``ird; DROP`');
    const t: TTableSpec = { schema: 'a`b', table: 't', columns: [col('id', 'int')], key: [col('id', 'int')], keyName: 'PRIMARY' };
    expect(chunkQuery(t, { lower: null, upper: null })).toContain('FROM `a``b`.`t` FORCE INDEX (`PRIMARY`) WHERE 1=1');
  });

  it('turns key values into literals that cannot carry SQL', () => {
    expect(keyLiteral(col('id', 'bigint'), '-42')).toBe('-42');
    expect(() => keyLiteral(col('id', 'bigint'), "1 OR 1=1")).toThrow(KeyValueError);
    expect(() => keyLiteral(col('s', 'varchar', { charset: 'utf8mb4', collation: 'utf8mb4_bin' }), "27' OR '1")).toThrow(KeyValueError);
    expect(keyLiteral(col('s', 'varchar', { charset: 'utf8mb4', collation: 'utf8mb4_bin' }), '6162')).toBe("CONVERT(X'6162' USING utf8mb4) COLLATE utf8mb4_bin");
    expect(keyLiteral(col('b', 'varbinary'), 'ff00')).toBe("X'FF00'");
    expect(keyLiteral(col('d', 'datetime'), '323032362D31322D3033')).toBe("CONVERT(X'323032362D31322D3033' USING utf8mb4)");
  });

  it('bounds a chunk: lower exclusive, upper inclusive, composite keys written out', () => {
    const key = [col('a', 'int'), col('b', 'int')];
    expect(chunkWhere(key, { lower: ['1', '2'], upper: ['3', '4'] })).toBe('(`a` > 1 OR (`a` = 1 AND `b` > 2)) AND ((`a` < 3 OR (`a` = 3 AND `b` < 4)) OR (`a` = 3 AND `b` = 4))');
    expect(chunkWhere([col('id', 'int')], { lower: null, upper: ['10'] })).toBe('(`id` < 10 OR (`id` = 10))');
  });

  it('finds the next boundary with the rows-th key after the lower bound', () => {
    const t: TTableSpec = { schema: 's', table: 't', columns: [col('id', 'int'), col('k', 'char', { charset: 'latin1', collation: 'latin1_swedish_ci' })], key: [col('id', 'int'), col('k', 'char', { charset: 'latin1', collation: 'latin1_swedish_ci' })], keyName: 'PRIMARY' };
    expect(boundaryQuery(t, ['5', '41'], 1000)).toBe("SELECT 'next', CAST(`id` AS CHAR), HEX(`k`) FROM `s`.`t` FORCE INDEX (`PRIMARY`) WHERE (`id` > 5 OR (`id` = 5 AND `k` > CONVERT(X'41' USING latin1) COLLATE latin1_swedish_ci)) ORDER BY `id`, `k` LIMIT 1 OFFSET 999");
    expect(describeKey(t.key, ['5', '41'])).toBe('5,A');
  });

  it('compares GTID positions domain by domain', () => {
    expect(sameGtidPosition('0-1-53,1-2-7', '1-2-7,0-1-53')).toBe(true);
    expect(sameGtidPosition('0-1-53', '0-1-54')).toBe(false);
    expect(sameGtidPosition('0-1-53', '0-2-53')).toBe(false);
    expect(sameGtidPosition('', '')).toBe(true);
    expect(sameGtidPosition('garbage', 'garbage')).toBe(false);
  });
});
