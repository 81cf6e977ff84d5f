import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { ruleView } from './rule-record';
import { rulesChanged } from './rules-cache';
import type { TRuleCreate, TRuleUpdate, TRuleView } from './schema';

const channelNames = async (db: TDb): Promise<Map<string, string>> => new Map((await db.notificationChannel.findMany({ select: { id: true, name: true } })).map((c) => [c.id, c.name]));

const channelIds = async (db: TDb, names: string[]): Promise<string[]> => {
  const byName = new Map([...(await channelNames(db))].map(([id, name]) => [name, id]));
  const missing = names.filter((n) => !byName.has(n));
  if (missing.length > 0) throw new AppError('INVALID', 'invalid rule', { fields: { channels: `no channel named ${missing.map((n) => `"${n}"`).join(', ')}` } });
  return [...new Set(names.map((n) => byName.get(n) ?? ''))];
};

const findRule = async (db: TDb, name: string) => {
  const row = await db.notificationRule.findUnique({ where: { name } });
  if (!row) throw new AppError('NOT_FOUND', `no notification rule named "${name}"`);
  return row;
};

const conflict = (name: string) => new AppError('CONFLICT', `a notification rule named "${name}" already exists`, { fields: { name: 'is already taken' } });

export const listRules = async (db: TDb): Promise<TRuleView[]> => {
  const names = await channelNames(db);
  return (await db.notificationRule.findMany({ orderBy: { name: 'asc' } })).map((r) => ruleView(r, names));
};

export const getRule = async (db: TDb, name: string): Promise<TRuleView> => ruleView(await findRule(db, name), await channelNames(db));

export const createRule = async ({ db, doc, createdBy }: { db: TDb; doc: TRuleCreate; createdBy: string }): Promise<TRuleView> => {
  const channels = await channelIds(db, doc.channels);
  try {
    await db.notificationRule.create({
      data: { id: randomUUID(), name: doc.name, events: JSON.stringify([...new Set(doc.events)]), clusters: JSON.stringify([...new Set(doc.clusters)]), channels: JSON.stringify(channels), minSeverity: doc.minSeverity, quietSeconds: doc.quietSeconds, enabled: doc.enabled, createdBy },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(doc.name);
    throw e;
  }
  rulesChanged();
  return getRule(db, doc.name);
};

export const updateRule = async ({ db, name, patch }: { db: TDb; name: string; patch: TRuleUpdate }): Promise<TRuleView> => {
  const row = await findRule(db, name);
  const data = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.events !== undefined && { events: JSON.stringify([...new Set(patch.events)]) }),
    ...(patch.clusters !== undefined && { clusters: JSON.stringify([...new Set(patch.clusters)]) }),
    ...(patch.channels !== undefined && { channels: JSON.stringify(await channelIds(db, patch.channels)) }),
    ...(patch.minSeverity !== undefined && { minSeverity: patch.minSeverity }),
    ...(patch.quietSeconds !== undefined && { quietSeconds: patch.quietSeconds }),
    ...(patch.enabled !== undefined && { enabled: patch.enabled }),
  };
  try {
    await db.notificationRule.update({ where: { id: row.id }, data });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(patch.name ?? name);
    throw e;
  }
  rulesChanged();
  return getRule(db, patch.name ?? name);
};

export const deleteRule = async ({ db, name }: { db: TDb; name: string }): Promise<void> => {
  const row = await findRule(db, name);
  await db.notificationRule.delete({ where: { id: row.id } });
  rulesChanged();
};
