import { z } from 'zod';
import type { TDb } from '@/lib/db/client';
import type { TDialect } from '@/lib/db/dialect';

// Lease times are the database's, not the servers': two servers whose clocks
// disagree by seconds must still agree on when a lease expired. One query per
// cycle gives the offset; halving the round trip bounds its error.
const NOW_MS: Record<TDialect, string> = {
  mysql: 'SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED) AS ms',
  sqlite: "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS ms",
};

const ZNowRowsSchema = z.array(z.object({ ms: z.union([z.bigint(), z.number(), z.string()]).transform(Number).pipe(z.number().int().positive()) })).length(1);

export type TDbClock = { offsetMs: number; roundTripMs: number };

export const readDbClock = async ({ db, dialect }: { db: TDb; dialect: TDialect }): Promise<TDbClock> => {
  const sent = Date.now();
  const rows = ZNowRowsSchema.parse(await db.$queryRawUnsafe(NOW_MS[dialect]));
  const received = Date.now();
  const ms = rows[0]?.ms ?? received;
  return { offsetMs: ms - (sent + received) / 2, roundTripMs: received - sent };
};
