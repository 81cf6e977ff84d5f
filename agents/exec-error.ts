// Every failure reaching a node surfaces as an ExecError that says which node,
// what was run and why it failed, so the collector can turn it into a finding.
// 'argument': refused before anything was sent (an argument no shell word can carry).
export type TExecFailure = 'connect' | 'host-key-mismatch' | 'timeout' | 'exit' | 'channel' | 'argument';

export class ExecError extends Error {
  readonly node: string;
  readonly command: string;
  readonly reason: TExecFailure;
  readonly exitCode: number | null;

  constructor(options: { node: string; command: string; reason: TExecFailure; message: string; exitCode?: number | null; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'ExecError';
    this.node = options.node;
    this.command = options.command;
    this.reason = options.reason;
    this.exitCode = options.exitCode ?? null;
  }
}

export const isExecError = (e: unknown): e is ExecError => e instanceof ExecError;
