import { closeDatabase } from '@/lib/db/client';
import { clustersList, dbMigrate, exportOne, importFile, parseInput, removeOne, status, type TCommandContext } from './commands';
import { formatError } from './output';

const HELP = `tandem – manage Tandem's cluster inventory (the same database as the server)

Usage:
  tandem clusters list [--json]   list clusters
  tandem import FILE [--json]     create or replace a cluster from an inventory document (- reads stdin)
  tandem export NAME              print a cluster's inventory document, without secrets
  tandem remove NAME [--json]     forget a cluster (the servers are not touched)
  tandem status NAME [--json]     the cluster's state: VIP holders, nodes, findings
  tandem parse KIND < input       parse saved output; KIND: slave-status, master-status,
                                  ip-addr, keepalived-log, keepalived-conf
  tandem db migrate               apply database migrations

Environment: DATABASE_URL (default file:data/tandem.db), TANDEM_DATA_DIR, TANDEM_SECRET_KEY.
Exit status: 0 ok, 1 failed, 2 usage error.`;

type TCommand = (ctx: TCommandContext) => Promise<void>;

const COMMANDS: Record<string, TCommand> = {
  'clusters list': clustersList,
  'clusters ls': clustersList,
  import: importFile,
  export: exportOne,
  remove: removeOne,
  'db migrate': dbMigrate,
  status,
  parse: parseInput,
};

const resolve = (words: string[]): { command: TCommand; args: string[] } | undefined => {
  const two = COMMANDS[words.slice(0, 2).join(' ')];
  if (two && words.length >= 2) return { command: two, args: words.slice(2) };
  const one = words[0] ? COMMANDS[words[0]] : undefined;
  return one ? { command: one, args: words.slice(1) } : undefined;
};

export const main = async (argv: string[]): Promise<number> => {
  const out = (text: string) => void process.stdout.write(`${text}\n`);
  const json = argv.includes('--json');
  const words = argv.filter((a) => a !== '--json');
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
    await found.command({ args: found.args, json, out });
    return 0;
  } catch (e) {
    process.stderr.write(`${formatError(e)}\n`);
    return 1;
  } finally {
    await closeDatabase().catch(() => undefined);
  }
};
