// How many rows the drift check reads per chunk. The size follows a time
// target on the writer so that a chunk never becomes a load spike, and
// changes by at most a factor of two per chunk so that one slow or fast
// read (a cold page, a cache hit) does not swing it.
export const CHUNK_ROWS = { first: 1000, min: 10, max: 200_000 } as const;

// Each chunk statement is bounded (max_statement_time) at ten times the
// target, never under 2 s: a chunk that outruns it is cut, not waited for.
export const chunkBoundSeconds = (chunkTimeMs: number): number => Math.max(2, (chunkTimeMs * 10) / 1000);

// The size of the chunk after next, from the last chunk's rows and time.
// A chunk without a measured time (0 µs) gives no rate: the size doubles.
export const nextChunkRows = (o: { rows: number; count: number; tookUs: number; chunkTimeMs: number }): number => {
  const rate = o.tookUs > 0 ? o.count / (o.tookUs / 1e6) : Infinity;
  const target = Number.isFinite(rate) ? rate * (o.chunkTimeMs / 1000) : o.rows * 2;
  return Math.min(CHUNK_ROWS.max, Math.max(CHUNK_ROWS.min, Math.min(o.rows * 2, Math.max(o.rows / 2, Math.floor(target)))));
};

// After a chunk hit its statement bound: a quarter of the size, or null
// when it is already at the minimum and cannot be cut any further (the
// timeout then stands as the table's error).
export const cutChunkRows = (rows: number): number | null => (rows <= CHUNK_ROWS.min ? null : Math.max(CHUNK_ROWS.min, Math.floor(rows / 4)));
