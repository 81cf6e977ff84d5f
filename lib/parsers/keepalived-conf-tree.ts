import { ParseError } from './parse-error';
import { toLines } from './input-text';

// One configuration statement: its words (quotes removed) and, when a
// `{ ... }` follows it, the statements inside.
export type TConfNode = { words: string[]; line: number; children: TConfNode[] | null };

type TToken = { text: string; line: number; brace: boolean };

// `#` and `!` start a comment at the start of a word (so `auth_pass a#1`
// keeps its `#`); inside quotes they are ordinary characters.
const tokenizeLine = (text: string, line: number): TToken[] => {
  const tokens: TToken[] = [];
  let word: string | null = null;
  const flush = (): void => {
    if (word !== null) tokens.push({ text: word, line, brace: false });
    word = null;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) flush();
    else if (c === '{' || c === '}') {
      flush();
      tokens.push({ text: c, line, brace: true });
    } else if ((c === '#' || c === '!') && word === null) break;
    else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new ParseError('keepalived-conf', `unterminated ${c} quote`, { line });
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else word = (word ?? '') + c;
  }
  flush();
  return tokens;
};

type TLevel = { nodes: TConfNode[]; openedAt: number };

// Builds the statement tree. Braces may sit on the keyword's line or alone on
// the next one, and a whole block may be on one line. Unbalanced braces throw
// with the line of the stray `}` or of the `{` that is never closed.
export const parseConfTree = (text: string): TConfNode[] => {
  const root: TLevel = { nodes: [], openedAt: 0 };
  const stack: TLevel[] = [root];
  const top = (): TLevel => stack[stack.length - 1] ?? root;

  for (const { text: raw, line } of toLines('keepalived-conf', text)) {
    let current: TConfNode | null = null;
    const finish = (): void => {
      if (current) top().nodes.push(current);
      current = null;
    };
    for (const token of tokenizeLine(raw, line)) {
      if (token.brace && token.text === '{') {
        let owner: TConfNode | null = current;
        finish();
        if (!owner) {
          const previous = top().nodes[top().nodes.length - 1];
          if (!previous || previous.children !== null) throw new ParseError('keepalived-conf', '"{" without a keyword before it', { line });
          owner = previous;
        }
        owner.children = [];
        stack.push({ nodes: owner.children, openedAt: line });
      } else if (token.brace) {
        finish();
        if (stack.length === 1) throw new ParseError('keepalived-conf', 'unbalanced "}"', { line });
        stack.pop();
      } else {
        current ??= { words: [], line, children: null };
        current.words.push(token.text);
      }
    }
    finish();
  }
  if (stack.length > 1) throw new ParseError('keepalived-conf', 'unclosed "{"', { line: top().openedAt });
  return root.nodes;
};
