import { notFound } from 'next/navigation';
import { requirePageUser } from '@/lib/auth/page-session';
import { getCluster } from '@/lib/clusters/get-cluster';
import type { TPublicCluster } from '@/lib/clusters/public-cluster';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';

// A segment that does not decode (/clusters/%25E0 arrives as "%E0") names no cluster.
const decodeSegment = (segment: string): string | null => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

export const loadCluster = async (segment: string): Promise<TPublicCluster> => {
  await requirePageUser();
  const name = decodeSegment(segment);
  if (name === null) notFound();
  try {
    return await getCluster({ db: await getDb(), name });
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
};
