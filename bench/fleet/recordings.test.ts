import { describe, expect, it } from 'vitest';
import { parseCollectOutput } from '../../lib/collector/observation';
import { compileTemplate, recordings, renderTemplate, type TTemplate } from './recordings';

const slots = (t: TTemplate) => t.flatMap((p) => (typeof p === 'string' ? [] : [p.slot]));

// The simulator's nodes are only as alive as the values it fills in: a
// recording whose moving fields were not found would replay the lab's
// positions and peer forever, and the fleet would look frozen.
describe('fleet recordings as templates', () => {
  it('finds the moving fields in batch rows (header, then tab-separated values) and fills them in', () => {
    const t = compileTemplate(['@@tandem:master-status', '', 'File\tPosition\tBinlog_Do_DB\tBinlog_Ignore_DB', 'node1-bin.000001\t1820\t\t', '@@tandem:heartbeat'].join('\n'));
    expect(slots(t)).toEqual(['File', 'Position']);
    expect(renderTemplate(t, { File: 'x-bin.000007', Position: 4242 })).toBe(['@@tandem:master-status', '', 'File\tPosition\tBinlog_Do_DB\tBinlog_Ignore_DB', 'x-bin.000007\t4242\t\t', '@@tandem:heartbeat'].join('\n'));
  });

  it('still finds them in vertical rows', () => {
    const t = compileTemplate('*************************** 1. row ***************************\n            File: node1-bin.000001\n        Position: 1820\n    Binlog_Do_DB: ');
    expect(slots(t)).toEqual(['File', 'Position']);
    expect(renderTemplate(t, { File: 'f', Position: 7 })).toContain('        Position: 7\n    Binlog_Do_DB: ');
  });

  it('makes every moving field of the recorded polls a slot, and a rendered poll reads back with the values given', () => {
    const rec = recordings().a;
    for (const t of [rec.mysqlLegacy, rec.mysqlProbe]) {
      expect(slots(t)).toEqual(expect.arrayContaining(['clock_ms', 'Master_Host', 'Read_Master_Log_Pos', 'Exec_Master_Log_Pos', 'Seconds_Behind_Master', 'File', 'Position']));
    }
    const values = { clock_ms: 1_700_000_000_000, server_id: 1, read_only: 'ON', Master_Host: '10.9.8.7', Master_Log_File: 'p-bin.000001', Read_Master_Log_Pos: 98765, Relay_Log_File: 'r.000002', Relay_Log_Pos: 555, Relay_Master_Log_File: 'p-bin.000001', Exec_Master_Log_Pos: 98000, Seconds_Behind_Master: 3, Master_Server_Id: 2, File: 'n-bin.000001', Position: 12345 };
    const mysql = renderTemplate(rec.mysqlLegacy, values);
    const poll = parseCollectOutput(`@@tandem:mysql\n${mysql}\n@@tandem:mysql-exit\n0\n@@tandem:end\n`, { startedAt: 0, finishedAt: 1, syntax: 'legacy' });
    expect(poll.parseErrors).toEqual([]);
    expect(poll.mysql.replication).toMatchObject({ sourceHost: '10.9.8.7', readSourceLogPos: 98765, execSourceLogPos: 98000, secondsBehindSource: 3, sourceServerId: 2 });
    expect(poll.mysql.master).toMatchObject({ file: 'n-bin.000001', position: 12345 });
  });
});
