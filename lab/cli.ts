import { labPaths, DEFAULT_OPTIONS, isNodeName, type TLabOptions } from './config';
import { labDown } from './down';
import { runFault, FAULT_KINDS, isFaultKind } from './fault';
import { assertRoot } from './preflight';
import { formatStatus, labStatus } from './status';
import { LabError } from './sys';
import { labUp } from './up';
import { runWriter } from './writer';
import { formatVerify, verifyWrites } from './verify';

const HELP = `labctl – a real MariaDB dual-master + keepalived VIP pair in network namespaces

  labctl up [--nodes 2|3] [--gtid] [--seed] [--nopreempt] [--fast-failover]
                      build the lab (idempotent); prints Tandem's inventory document.
                      Default: the recommended setup (both BACKUP + nopreempt, a failing
                      check means FAULT, the passive node read_only, a track file).
                      --seed: the seed guide's setup (node1 MASTER + preempt, weighted
                      check, both nodes writable); with --nopreempt it never fails over.
                      --fast-failover: node1 MASTER + preempt, a failing check means FAULT.
  labctl down         remove everything up made
  labctl status [--json]
  labctl fault KIND NODE [ARG]
                      KIND: ${FAULT_KINDS.join(', ')}
                      ARG: lag SECONDS; stop-replication io|sql; plant-drift ID
  labctl writer --duration S [--rate R] --out FILE
  labctl verify FILE [--json]

Inventory: ${labPaths.inventory}`;

type TFlags = Record<string, string | true>;

const parseFlags = (args: string[]): { words: string[]; flags: TFlags } => {
  const words: string[] = [];
  const flags: TFlags = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('--')) {
      words.push(a);
      continue;
    }
    const key = a.slice(2);
    const next = args[i + 1];
    if (['nodes', 'duration', 'rate', 'out'].includes(key) && next !== undefined) {
      flags[key] = next;
      i++;
    } else flags[key] = true;
  }
  return { words, flags };
};

const allowFlags = (flags: TFlags, allowed: string[]) => {
  const unknown = Object.keys(flags).find((f) => !allowed.includes(f));
  if (unknown) throw new LabError(`unknown option --${unknown}`);
};

const positiveNumber = (v: string | true | undefined, what: string, fallback?: number): number => {
  if (v === undefined && fallback !== undefined) return fallback;
  const n = typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new LabError(`${what} must be a positive number`);
  return n;
};

export const main = async (argv: string[]): Promise<number> => {
  const { words, flags } = parseFlags(argv);
  const [command, ...rest] = words;
  try {
    switch (command) {
      case 'up': {
        allowFlags(flags, ['nodes', 'gtid', 'seed', 'nopreempt', 'fast-failover']);
        const nodes = flags.nodes === undefined ? 2 : Number(flags.nodes);
        if (nodes !== 2 && nodes !== 3) throw new LabError('--nodes must be 2 or 3');
        const options: TLabOptions = { ...DEFAULT_OPTIONS, nodes, gtid: flags.gtid === true, nopreempt: flags.nopreempt === true, fastFailover: flags['fast-failover'] === true, seed: flags.seed === true };
        process.stdout.write(await labUp(options));
        return 0;
      }
      case 'down':
        allowFlags(flags, []);
        assertRoot();
        await labDown();
        return 0;
      case 'status': {
        allowFlags(flags, ['json']);
        assertRoot();
        const s = await labStatus();
        process.stdout.write(`${flags.json ? JSON.stringify(s, null, 2) : formatStatus(s)}\n`);
        return 0;
      }
      case 'fault': {
        allowFlags(flags, []);
        assertRoot();
        const [kind, node, arg] = rest;
        if (!kind || !isFaultKind(kind)) throw new LabError(`fault KIND must be one of: ${FAULT_KINDS.join(', ')}`);
        if (!node || !isNodeName(node)) throw new LabError('fault needs a NODE: node1, node2 or node3');
        process.stdout.write(`${await runFault(kind, node, arg)}\n`);
        return 0;
      }
      case 'writer': {
        allowFlags(flags, ['duration', 'rate', 'out']);
        if (typeof flags.out !== 'string') throw new LabError('writer needs --out FILE');
        const summary = await runWriter({ durationS: positiveNumber(flags.duration, '--duration'), rate: positiveNumber(flags.rate, '--rate', 10), out: flags.out });
        process.stdout.write(`${JSON.stringify(summary)}\n`);
        return 0;
      }
      case 'verify': {
        allowFlags(flags, ['json']);
        assertRoot();
        const [file] = rest;
        if (!file) throw new LabError('verify needs a FILE written by labctl writer');
        const result = await verifyWrites({ file });
        process.stdout.write(`${flags.json ? JSON.stringify(result, null, 2) : formatVerify(result)}\n`);
        return result.lost === 0 ? 0 : 1;
      }
      case undefined:
      case 'help':
        process.stdout.write(`${HELP}\n`);
        return command === undefined && !flags.help ? 2 : 0;
      default:
        throw new LabError(`unknown command "${command}"; see labctl help`);
    }
  } catch (e) {
    process.stderr.write(`labctl: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
};
