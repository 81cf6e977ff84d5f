import { describe, expect, it } from 'vitest';
import { CHUNK_ROWS, chunkBoundSeconds, cutChunkRows, nextChunkRows } from './chunk-size';

// A chunk of `count` rows read at `rowsPerSecond`, as the writer reports it.
const timed = (count: number, rowsPerSecond: number) => ({ count, tookUs: Math.round((count / rowsPerSecond) * 1e6) });

describe('the drift check chunk size', () => {
  it('grows toward the time target, at most doubling per chunk', () => {
    // 1000 rows in 400 ms against 500 ms: 1250 rows would take the target.
    expect(nextChunkRows({ rows: 1000, ...timed(1000, 2500), chunkTimeMs: 500 })).toBe(1250);
    // 1000 rows in 10 ms would allow 50,000: one fast read only doubles it.
    expect(nextChunkRows({ rows: 1000, ...timed(1000, 100_000), chunkTimeMs: 500 })).toBe(2000);
  });

  it('shrinks toward the time target, at most halving per chunk', () => {
    // 1000 rows in 800 ms against 500 ms: 625 rows.
    expect(nextChunkRows({ rows: 1000, ...timed(1000, 1250), chunkTimeMs: 500 })).toBe(625);
    // 1000 rows in 10 s would allow 50: one slow read only halves it.
    expect(nextChunkRows({ rows: 1000, ...timed(1000, 100), chunkTimeMs: 500 })).toBe(500);
  });

  it('doubles when the chunk has no measured time', () => {
    expect(nextChunkRows({ rows: 1000, count: 1000, tookUs: 0, chunkTimeMs: 500 })).toBe(2000);
  });

  it('judges the rate by the rows the chunk really held (the short last chunk of a table)', () => {
    // 100 rows in 1 ms is 100,000 rows/s: 50,000 at 500 ms, capped at double.
    expect(nextChunkRows({ rows: 1000, ...timed(100, 100_000), chunkTimeMs: 500 })).toBe(2000);
    // 100 rows in 200 ms is 500 rows/s: 250 at 500 ms, floored at half.
    expect(nextChunkRows({ rows: 1000, ...timed(100, 500), chunkTimeMs: 500 })).toBe(500);
  });

  it('stays within its bounds however fast or slow the reads', () => {
    expect(nextChunkRows({ rows: 150_000, ...timed(150_000, 10_000_000), chunkTimeMs: 5000 })).toBe(CHUNK_ROWS.max);
    expect(nextChunkRows({ rows: CHUNK_ROWS.max, count: CHUNK_ROWS.max, tookUs: 0, chunkTimeMs: 5000 })).toBe(CHUNK_ROWS.max);
    expect(nextChunkRows({ rows: 12, ...timed(12, 1), chunkTimeMs: 50 })).toBe(CHUNK_ROWS.min);
    expect(nextChunkRows({ rows: CHUNK_ROWS.min, ...timed(CHUNK_ROWS.min, 1), chunkTimeMs: 50 })).toBe(CHUNK_ROWS.min);
  });

  it('settles on the size that takes the target time on a steady table, and stays there', () => {
    for (const [rowsPerSecond, chunkTimeMs, settled] of [
      [20_000, 500, 10_000],
      [400, 500, 200],
      [1_000_000, 100, 100_000],
    ] as const) {
      let rows: number = CHUNK_ROWS.first;
      const seen: number[] = [];
      for (let i = 0; i < 20; i++) {
        rows = nextChunkRows({ rows, ...timed(rows, rowsPerSecond), chunkTimeMs });
        seen.push(rows);
      }
      expect(seen.slice(-5), `${rowsPerSecond} rows/s at ${chunkTimeMs} ms`).toEqual(Array(5).fill(settled));
    }
  });
});

describe('the drift check statement bound and the cut after a timeout', () => {
  it('bounds each chunk statement at ten times the target, never under 2 s', () => {
    expect(chunkBoundSeconds(500)).toBe(5);
    expect(chunkBoundSeconds(5000)).toBe(50);
    expect(chunkBoundSeconds(200)).toBe(2);
    expect(chunkBoundSeconds(50)).toBe(2);
  });

  it('cuts a chunk that outran its bound to a quarter, not below the minimum', () => {
    expect(cutChunkRows(1000)).toBe(250);
    expect(cutChunkRows(1001)).toBe(250);
    expect(cutChunkRows(39)).toBe(CHUNK_ROWS.min);
    expect(cutChunkRows(CHUNK_ROWS.min + 1)).toBe(CHUNK_ROWS.min);
  });

  it('gives up (null: the timeout stands) once the chunk is at the minimum', () => {
    expect(cutChunkRows(CHUNK_ROWS.min)).toBeNull();
    // From the largest size, a chunk that keeps timing out reaches the
    // minimum in a few cuts and then stops: the retries are finite.
    const cuts: number[] = [];
    for (let rows: number | null = CHUNK_ROWS.max; rows !== null; rows = cutChunkRows(rows)) cuts.push(rows);
    expect(cuts).toEqual([200_000, 50_000, 12_500, 3125, 781, 195, 48, 12, 10]);
  });
});
