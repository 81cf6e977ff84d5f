// MariaDB GTID positions ("0-1-53,1-2-7": one domain-server-seq per domain).
// Two snapshots show the same data when their positions are equal.
export type TGtidPosition = Map<number, { server: number; seq: number }>;

export const parseGtidPosition = (text: string): TGtidPosition | null => {
  const pos: TGtidPosition = new Map();
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^(\d+)-(\d+)-(\d+)$/.exec(part);
    if (!m) return null;
    pos.set(Number(m[1]), { server: Number(m[2]), seq: Number(m[3]) });
  }
  return pos;
};

export const sameGtidPosition = (a: string, b: string): boolean => {
  const pa = parseGtidPosition(a);
  const pb = parseGtidPosition(b);
  if (!pa || !pb || pa.size !== pb.size) return false;
  for (const [domain, v] of pa) {
    const w = pb.get(domain);
    if (!w || w.seq !== v.seq || w.server !== v.server) return false;
  }
  return true;
};
