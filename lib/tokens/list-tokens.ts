import type { TDb } from '@/lib/db/client';

export type TPublicToken = { name: string; role: string; prefix: string; createdBy: string | null; createdAt: string; lastUsedAt: string | null; revokedAt: string | null; expiresAt: string | null };

export const listTokens = async ({ db }: { db: TDb }): Promise<TPublicToken[]> =>
  (await db.apiToken.findMany({ orderBy: { name: 'asc' } })).map((t) => ({
    name: t.name,
    role: t.role,
    prefix: t.prefix,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
  }));
