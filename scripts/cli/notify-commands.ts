import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { parseBody } from '@/lib/http/parse-body';
import { AppError } from '@/lib/errors/app-error';
import { createChannel } from '@/lib/notifications/create-channel';
import { deleteChannel } from '@/lib/notifications/delete-channel';
import { listChannels } from '@/lib/notifications/list-channels';
import { listDeliveries } from '@/lib/notifications/list-deliveries';
import { createRule, deleteRule, listRules } from '@/lib/notifications/rules';
import { ZChannelCreateSchema, ZRuleCreateSchema, type TChannelView } from '@/lib/notifications/schema';
import { sendTestMessage } from '@/lib/notifications/test-channel';
import { cliActor } from './auth-commands';
import { readInput, requireArg, type TCommandContext } from './commands';
import { formatTable } from './output';

// Channels and rules are JSON documents, the bodies the API takes: a secret
// then comes from a file or stdin, never from the command line (where `ps`
// and shell history would show it).
const readDocument = (file: string): unknown => {
  try {
    return JSON.parse(readInput(file));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('MALFORMED_JSON', `${file} is not valid JSON: ${e instanceof Error ? e.message : 'parse error'}`);
  }
};

const where = (c: TChannelView): string => {
  const cfg = c.config;
  if (c.type === 'smtp') return `${String(cfg.host)}:${String(cfg.port)} → ${Array.isArray(cfg.to) ? cfg.to.join(', ') : ''}`;
  return String(cfg.url ?? cfg.urlHint ?? '');
};

export const channelsList = async ({ json, out }: TCommandContext): Promise<void> => {
  const channels = await listChannels(await getDb());
  if (json) return out(JSON.stringify(channels, null, 2));
  if (channels.length === 0) return out('No notification channel yet: tandem channels add FILE');
  out(formatTable(['NAME', 'TYPE', 'TO', 'ENABLED', 'PENDING', 'FAILED', 'LAST ATTEMPT'], channels.map((c) => [c.name, c.type, where(c), c.enabled ? 'yes' : 'no', String(c.pending), String(c.failed), c.lastAttempt ? `${c.lastAttempt.at} ${c.lastAttempt.outcome}` : '-'])));
};

export const channelsAdd = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const file = requireArg(args, 'FILE (a channel document, or - for stdin)');
  const doc = parseBody(ZChannelCreateSchema, readDocument(file), 'invalid notification channel');
  const db = await getDb();
  const channel = await createChannel({ db, doc, createdBy: cliActor() });
  await recordAudit(db, { actor: cliActor(), action: 'notification.channel.create', target: channel.name, result: 'ok', detail: { type: channel.type } });
  out(json ? JSON.stringify({ channel }, null, 2) : `added ${channel.type} channel ${channel.name}`);
};

export const channelsRemove = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const name = requireArg(args, 'NAME');
  const db = await getDb();
  await deleteChannel({ db, name });
  await recordAudit(db, { actor: cliActor(), action: 'notification.channel.delete', target: name, result: 'ok' });
  out(json ? JSON.stringify({ removed: name }) : `removed channel ${name}`);
};

// Exit 1 when the receiver refused: scripts can check a channel.
export const channelsTest = async ({ args, json, out }: TCommandContext): Promise<number> => {
  const name = requireArg(args, 'NAME');
  const db = await getDb();
  const result = await sendTestMessage({ db, name });
  await recordAudit(db, { actor: cliActor(), action: 'notification.channel.test', target: name, result: result.ok ? 'ok' : 'failed', detail: { detail: result.detail.slice(0, 200) } });
  out(json ? JSON.stringify({ test: result }, null, 2) : `${result.ok ? 'delivered' : 'NOT delivered'} to ${name} in ${result.durationMs} ms: ${result.detail}`);
  return result.ok ? 0 : 1;
};

export const channelsDeliveries = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const name = requireArg(args, 'NAME');
  const d = await listDeliveries({ db: await getDb(), name });
  if (json) return out(JSON.stringify(d, null, 2));
  if (d.messages.length === 0) return out(`Nothing sent to ${name} yet.`);
  out(formatTable(['CREATED', 'CLUSTER', 'STATUS', 'TRIES', 'TITLE', 'LAST ERROR'], d.messages.map((m) => [m.createdAt, m.cluster, m.status, String(m.attempts), m.title.slice(0, 80), m.lastError?.slice(0, 60) ?? '-'])));
};

export const rulesList = async ({ json, out }: TCommandContext): Promise<void> => {
  const rules = await listRules(await getDb());
  if (json) return out(JSON.stringify(rules, null, 2));
  if (rules.length === 0) return out('No notification rule yet: tandem rules add FILE');
  out(formatTable(['NAME', 'EVENTS', 'CLUSTERS', 'MIN SEVERITY', 'QUIET', 'CHANNELS', 'ENABLED'], rules.map((r) => [r.name, r.events.join(','), r.clusters.length > 0 ? r.clusters.join(',') : 'all', r.minSeverity, `${r.quietSeconds} s`, r.channels.join(','), r.enabled ? 'yes' : 'no'])));
};

export const rulesAdd = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const file = requireArg(args, 'FILE (a rule document, or - for stdin)');
  const doc = parseBody(ZRuleCreateSchema, readDocument(file), 'invalid notification rule');
  const db = await getDb();
  const rule = await createRule({ db, doc, createdBy: cliActor() });
  await recordAudit(db, { actor: cliActor(), action: 'notification.rule.create', target: rule.name, result: 'ok', detail: { events: rule.events.join(','), channels: rule.channels.join(',') } });
  out(json ? JSON.stringify({ rule }, null, 2) : `added rule ${rule.name}: ${rule.events.join(', ')} → ${rule.channels.join(', ')}`);
};

export const rulesRemove = async ({ args, json, out }: TCommandContext): Promise<void> => {
  const name = requireArg(args, 'NAME');
  const db = await getDb();
  await deleteRule({ db, name });
  await recordAudit(db, { actor: cliActor(), action: 'notification.rule.delete', target: name, result: 'ok' });
  out(json ? JSON.stringify({ removed: name }) : `removed rule ${name}`);
};
