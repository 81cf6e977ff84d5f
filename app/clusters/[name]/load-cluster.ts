import { notFound } from 'next/navigation';
import { requirePageUser } from '@/lib/auth/page-session';
import { getCluster } from '@/lib/clusters/get-cluster';
import type { TPublicCluster } from '@/lib/clusters/public-cluster';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';

export const loadCluster = async (name: string): Promise<TPublicCluster> => {
  await requirePageUser();
  try {
    return await getCluster({ db: await getDb(), name: decodeURIComponent(name) });
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
};
