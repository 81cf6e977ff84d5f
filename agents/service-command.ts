import type { TNodeTarget } from './node-target';
import { runOnNode } from './run-on-node';
import type { TSshPool } from './ssh-pool';

// Runs one of a node's service commands (the inventory's, e.g. `systemctl
// stop mariadb`) as a command line on purpose: the operator wrote it for
// this. It travels as a quoted argument and only `sh -c` interprets it.
// Output goes to a file, not a pipe: a start command whose daemon keeps the
// pipe open would otherwise hold the call until its timeout.
const SERVICE_SH = `f=$(mktemp) || { echo "cannot create a temporary file" >&2; exit 125; }
sh -c "$1" </dev/null >"$f" 2>&1
rc=$?
tail -c 2000 "$f"
rm -f "$f"
exit $rc`;

export type TServiceResult = { ok: boolean; code: number | null; output: string; ms: number };

export const runServiceCommand = async (pool: TSshPool, target: TNodeTarget, command: string, timeoutMs: number): Promise<TServiceResult> => {
  const t = Date.now();
  const r = await runOnNode(pool, target, SERVICE_SH, [command], { kind: 'action', timeoutMs });
  return { ok: r.code === 0, code: r.code, output: `${r.stdout}${r.stderr}`.trim(), ms: Date.now() - t };
};
