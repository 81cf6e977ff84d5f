import { describe, expect, it } from 'vitest';
import { createDumpScanner } from './reseed-stream';

const DUMP = `-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB
-- CHANGE MASTER TO MASTER_USE_GTID=slave_pos;
-- CHANGE MASTER TO MASTER_LOG_FILE='node1-bin.000001', MASTER_LOG_POS=1995680;
--
-- Current Database: \`app\`
--

--
-- Table structure for table \`big\`
--
INSERT INTO \`big\` VALUES (1,'a'),(2,'b');
--
-- Table structure for table \`fill\u00e9r\`
--
INSERT INTO \`filler\` VALUES (1,'x');
-- The deferred gtid setting for slave corresponding to the master-data CHANGE-MASTER follows
-- SET GLOBAL gtid_slave_pos='0-1-2314';
`;

describe('the reseed dump scanner', () => {
  it('counts tables and reads the position, however the stream is cut', () => {
    const bytes = Buffer.from(DUMP, 'utf8');
    for (const size of [1, 3, 7, 64, bytes.length]) {
      const s = createDumpScanner();
      for (let i = 0; i < bytes.length; i += size) s.feed(bytes.subarray(i, i + size));
      expect(s.progress(bytes.length)).toEqual({ bytes: bytes.length, tables: 2, table: 'fillér' });
      expect(s.position()).toEqual({ file: 'node1-bin.000001', pos: 1995680, gtid: '0-1-2314' });
    }
  });

  it('reports no position when the dump never stated one', () => {
    const s = createDumpScanner();
    s.feed(Buffer.from('-- Table structure for table `t`\n'));
    expect(s.position()).toEqual({ file: null, pos: null, gtid: null });
  });
});
