// The node side of Tandem's kept-shell protocol (agents/node-shell.ts): the
// control plane writes a request to `exec sh`'s stdin and ends it with two
// printf lines carrying a random id; the shell answers with the request's
// output, then the marker and exit status on stdout and the marker on stderr.
// This reads requests off the byte stream and says what each one is; it runs
// nothing.
import { COLLECT_CALL } from '../../agents/collect';

export type TRequest =
  | { kind: 'define'; id: string }
  | { kind: 'collect'; id: string; args: string[] }
  | { kind: 'ip-addr'; id: string }
  | { kind: 'other'; id: string; text: string };

// `printf '\n@@tandem-done:%s:%d\n' ID $?; printf '\n@@tandem-done:%s\n' ID >&2`
const TRAILER = /^printf '\\n@@tandem-done:%s:%d\\n' ([0-9a-f]+) \$\?; printf '\\n@@tandem-done:%s\\n' \1 >&2$/m;

// The words of `set -- 'a' 'b'`, as agents/shell-quote.ts writes them:
// single-quoted, an embedded quote as '\''.
export const parseSetArgs = (line: string): string[] | null => {
  if (line === 'set --') return [];
  if (!line.startsWith('set -- ')) return null;
  const args: string[] = [];
  let i = 'set -- '.length;
  while (i < line.length) {
    if (line[i] !== "'") return null;
    let word = '';
    for (;;) {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      word += line.slice(i + 1, end);
      i = end + 1;
      if (line.startsWith("\\''", i)) {
        word += "'";
        i += 2;
        continue;
      }
      break;
    }
    args.push(word);
    if (i < line.length && line[i] !== ' ') return null;
    i += 1;
  }
  return args;
};

const classify = (id: string, body: string): TRequest => {
  // run(): `(\n${set --}\n${script}\n) </dev/null`
  const run = /^\(\n(set --[^\n]*)\n([\s\S]*)\n\) <\/dev\/null$/.exec(body);
  if (run) {
    const args = parseSetArgs(run[1] ?? '');
    const script = run[2] ?? '';
    if (args && script === COLLECT_CALL) return { kind: 'collect', id, args };
    if (args && script.trim() === 'exec ip -o addr show') return { kind: 'ip-addr', id };
    return { kind: 'other', id, text: script };
  }
  // define(): the collect prelude (function definitions) or ':' for a shell without one.
  if (body === ':' || /^tandem_sql\(\) \{\n[\s\S]*\ntandem_collect\(\) \{\n[\s\S]*\n\}$/.test(body)) return { kind: 'define', id };
  return { kind: 'other', id, text: body };
};

// Feed it stdin chunks; it calls onRequest for every complete request.
export const createRequestReader = (onRequest: (r: TRequest) => void) => {
  let buffer = '';
  return (chunk: Buffer | string): void => {
    buffer += chunk.toString();
    for (;;) {
      const m = TRAILER.exec(buffer);
      if (!m) return;
      const body = buffer.slice(0, m.index).replace(/\n$/, '');
      buffer = buffer.slice(m.index + m[0].length).replace(/^\n/, '');
      onRequest(classify(m[1] ?? '', body));
    }
  };
};

export const doneMarkers = (id: string, code: number): { stdout: string; stderr: string } => ({ stdout: `\n@@tandem-done:${id}:${code}\n`, stderr: `\n@@tandem-done:${id}\n` });
