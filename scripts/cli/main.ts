import type { TCommandContext } from './commands';
import { formatError } from './output';

const HELP = `tandem – manage Tandem's cluster inventory (the same database as the server)

Usage:
  tandem clusters list [--json]   list clusters
  tandem import FILE [--json]     create or replace a cluster from an inventory document (- reads stdin)
  tandem export NAME              print a cluster's inventory document, without secrets
  tandem remove NAME [--json]     forget a cluster (the servers are not touched)
  tandem status NAME [--json]     the cluster's state: VIP holders, nodes, findings
  tandem diagnose CLUSTER [--json]
                                  read each node now: why its replication is not running cleanly
                                  (the error, for 1062/1032 the failing event and the row on both
                                  nodes) and the repair options with their risk, the recommended one
                                  and what blocks each. Exit 0 only when replication runs everywhere
  tandem nodes approve-host-key CLUSTER NODE SHA256:…
                                  trust the SSH host key a node now offers (after a reinstall or move)
  tandem nodes accept-writes CLUSTER NODE
                                  after reconciling writes made directly on a passive node, take its
                                  current own-transaction count as its errant-write baseline
  tandem switchover CLUSTER --to NODE [--dry-run] [--yes] [--json] [--force --reason TEXT]
                                  move the VIP and the writes to NODE: prints the preflight and the
                                  plan, asks for the cluster name (--yes skips; needed without a
                                  terminal), runs here and streams each step; Ctrl-C asks the run to
                                  stop at its next safe point. Exit 0 only when it succeeded
                                  (--dry-run: when the preflight allows it)
  tandem drill CLUSTER --failure KIND [--node NODE] [--hold SECONDS] [--dry-run] [--yes] [--json]
                                  failover drill: break NODE (default: the VIP holder) on purpose while
                                  a probe writes and reads through the VIP, hold SECONDS (default 10,
                                  1–600), restore, verify every acknowledged write; prints the preflight
                                  and plan, asks for the cluster name (--yes skips), streams each step
                                  and ends with the report. KIND: stop-mysqld, kill-mysqld,
                                  stop-keepalived, isolate (only where the inventory configures it).
                                  WRITES THROUGH THE VIP STOP. Ctrl-C aborts (the node is restored).
                                  Exit 0 only when the verdict passed
  tandem checksum CLUSTER [--schemas A,B] [--chunk-time MS] [--dry-run] [--json]
                                  drift check: compares every table (default: every schema but
                                  mysql, information_schema, performance_schema, sys, tandem) chunk by chunk on both nodes at
                                  one GTID point; only reads, asks nothing. Exit 0 only when equal
  tandem repair CLUSTER --node NODE [--strategy S] [--acknowledge-risk] [--password-stdin] [--dry-run] [--yes] [--json]
                                  repair NODE's replication (default S: what tandem diagnose
                                  recommends for NODE): S is restart, reconnect, relay-reset,
                                  gtid-reposition, skip-one, reseed or flush-reposition (skip-one and
                                  flush-reposition need --acknowledge-risk); reconnect takes a new
                                  replication password on stdin. Ends with a drift check of what the
                                  strategy could have touched. Exit 0 only when it succeeded clean
  tandem actions list CLUSTER [--limit N] [--json]   a cluster's action runs, newest first
  tandem actions show ID [--json] one run: its steps, output and final state (a drill: its report)
  tandem actions abort ID         ask a running action to stop at its next safe point
  tandem actions restore ID       end a running drill's hold now and restore the node ("Restore now")
  tandem actions ack ID           acknowledge an interrupted or failed run (clears its finding)
  tandem parse KIND < input       parse saved output; KIND: slave-status, master-status,
                                  ip-addr, keepalived-log, keepalived-conf
  tandem users add NAME --role viewer|operator|admin [--password-stdin]
                                  create a user (prompts for the password unless --password-stdin)
  tandem users list [--json]      users with role, disabled state and active sessions
  tandem users disable NAME       refuse sign-in and end the user's sessions
  tandem users enable NAME
  tandem users remove NAME        delete the user (audit rows keep the name)
  tandem users reset-password NAME [--password-stdin]
                                  set a new password; ends the user's sessions
  tandem users end-sessions NAME  sign the user out of every browser
  tandem users role NAME --role viewer|operator|admin
  tandem tokens create --name NAME --role ROLE [--expires-days N]
                                  print a new API token (shown once); N: 1–3650, default never
  tandem tokens list [--json]     tandem tokens revoke NAME
  tandem channels add FILE        add a notification channel (webhook, slack or smtp) from a JSON
                                  document, - for stdin; secrets stay out of the command line
  tandem channels list [--json]   tandem channels remove NAME
  tandem channels test NAME       send a test message now (exit 1 if the receiver refused it)
  tandem channels deliveries NAME [--json]   recent messages, their status and attempts
  tandem rules add FILE           which events of which clusters go to which channels (JSON)
  tandem rules list [--json]      tandem rules remove NAME
  tandem audit [--limit N] [--actor A] [--action X] [--json]   the audit log, newest first
  tandem audit prune [--older-than-days N]   export older audit rows to data/audit-archive/, then
                                  delete them (default: TANDEM_AUDIT_RETENTION_DAYS, 365)
  tandem secrets rotate [--new-key-stdin]   re-encrypt every stored secret under a new key
  tandem db migrate               apply database migrations

Environment: DATABASE_URL (default file:data/tandem.db), TANDEM_DATA_DIR, TANDEM_SECRET_KEY.
The last enabled admin cannot be disabled, removed or demoted.
Exit status: 0 ok, 1 failed, 2 usage error.`;

// A command returns its exit status when "done" is not enough to say it
// (a refused preflight, a failed run); otherwise 0.
type TCommand = (ctx: TCommandContext) => Promise<void | number>;
type TLoader = () => Promise<TCommand>;

const VALUE_OPTIONS = ['--role', '--name', '--limit', '--action', '--actor', '--older-than-days', '--expires-days', '--to', '--reason', '--failure', '--node', '--hold', '--strategy', '--schemas', '--chunk-time'];
const SWITCHES = ['--password-stdin', '--new-key-stdin', '--dry-run', '--yes', '--force', '--acknowledge-risk'];

// Each command's module is loaded only when it runs: loading every command
// (Prisma, ssh2, the action engine…) cost ≈ 1 s per start, for --help too.
const lazy =
  <M>(load: () => Promise<M>, pick: (m: M) => TCommand): TLoader =>
  async () =>
    pick(await load());

const COMMANDS: Record<string, TLoader> = {
  'clusters list': lazy(() => import('./commands'), (m) => m.clustersList),
  'clusters ls': lazy(() => import('./commands'), (m) => m.clustersList),
  import: lazy(() => import('./commands'), (m) => m.importFile),
  export: lazy(() => import('./commands'), (m) => m.exportOne),
  remove: lazy(() => import('./commands'), (m) => m.removeOne),
  'db migrate': lazy(() => import('./commands'), (m) => m.dbMigrate),
  status: lazy(() => import('./commands'), (m) => m.status),
  diagnose: lazy(() => import('./diagnose-command'), (m) => m.diagnose),
  parse: lazy(() => import('./commands'), (m) => m.parseInput),
  'users add': lazy(() => import('./auth-commands'), (m) => m.usersAdd),
  'users list': lazy(() => import('./auth-commands'), (m) => m.usersList),
  'users disable': lazy(() => import('./account-commands'), (m) => m.usersDisable),
  'users enable': lazy(() => import('./account-commands'), (m) => m.usersEnable),
  'users remove': lazy(() => import('./account-commands'), (m) => m.usersRemove),
  'users reset-password': lazy(() => import('./account-commands'), (m) => m.usersResetPassword),
  'users end-sessions': lazy(() => import('./account-commands'), (m) => m.usersEndSessions),
  'users role': lazy(() => import('./account-commands'), (m) => m.usersRole),
  'tokens create': lazy(() => import('./auth-commands'), (m) => m.tokensCreate),
  'tokens list': lazy(() => import('./auth-commands'), (m) => m.tokensList),
  'tokens revoke': lazy(() => import('./auth-commands'), (m) => m.tokensRevoke),
  'channels add': lazy(() => import('./notify-commands'), (m) => m.channelsAdd),
  'channels list': lazy(() => import('./notify-commands'), (m) => m.channelsList),
  'channels ls': lazy(() => import('./notify-commands'), (m) => m.channelsList),
  'channels remove': lazy(() => import('./notify-commands'), (m) => m.channelsRemove),
  'channels test': lazy(() => import('./notify-commands'), (m) => m.channelsTest),
  'channels deliveries': lazy(() => import('./notify-commands'), (m) => m.channelsDeliveries),
  'rules add': lazy(() => import('./notify-commands'), (m) => m.rulesAdd),
  'rules list': lazy(() => import('./notify-commands'), (m) => m.rulesList),
  'rules ls': lazy(() => import('./notify-commands'), (m) => m.rulesList),
  'rules remove': lazy(() => import('./notify-commands'), (m) => m.rulesRemove),
  audit: lazy(() => import('./auth-commands'), (m) => m.auditList),
  'audit prune': lazy(() => import('./audit-commands'), (m) => m.auditPrune),
  'secrets rotate': lazy(() => import('./auth-commands'), (m) => m.secretsRotate),
  'nodes approve-host-key': lazy(() => import('./node-commands'), (m) => m.nodesApproveHostKey),
  'nodes accept-writes': lazy(() => import('./node-commands'), (m) => m.nodesAcceptWrites),
  switchover: lazy(() => import('./action-commands'), (m) => m.switchover),
  drill: lazy(() => import('./action-commands'), (m) => m.drill),
  checksum: lazy(() => import('./repair-commands'), (m) => m.checksum),
  repair: lazy(() => import('./repair-commands'), (m) => m.repair),
  'actions list': lazy(() => import('./action-commands'), (m) => m.actionsList),
  'actions ls': lazy(() => import('./action-commands'), (m) => m.actionsList),
  'actions show': lazy(() => import('./action-commands'), (m) => m.actionsShow),
  'actions abort': lazy(() => import('./action-commands'), (m) => m.actionsAbort),
  'actions restore': lazy(() => import('./action-commands'), (m) => m.actionsRestore),
  'actions ack': lazy(() => import('./action-commands'), (m) => m.actionsAck),
};

const resolve = (words: string[]): { command: TLoader; args: string[] } | undefined => {
  const two = COMMANDS[words.slice(0, 2).join(' ')];
  if (two && words.length >= 2) return { command: two, args: words.slice(2) };
  const one = words[0] ? COMMANDS[words[0]] : undefined;
  return one ? { command: one, args: words.slice(1) } : undefined;
};

export const main = async (argv: string[]): Promise<number> => {
  // A reader that goes away (tandem … | head) must not kill the process with
  // EPIPE: a switchover would stop mid-step. The rest of the output is dropped.
  let isStdoutClosed = false;
  process.stdout.on('error', () => void (isStdoutClosed = true));
  const out = (text: string) => void (isStdoutClosed || process.stdout.write(`${text}\n`));
  const json = argv.includes('--json');
  // Options with a value (--role admin) and bare switches (--password-stdin).
  const options: Record<string, string | true> = {};
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--json') continue;
    if (VALUE_OPTIONS.includes(a) && argv[i + 1] !== undefined) options[a.slice(2)] = argv[++i] ?? '';
    else if (SWITCHES.includes(a)) options[a.slice(2)] = true;
    else words.push(a);
  }
  if (words.length === 0 || words.includes('--help') || words.includes('-h') || words[0] === 'help') {
    out(HELP);
    return words.length === 0 ? 2 : 0;
  }
  const unknownFlag = words.find((w) => w.startsWith('--'));
  const found = resolve(words);
  if (unknownFlag || !found) {
    process.stderr.write(`tandem: ${unknownFlag ? `unknown option ${unknownFlag}` : `unknown command "${words.join(' ')}"`}; see tandem --help\n`);
    return 2;
  }
  try {
    const command = await found.command();
    return (await command({ args: found.args, json, out, options })) ?? 0;
  } catch (e) {
    // By name: importing UsageError's module would load every command's.
    if (e instanceof Error && e.name === 'UsageError') {
      process.stderr.write(`tandem: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`${formatError(e)}\n`);
    return 1;
  } finally {
    // Every command module has loaded the client by now.
    await import('@/lib/db/client').then((m) => m.closeDatabase()).catch(() => undefined);
  }
};
