export type TParseKind = 'slave-status' | 'master-status' | 'ip-addr' | 'keepalived-log' | 'keepalived-conf';

export const PARSE_KINDS: readonly TParseKind[] = ['slave-status', 'master-status', 'ip-addr', 'keepalived-log', 'keepalived-conf'];

export const isParseKind = (value: string): value is TParseKind => (PARSE_KINDS as readonly string[]).includes(value);

// The only error a parser may throw: callers (collector, CLI) can then tell
// "the node sent something we do not understand" from a bug in our code.
export class ParseError extends Error {
  readonly kind: TParseKind;
  readonly line?: number;

  constructor(kind: TParseKind, message: string, options: { line?: number; cause?: unknown } = {}) {
    super(options.line === undefined ? `${kind}: ${message}` : `${kind}: line ${options.line}: ${message}`, { cause: options.cause });
    this.name = 'ParseError';
    this.kind = kind;
    if (options.line !== undefined) this.line = options.line;
  }
}

export const isParseError = (e: unknown): e is ParseError => e instanceof ParseError;
