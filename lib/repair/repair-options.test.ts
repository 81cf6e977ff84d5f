import { describe, expect, it } from 'vitest';
import { repairOptions, type TOptionFacts } from './repair-options';
import { CAUSE_CODES, type TCauseCode, type TRepairOption, type TRepairStrategy } from './types';

const base: TOptionFacts = { node: 'node2', source: 'node1', sourceProblem: null, holdsVip: false, usesGtid: false };
const of = (code: TCauseCode, facts: Partial<TOptionFacts> = {}) => repairOptions(code, { ...base, ...facts });
const pick = (options: TRepairOption[], strategy: TRepairStrategy) => {
  const o = options.find((x) => x.strategy === strategy);
  if (!o) throw new Error(`no ${strategy} in ${options.map((x) => x.strategy).join(', ')}`);
  return o;
};
const recommended = (options: TRepairOption[]) => options.filter((o) => o.recommended).map((o) => o.strategy);
const strategies = (options: TRepairOption[]) => options.map((o) => o.strategy).sort();

describe('repairOptions', () => {
  it('offers at least one option for every cause, at most one recommended, each explained', () => {
    for (const code of CAUSE_CODES) {
      for (const facts of [{}, { rowsIdentical: true }, { gtidGap: null }, { holdsVip: true, sourceProblem: 'mysqld on node1 does not answer' }]) {
        const options = of(code, facts);
        expect(options.length, code).toBeGreaterThan(0);
        expect(recommended(options).length, code).toBeLessThanOrEqual(1);
        for (const o of options) expect(o.explanation.length, `${code} ${o.strategy}`).toBeGreaterThan(40);
      }
    }
  });

  it('never recommends flush-reposition, and makes it and skip-one wait for an acknowledgement', () => {
    for (const code of CAUSE_CODES) {
      for (const o of of(code, { rowsIdentical: true })) {
        if (o.strategy === 'flush-reposition') expect(o).toMatchObject({ recommended: false, risk: 'data-loss', needsAcknowledgement: true });
        if (o.strategy === 'skip-one') expect(o).toMatchObject({ risk: 'drift', needsAcknowledgement: true });
      }
    }
  });

  it('stopped by hand → restart; the IO thread needs its source, the SQL thread does not', () => {
    expect(recommended(of('stopped-by-hand'))).toEqual(['restart']);
    expect(pick(of('stopped-by-hand', { sourceProblem: 'mysqld on node1 does not answer', ioStopped: false }), 'restart').blockedBy).toEqual([]);
    expect(pick(of('stopped-by-hand', { sourceProblem: 'mysqld on node1 does not answer', ioStopped: true }), 'restart').blockedBy[0]).toMatch(/node1 does not answer/);
  });

  it('2003 → reconnect, blocked while the source is down', () => {
    expect(recommended(of('cannot-connect'))).toEqual(['reconnect']);
    expect(pick(of('cannot-connect'), 'reconnect').blockedBy).toEqual([]);
    expect(pick(of('cannot-connect', { sourceProblem: 'mysqld on node1 does not answer: Can\'t connect' }), 'reconnect').blockedBy).toEqual([expect.stringMatching(/^mysqld on node1 does not answer/)]);
  });

  it('1045 → reconnect, showing the exact GRANT and CHANGE MASTER with no secret in them', () => {
    const [o] = of('access-denied', { replication: { user: 'repl', accounts: ['198.18.0.%'], replicaHost: '198.18.0.12' } });
    expect(o?.strategy).toBe('reconnect');
    expect(o?.explanation).toContain("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'198.18.0.%'");
    expect(o?.explanation).toContain("STOP SLAVE; CHANGE MASTER TO MASTER_USER='repl', MASTER_PASSWORD='<password>'; START SLAVE");
    expect(o?.explanation).toContain('sql_log_bin=0');
    // No account seen on the source: the host the source saw, and a CREATE USER first.
    const none = pick(of('access-denied', { replication: { user: 'repl', accounts: [], replicaHost: '198.18.0.12' } }), 'reconnect').explanation;
    expect(none).toContain("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'198.18.0.12'");
    expect(none).toContain("CREATE USER 'repl'@'198.18.0.12'");
    // A name with a quote stays one literal.
    expect(pick(of('access-denied', { replication: { user: "o'brien", accounts: null, replicaHost: 'h' } }), 'reconnect').explanation).toContain("'o\\'brien'@'h'");
  });

  it('1594 → relay-reset from the last applied position (or by GTID), blocked when the source lost that file', () => {
    const positional = of('relay-log-corrupt', { refetchFrom: { file: 'node1-bin.000002', position: 1234 }, refetchGap: null });
    expect(recommended(positional)).toEqual(['relay-reset']);
    expect(pick(positional, 'relay-reset').explanation).toContain("MASTER_LOG_FILE='node1-bin.000002', MASTER_LOG_POS=1234");
    expect(pick(of('relay-log-corrupt', { usesGtid: true }), 'relay-reset').explanation).toContain('STOP SLAVE; RESET SLAVE; START SLAVE');
    expect(pick(of('relay-log-corrupt', { refetchGap: 'node1 no longer has node1-bin.000002' }), 'relay-reset').blockedBy).toEqual(['node1 no longer has node1-bin.000002']);
  });

  it('binlog purged → reseed recommended, flush-reposition explained as data loss; gtid-reposition only when the source still has the events', () => {
    const gap = 'node1\'s oldest binary log starts after node2\'s position';
    const purged = of('binlog-purged', { gtidGap: gap });
    expect(recommended(purged)).toEqual(['reseed']);
    expect(pick(purged, 'gtid-reposition').blockedBy).toEqual([gap]);
    expect(pick(purged, 'flush-reposition').explanation).toMatch(/skipped for good/);
    expect(recommended(of('binlog-purged', { gtidGap: null }))).toEqual(['gtid-reposition']);
    expect(recommended(of('binlog-purged'))).toEqual(['reseed']);
    expect(recommended(of('gtid-purged'))).toEqual(['reseed']);
    expect(strategies(of('gtid-diverged'))).toEqual(['reseed']);
  });

  it('1062/1032 → skip-one recommended only when the rows on both nodes are identical, else reseed', () => {
    for (const code of ['duplicate-key', 'row-not-found'] as const) {
      expect(recommended(of(code, { rowsIdentical: true }))).toEqual(['skip-one']);
      expect(recommended(of(code, { rowsIdentical: false }))).toEqual(['reseed']);
      expect(recommended(of(code, { rowsIdentical: null }))).toEqual(['reseed']);
      expect(pick(of(code, { rowsIdentical: false }), 'skip-one').explanation).toMatch(/differs/);
    }
  });

  it('1146 → reseed, never skip', () => {
    expect(strategies(of('table-missing'))).toEqual(['reseed']);
  });

  it('blocks a reseed on the VIP holder (switch over first) and when the source cannot be reached', () => {
    const o = pick(of('binlog-purged', { holdsVip: true, sourceProblem: 'Tandem cannot reach node1 over SSH: timeout' }), 'reseed');
    expect(o.recommended).toBe(true);
    expect(o.blockedBy).toEqual([expect.stringMatching(/node2 holds the VIP: switch over to node1 first/), expect.stringMatching(/cannot reach node1 over SSH.*the copy comes from node1/)]);
  });

  it('blocks a reseed of a writable node (read_only first), but says VIP first on the holder', () => {
    expect(pick(of('table-missing', { writable: true }), 'reseed').blockedBy).toEqual([expect.stringMatching(/^node2 is writable \(read_only=OFF\): SET GLOBAL read_only=ON/)]);
    expect(pick(of('table-missing', { writable: true, holdsVip: true }), 'reseed').blockedBy).toEqual([expect.stringMatching(/^node2 holds the VIP/)]);
  });

  it('binlog not open → reseed after enabling log-bin, blocked while it is off', () => {
    expect(pick(of('binlog-not-open', { sourceBinlogOff: true }), 'reseed').blockedBy).toEqual(['binary logging is off on node1']);
  });
});
