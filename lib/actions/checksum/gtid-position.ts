import { parseGtidList } from '@/lib/repair/gtid-position';

// Two snapshots show the same data when their GTID positions (one
// domain-server-seq per domain) are equal, in whatever order they print.
export const sameGtidPosition = (a: string, b: string): boolean => {
  const pa = parseGtidList(a);
  const pb = parseGtidList(b);
  if (!pa || !pb || pa.length !== pb.length) return false;
  const byDomain = new Map(pb.map((g) => [g.domain, g]));
  return pa.every((g) => {
    const w = byDomain.get(g.domain);
    return w !== undefined && w.server === g.server && w.seq === g.seq;
  });
};
