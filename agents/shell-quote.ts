// Every argument that reaches a remote shell goes through here: wrapped in
// single quotes, inside which sh gives no character a meaning, and each
// embedded single quote closed, escaped and reopened. Any string is then
// one word of data. NUL is the one byte no shell word can hold; it is
// refused rather than silently cutting the argument short.
export class UnsafeArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeArgumentError';
  }
}

export const quoteArg = (value: string): string => {
  if (value.includes('\0')) throw new UnsafeArgumentError(`argument ${JSON.stringify(value.slice(0, 40))} contains a NUL byte, which no shell argument can carry`);
  return `'${value.replace(/'/g, `'\\''`)}'`;
};

// `set -- 'a' 'b' …`: the positional parameters a node-side script reads.
export const setArgs = (args: readonly string[]): string => (args.length === 0 ? 'set --' : `set -- ${args.map(quoteArg).join(' ')}`);
