import { getEnv } from '@/lib/env';

// Structured one-line logs. Callers pass fields explicitly; nothing here
// serialises whole objects, so a row with a secret cannot be logged by accident.
type TLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<TLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
type TFields = Record<string, string | number | boolean | null | undefined>;

const write = (level: TLevel, msg: string, fields: TFields = {}): void => {
  if (ORDER[level] < ORDER[getEnv().TANDEM_LOG_LEVEL]) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
};

export const logger = {
  debug: (msg: string, fields?: TFields) => write('debug', msg, fields),
  info: (msg: string, fields?: TFields) => write('info', msg, fields),
  warn: (msg: string, fields?: TFields) => write('warn', msg, fields),
  error: (msg: string, fields?: TFields) => write('error', msg, fields),
};
