import { getDb } from '@/lib/db/client';
import { disableUser } from '@/lib/users/disable-user';
import { enableUser } from '@/lib/users/enable-user';
import { endSessions } from '@/lib/users/end-sessions';
import { removeUser } from '@/lib/users/remove-user';
import { resetPassword } from '@/lib/users/reset-password';
import { setUserRole } from '@/lib/users/set-user-role';
import { cliActor, readPassword, roleOption } from './auth-commands';
import { requireArg, type TCommandContext } from './commands';

// The account lifecycle from the server's shell. Each operation audits itself
// (actor cli:OS-USER). The CLI is its own process and cannot reach the
// server's sockets: sessions end in the database at once (every HTTP request
// is refused), but a Socket.IO connection already open stays until it
// reconnects; the web UI and API end those too.
const by = () => ({ actor: cliActor() });

const reply = (ctx: TCommandContext, data: Record<string, unknown>, text: string) => ctx.out(ctx.json ? JSON.stringify(data) : text);

export const usersDisable = async (ctx: TCommandContext): Promise<void> => {
  const name = requireArg(ctx.args, 'NAME');
  await disableUser({ db: await getDb(), name, by: by() });
  reply(ctx, { disabled: name }, `disabled user ${name} (signed out everywhere)`);
};

export const usersEnable = async (ctx: TCommandContext): Promise<void> => {
  const name = requireArg(ctx.args, 'NAME');
  await enableUser({ db: await getDb(), name, by: by() });
  reply(ctx, { enabled: name }, `enabled user ${name}`);
};

export const usersRemove = async (ctx: TCommandContext): Promise<void> => {
  const name = requireArg(ctx.args, 'NAME');
  await removeUser({ db: await getDb(), name, by: by() });
  reply(ctx, { removed: name }, `removed user ${name}`);
};

export const usersResetPassword = async (ctx: TCommandContext): Promise<void> => {
  const name = requireArg(ctx.args, 'NAME');
  const db = await getDb();
  await resetPassword({ db, name, password: await readPassword(ctx), by: by() });
  reply(ctx, { reset: name }, `set a new password for ${name} (signed out everywhere)`);
};

export const usersEndSessions = async (ctx: TCommandContext): Promise<void> => {
  const name = requireArg(ctx.args, 'NAME');
  const ended = await endSessions({ db: await getDb(), name, by: by() });
  reply(ctx, { user: name, ended }, `ended ${ended} session(s) of ${name}`);
};

export const usersRole = async (ctx: TCommandContext): Promise<void> => {
  const name = requireArg(ctx.args, 'NAME');
  const role = roleOption(ctx);
  await setUserRole({ db: await getDb(), name, role, by: by() });
  reply(ctx, { user: name, role }, `${name} is now ${role}`);
};
