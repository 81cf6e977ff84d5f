import { runActionScript } from './action-sql';
import { ExecError } from './exec-error';
import type { TNodeTarget } from './node-target';
import type { TSshPool } from './ssh-pool';

// The replica's relay log from one position, decoded by the node's own
// mariadb-binlog (or mysqlbinlog): the event group the SQL thread failed on.
// Read-only; the output is cut at MAX_BYTES (the tool stops on the closed
// pipe), so a big relay log costs no more than that. Needs the SSH user to
// read the datadir, which a non-root user usually cannot: the caller says so.

const RELAY_FILE = /^[A-Za-z0-9._-]{1,255}$/;
const DIRECTORY = /^\/[A-Za-z0-9._/+-]{0,1023}$/;
const MAX_BYTES = 65_536;

// $1 directory, $2 file, $3 start position, $4 byte cap.
const DECODE_SH = `tool=""
for c in mariadb-binlog mysqlbinlog; do
  if command -v "$c" >/dev/null 2>&1; then tool="$c"; break; fi
done
if [ -z "$tool" ]; then echo "no mariadb-binlog or mysqlbinlog on this node" >&2; exit 127; fi
if [ ! -r "$1/$2" ]; then echo "cannot read $1/$2 as $(id -un)" >&2; exit 3; fi
"$tool" -vv --base64-output=decode-rows --start-position="$3" "$1/$2" 2>/dev/null | head -c "$4"
exit 0`;

export const decodeRelayLog = async (pool: TSshPool, target: TNodeTarget, where: { directory: string; file: string; position: number }, timeoutMs = 10_000): Promise<string> => {
  const { directory, file, position } = where;
  const command = `decode ${file}`;
  if (!RELAY_FILE.test(file) || !DIRECTORY.test(directory) || directory.split('/').includes('..') || !Number.isSafeInteger(position) || position < 4) {
    throw new ExecError({ node: target.name, command, reason: 'argument', message: `refusing to read relay log ${JSON.stringify(`${directory}/${file}`.slice(0, 120))} at ${position}` });
  }
  const r = await runActionScript(pool, target, DECODE_SH, [directory, file, String(position), String(MAX_BYTES)], timeoutMs);
  if (r.code !== 0) throw new ExecError({ node: target.name, command, reason: 'exit', exitCode: r.code, message: r.stderr.trim().split('\n').slice(-1)[0] || `exit ${r.code}` });
  return r.stdout;
};
