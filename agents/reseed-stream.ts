import { credentialsHeredoc } from './client-credentials';
import type { TNodeTarget } from './node-target';
import { pipeBetweenNodes, type TPipeResult } from './stream-pipe';
import type { TSshPool } from './ssh-pool';

// A reseed's copy: a consistent dump on the healthy node streamed, through
// Tandem's SSH channels, into the client on the broken node. The scripts
// read the MySQL credentials from stdin up to a delimiter line (so they are
// on no command line and in no file), then run the client on the rest.
const READ_CNF = `delim="$1"; port="$2"; shift 2
cnf=""
while IFS= read -r line; do
  [ "$line" = "$delim" ] && break
  cnf="$cnf$line
"
done`;

const pick = (names: string, what: string) => `bin=""
for c in ${names}; do
  if command -v "$c" >/dev/null 2>&1; then bin="$c"; break; fi
done
if [ -z "$bin" ]; then echo "ERROR: no ${what} on this node" >&2; exit 127; fi`;

// --single-transaction with --master-data: one consistent snapshot and the
// binlog coordinates and GTID of exactly that point (as comments: Tandem
// positions the replica itself, as explicit, verified steps).
export const DUMP_SH = `${READ_CNF}
${pick('mariadb-dump mysqldump', 'mariadb-dump or mysqldump')}
exec "$bin" --defaults-extra-file=/dev/fd/3 --protocol=tcp -h 127.0.0.1 -P "$port" --single-transaction --master-data=2 --gtid --routines --events --triggers --hex-blob --add-drop-database --quick --max-allowed-packet=1G --databases "$@" 3<<TANDEM_EOF
$cnf
TANDEM_EOF`;

// Binary logging off for the whole session: the DROP/CREATE/INSERTs must not
// flow back to the node the dump came from.
export const LOAD_SH = `${READ_CNF}
${pick('mariadb mysql', 'mariadb or mysql client')}
exec "$bin" --defaults-extra-file=/dev/fd/3 --protocol=tcp -h 127.0.0.1 -P "$port" --binary-mode --max-allowed-packet=1G --init-command='SET SESSION sql_log_bin=0' 3<<TANDEM_EOF
$cnf
TANDEM_EOF`;

export const DUMP_COMMAND_SHOWN = 'mariadb-dump --single-transaction --master-data=2 --gtid --routines --events --triggers --hex-blob --add-drop-database --quick --databases <schemas>';
export const LOAD_COMMAND_SHOWN = "mariadb --binary-mode --init-command='SET SESSION sql_log_bin=0' (the dump on stdin)";

export type TDumpPosition = { file: string | null; pos: number | null; gtid: string | null };
export type TReseedProgress = { bytes: number; tables: number; table: string | null };

const TABLE_MARK_BYTES = Buffer.from('\n-- Table structure for table `');
const FILE_MARK = Buffer.from('-- CHANGE MASTER TO MASTER_LOG_FILE=');
const GTID_MARK = Buffer.from('-- SET GLOBAL gtid_slave_pos=');
const FILE_RE = /^-- CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\d+);/;
const GTID_RE = /^-- SET GLOBAL gtid_slave_pos='([0-9,-]*)';/;

// Reads the dump as it passes: tables begun, and the coordinates it states
// (the file and position near the top, the GTID at the very end). Only a
// short tail is kept between chunks, so a marker split across two is found.
export const createDumpScanner = () => {
  // The stream is searched as bytes (no decoding of the rows it carries):
  // the tail of the previous chunk is kept so a marker cut in two is found,
  // and `countedAt` keeps a mark seen again in that tail from counting twice.
  let carry = Buffer.alloc(0);
  let carryAt = 0;
  let countedAt = -1;
  let tables = 0;
  let table: string | null = null;
  const position: TDumpPosition = { file: null, pos: null, gtid: null };
  const lineAt = (buf: Buffer, at: number): string => {
    const end = buf.indexOf(0x0a, at);
    return end < 0 ? '' : buf.toString('utf8', at, end);
  };
  const feed = (chunk: Buffer) => {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    for (let i = buf.indexOf(TABLE_MARK_BYTES); i >= 0; i = buf.indexOf(TABLE_MARK_BYTES, i + 1)) {
      const end = buf.indexOf(0x60, i + TABLE_MARK_BYTES.length);
      if (end < 0) break;
      if (carryAt + i <= countedAt) continue;
      countedAt = carryAt + i;
      tables += 1;
      table = buf.toString('utf8', i + TABLE_MARK_BYTES.length, end);
    }
    const file = buf.indexOf(FILE_MARK);
    if (file >= 0) {
      const m = FILE_RE.exec(lineAt(buf, file));
      if (m) [position.file, position.pos] = [m[1] ?? null, Number(m[2])];
    }
    const gtid = buf.indexOf(GTID_MARK);
    if (gtid >= 0) {
      const m = GTID_RE.exec(lineAt(buf, gtid));
      if (m) position.gtid = m[1] ?? null;
    }
    // Long enough to hold any marker line cut between two chunks.
    const keep = Math.min(buf.length, 1024);
    carryAt += buf.length - keep;
    carry = Buffer.from(buf.subarray(buf.length - keep));
  };
  return { feed, progress: (bytes: number): TReseedProgress => ({ bytes, tables, table }), position: () => ({ ...position }) };
};

export type TStreamDumpResult = TPipeResult & { tables: number; position: TDumpPosition };

export const streamDump = async (options: {
  pool: TSshPool;
  source: TNodeTarget;
  target: TNodeTarget;
  schemas: string[];
  timeoutMs: number;
  onProgress: (p: TReseedProgress) => void;
  shouldStop: () => string | null;
}): Promise<TStreamDumpResult> => {
  const sourceCnf = credentialsHeredoc(options.source, 'mariadb-dump');
  const targetCnf = credentialsHeredoc(options.target, 'mariadb');
  const scanner = createDumpScanner();
  let lastReport = 0;
  const r = await pipeBetweenNodes(
    options.pool,
    { target: options.source, script: DUMP_SH, args: [sourceCnf.delimiter, String(options.source.mysql.port), ...options.schemas], preamble: `${sourceCnf.body}\n` },
    { target: options.target, script: LOAD_SH, args: [targetCnf.delimiter, String(options.target.mysql.port)], preamble: `${targetCnf.body}\nSET SESSION sql_log_bin=0;\n` },
    {
      timeoutMs: options.timeoutMs,
      idleTimeoutMs: 120_000,
      shouldStop: options.shouldStop,
      onChunk: (chunk, total) => {
        scanner.feed(chunk);
        if (Date.now() - lastReport >= 1000) {
          lastReport = Date.now();
          options.onProgress(scanner.progress(total));
        }
      },
    },
  );
  options.onProgress(scanner.progress(r.bytes));
  return { ...r, tables: scanner.progress(r.bytes).tables, position: scanner.position() };
};
