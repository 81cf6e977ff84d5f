import { userInfo } from 'node:os';
import { isRole, ROLES, type TRole } from '@/lib/auth/roles';
import { detailSummary } from '@/lib/audit/detail-summary';
import { listAudit } from '@/lib/audit/list-audit';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { rotateSecrets } from '@/lib/secrets/rotate-secrets';
import { createToken } from '@/lib/tokens/create-token';
import { listTokens } from '@/lib/tokens/list-tokens';
import { revokeToken } from '@/lib/tokens/revoke-token';
import { createUser } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/list-users';
import { readInput, requireArg, type TCommandContext } from './commands';
import { formatTable } from './output';

// The CLI acts as the local operating-system user: whoever can run it can
// already read the database and the key.
export const cliActor = () => `cli:${userInfo().username}`;

export const roleOption = (ctx: TCommandContext): TRole => {
  const role = ctx.options?.role;
  if (typeof role !== 'string' || !isRole(role)) throw new AppError('INVALID', `--role must be one of ${ROLES.join(', ')}`);
  return role;
};

// Reads a password without echoing it (a terminal), or from stdin.
export const readPassword = async (ctx: TCommandContext): Promise<string> => {
  if (ctx.options?.['password-stdin'] === true) return readInput('-').replace(/\r?\n$/, '');
  if (!process.stdin.isTTY) throw new AppError('INVALID', 'no terminal to prompt on; pass the password with --password-stdin');
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      process.stderr.write(prompt);
      process.stdin.setRawMode?.(true);
      let value = '';
      const onData = (b: Buffer) => {
        const c = b.toString('utf8');
        if (c === '\r' || c === '\n') {
          process.stdin.off('data', onData);
          process.stdin.setRawMode?.(false);
          process.stderr.write('\n');
          process.stdin.pause();
          resolve(value);
        } else if (c === '\u0003') process.exit(130);
        else if (c === '\u007f') value = value.slice(0, -1);
        else value += c;
      };
      process.stdin.on('data', onData);
      process.stdin.resume();
    });
  const first = await ask('Password: ');
  if ((await ask('Again: ')) !== first) throw new AppError('INVALID', 'the passwords differ');
  return first;
};

export const usersAdd = async (ctx: TCommandContext): Promise<void> => {
  const name = requireArg(ctx.args, 'NAME');
  const role = roleOption(ctx);
  const db = await getDb();
  const user = await createUser({ db, name, role, password: await readPassword(ctx) });
  await recordAudit(db, { actor: cliActor(), action: 'user.create', target: name, result: 'ok', detail: { role } });
  ctx.out(ctx.json ? JSON.stringify(user) : `created user ${user.name} (${user.role})`);
};

export const usersList = async ({ json, out }: TCommandContext): Promise<void> => {
  const users = await listUsers({ db: await getDb() });
  out(json ? JSON.stringify(users, null, 2) : users.length === 0 ? 'No users. Create the first admin: tandem users add NAME --role admin' : formatTable(['NAME', 'ROLE', 'CREATED', 'DISABLED', 'SESSIONS'], users.map((u) => [u.name, u.role, u.createdAt, u.disabledAt ?? '-', String(u.activeSessions)])));
};

export const tokensCreate = async (ctx: TCommandContext): Promise<void> => {
  const name = ctx.options?.name;
  if (typeof name !== 'string') throw new AppError('INVALID', 'tokens create needs --name NAME');
  const days = ctx.options?.['expires-days'];
  if (days !== undefined && (typeof days !== 'string' || !/^\d{1,4}$/.test(days))) throw new AppError('INVALID', '--expires-days must be a whole number of days, 1–3650');
  const db = await getDb();
  const created = await createToken({ db, name, role: roleOption(ctx), createdBy: cliActor(), expiresInDays: days === undefined ? undefined : Number(days) });
  await recordAudit(db, { actor: cliActor(), action: 'token.create', target: name, result: 'ok', detail: { role: created.role, expiresAt: created.expiresAt } });
  const expiry = created.expiresAt ? `, expires ${created.expiresAt}` : ', no expiry';
  ctx.out(ctx.json ? JSON.stringify(created) : `${created.token}\n(token ${created.name}, role ${created.role}${expiry}: shown once, store it now)`);
};

export const tokensList = async ({ json, out }: TCommandContext): Promise<void> => {
  const tokens = await listTokens({ db: await getDb() });
  out(json ? JSON.stringify(tokens, null, 2) : formatTable(['NAME', 'ROLE', 'PREFIX', 'CREATED', 'LAST USED', 'EXPIRES', 'REVOKED'], tokens.map((t) => [t.name, t.role, `${t.prefix}…`, t.createdAt, t.lastUsedAt ?? '-', t.expiresAt ?? 'never', t.revokedAt ?? '-'])));
};

export const tokensRevoke = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const name = requireArg(args, 'NAME');
  const db = await getDb();
  await revokeToken({ db, name });
  await recordAudit(db, { actor: cliActor(), action: 'token.revoke', target: name, result: 'ok' });
  out(json ? JSON.stringify({ revoked: name }) : `revoked token ${name}`);
};

export const auditList = async (ctx: TCommandContext): Promise<void> => {
  const o = ctx.options ?? {};
  const limit = typeof o.limit === 'string' ? Number(o.limit) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new AppError('INVALID', '--limit must be 1–10000');
  const rows = await listAudit({ db: await getDb(), limit, actor: typeof o.actor === 'string' ? o.actor : undefined, action: typeof o.action === 'string' ? o.action : undefined });
  ctx.out(ctx.json ? JSON.stringify(rows, null, 2) : formatTable(['AT', 'ACTOR', 'FROM', 'ACTION', 'TARGET', 'RESULT', 'DETAIL'], rows.map((r) => [r.at, r.actor, r.ip ?? '-', r.action, r.target ?? '-', r.result, detailSummary(r.detail)])));
};

export const secretsRotate = async (ctx: TCommandContext): Promise<void> => {
  const db = await getDb();
  const newKeyText = ctx.options?.['new-key-stdin'] === true ? readInput('-').trim() : undefined;
  const r = await rotateSecrets({ db, newKeyText });
  await recordAudit(db, { actor: cliActor(), action: 'secrets.rotate', result: 'ok', detail: { from: r.previousKeyId, to: r.newKeyId, secrets: r.secrets } });
  ctx.out(
    ctx.json
      ? JSON.stringify(r)
      : `re-encrypted ${r.secrets} secrets: key ${r.previousKeyId} → ${r.newKeyId}${r.viaEnv ? '\nnow set TANDEM_SECRET_KEY to the new key and restart Tandem' : ' (the old key is kept in data/retired-keys/ for running servers)'}`,
  );
};
