import { createHash } from 'node:crypto';
import { ExecError } from './exec-error';
import type { TNodeTarget } from './node-target';

// MySQL option-file quoting: a value in double (or single) quotes with
// backslashes doubled. A password holding both quote kinds or a line break
// cannot be written safely, and is refused rather than mangled.
export const optionValue = (value: string): string => {
  if (/[\r\n\0]/.test(value)) throw new Error('contains a line break or NUL, which an option file cannot carry');
  const escaped = value.replace(/\\/g, '\\\\');
  if (!value.includes('"')) return `"${escaped}"`;
  if (!value.includes("'")) return `'${escaped}'`;
  throw new Error('contains both kinds of quote, which an option file cannot carry');
};

// The node's MySQL credentials as an option file for a quoted here-document
// on fd 3 (`3<<'DELIMITER'`): never on a command line, never expanded. The
// delimiter is derived from the content, so the same credentials give the
// same text (and a kept shell with that prelude is reused).
export const credentialsHeredoc = (target: TNodeTarget, command: string): { delimiter: string; body: string } => {
  const delimiter = `TANDEM_CNF_${createHash('sha256').update(`${target.mysql.user}\0${target.mysql.password}`).digest('hex').slice(0, 16)}`;
  try {
    return { delimiter, body: `[client]\nuser=${optionValue(target.mysql.user)}\npassword=${optionValue(target.mysql.password)}\n${delimiter}` };
  } catch (e) {
    throw new ExecError({ node: target.name, command, reason: 'argument', message: `the MySQL credentials of ${target.name} ${e instanceof Error ? e.message : ''}` });
  }
};
