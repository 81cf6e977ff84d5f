import { z } from 'zod';
import { hasControlCharacters } from '@/lib/text/control-characters';

// How a failover drill stops and starts a node's services. Each is a shell
// command line the operator writes in the inventory and Tandem runs as is,
// over SSH, as the node's SSH user (prefix sudo where that user is not
// root). Nothing from a request is ever put into them. A stop command
// returns when the service is down; a start command when it is up (as
// systemctl does). Isolation has no default: cutting a node off its network
// is offered only where the inventory says how, and how to undo it.

export const SERVICE_COMMAND_KEYS = ['stopMysql', 'killMysql', 'startMysql', 'stopKeepalived', 'startKeepalived', 'isolate', 'heal'] as const;
export type TServiceCommandKey = (typeof SERVICE_COMMAND_KEYS)[number];

const ZCommandSchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') })
  .trim()
  .min(1, 'must not be empty')
  .max(2000, 'is longer than 2000 characters')
  .refine((c) => !hasControlCharacters(c), 'must be one line without control characters (put longer logic in a script on the node)');

export const ZServiceCommandsSchema = z
  .strictObject(
    {
      stopMysql: ZCommandSchema.optional(),
      killMysql: ZCommandSchema.optional(),
      startMysql: ZCommandSchema.optional(),
      stopKeepalived: ZCommandSchema.optional(),
      startKeepalived: ZCommandSchema.optional(),
      isolate: ZCommandSchema.optional(),
      heal: ZCommandSchema.optional(),
    },
    { error: (iss) => (iss.input === undefined ? 'is required' : 'must be an object') },
  )
  .refine((s) => (s.isolate === undefined) === (s.heal === undefined), { message: 'isolate and heal go together: a node cut off must have a way back', path: ['heal'] });

export type TServiceCommands = z.infer<typeof ZServiceCommandsSchema>;

export const SYSTEMD_DEFAULTS: Required<Omit<TServiceCommands, 'isolate' | 'heal'>> = {
  stopMysql: 'systemctl stop mariadb',
  killMysql: 'systemctl kill -s KILL mariadb',
  startMysql: 'systemctl start mariadb',
  stopKeepalived: 'systemctl stop keepalived',
  startKeepalived: 'systemctl start keepalived',
};

export type TResolvedServiceCommands = typeof SYSTEMD_DEFAULTS & { isolate: string | null; heal: string | null };

// Only the keys that are set, in a fixed order; null when none is.
const setCommands = (commands: TServiceCommands): TServiceCommands | null => {
  const keys = SERVICE_COMMAND_KEYS.filter((k) => commands[k] !== undefined);
  return keys.length === 0 ? null : Object.fromEntries(keys.map((k) => [k, commands[k]]));
};

// What nodes.serviceCommands holds: JSON of the keys that are set, in a
// fixed order, or null when none is (the systemd defaults apply), so two
// spellings of one setting compare equal.
export const serviceCommandsToJson = (commands: TServiceCommands | null | undefined): string | null => {
  const set = commands ? setCommands(commands) : null;
  return set ? JSON.stringify(set) : null;
};

// The stored overrides as an object (null: none). A stored value that no
// longer parses counts as none rather than running something half-read.
export const parseStoredServiceCommands = (stored: string | null): TServiceCommands | null => {
  if (!stored) return null;
  try {
    const r = ZServiceCommandsSchema.safeParse(JSON.parse(stored));
    return r.success ? setCommands(r.data) : null;
  } catch {
    return null;
  }
};

// The stored JSON (null: none set) with the defaults filled in.
export const resolveServiceCommands = (stored: string | null): TResolvedServiceCommands => {
  const parsed = parseStoredServiceCommands(stored) ?? {};
  return { ...SYSTEMD_DEFAULTS, ...parsed, isolate: parsed.isolate ?? null, heal: parsed.heal ?? null };
};

export const DRILL_FAILURES = ['stop-mysqld', 'kill-mysqld', 'stop-keepalived', 'isolate'] as const;
export type TDrillFailure = (typeof DRILL_FAILURES)[number];

// The command that breaks the node and the one that puts it back.
export const failureCommands = (commands: TResolvedServiceCommands, failure: TDrillFailure): { inject: string; restore: string } | null => {
  switch (failure) {
    case 'stop-mysqld':
      return { inject: commands.stopMysql, restore: commands.startMysql };
    case 'kill-mysqld':
      return { inject: commands.killMysql, restore: commands.startMysql };
    case 'stop-keepalived':
      return { inject: commands.stopKeepalived, restore: commands.startKeepalived };
    case 'isolate':
      return commands.isolate && commands.heal ? { inject: commands.isolate, restore: commands.heal } : null;
  }
};
