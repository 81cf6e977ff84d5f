// The agent as it was before issue 10 (bench/baseline/*-v1.sh, kept verbatim),
// so the benchmark can measure today's poll beside it in the same run.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { optionValue } from '../../agents/client-credentials';
import type { TNodeTarget } from '../../agents/node-target';

const read = (name: string) => readFileSync(path.join(process.cwd(), 'bench/baseline', name), 'utf8');

export const buildCollectPreludeV1 = (target: TNodeTarget): string => {
  const delimiter = `TANDEM_CNF_${createHash('sha256').update(`${target.mysql.user}\0${target.mysql.password}`).digest('hex').slice(0, 16)}`;
  return `tandem_cnf() {\ncat <<'${delimiter}'\n[client]\nuser=${optionValue(target.mysql.user)}\npassword=${optionValue(target.mysql.password)}\n${delimiter}\n}\ntandem_collect() {\n${read('keepalived-lib-v1.sh')}\n${read('collect-v1.sh')}\n}`;
};
