import { describe, expect, it } from 'vitest';
import { segmentsOf } from '@/lib/actions/drill/report';
import { createSampleReader, parseNodeStamp, type TNodeSample } from './drill-sampler';

const T = Date.UTC(2026, 11, 4, 22, 27, 45, 879);

describe('node stamps', () => {
  it("reads ip's -tshort stamp as UTC and date's seconds with a fraction", () => {
    expect(parseNodeStamp('2026-12-04T22:27:45.879087')).toBeCloseTo(T + 0.087, 3);
    expect(parseNodeStamp('2026-12-04T22:27:45')).toBe(T - 879);
    expect(parseNodeStamp('1796423265.879087123')).toBeCloseTo(1_796_423_265_879.087, 1);
    expect(parseNodeStamp('1796423265.879087')).toBeCloseTo(1_796_423_265_879.087, 1);
  });

  it('takes anything else as no stamp (an old ip, a busybox date, a server without NOW(6))', () => {
    for (const text of [undefined, '', 'N', '1796423265.N', '%N', '2026-12-04 22:27:45', '[2026-12-04T22:27:45.1]', 'x']) expect(parseNodeStamp(text)).toBeNull();
  });
});

// Feeds chunks at given control-plane times and keeps the samples.
const feed = (chunks: [number, string][]) => {
  const samples: TNodeSample[] = [];
  let now = 0;
  const reader = createSampleReader('node1', (s) => samples.push(s), () => now);
  for (const [at, chunk] of chunks) {
    now = at;
    reader.write(chunk);
  }
  return samples;
};

const iso = (t: number) => new Date(t).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000');
const sec = (t: number) => (t / 1000).toFixed(6);

describe('the drill watch on one node', () => {
  it('times a reading by the node clock put on ours with the quickest trip, not by when a busy loop read it', () => {
    // The node's clock is 5 s behind ours; trips take 20 ms when quiet.
    const skew = -5000;
    const samples = feed([
      [T + 20, `V 1 ${sec(T + skew)}\nR 0 ${sec(T + skew)}\n`],
      [T + 120, `R 0 ${sec(T + 100 + skew)}\n`],
      // The VIP leaves at T + 2000 on the node; the line reaches us 450 ms late.
      [T + 2470, `V 0 ${iso(T + 2000 + skew)}\n`],
      [T + 2480, `R 1 ${sec(T + 2010 + skew)}\n`],
    ]);
    const vip = samples.filter((s) => s.fact === 'vip');
    expect(vip.map((s) => [s.t - T, s.vip])).toEqual([
      [20, true],
      [2020, false],
    ]);
    expect(samples.filter((s) => s.fact === 'readOnly').map((s) => [s.t - T, s.readOnly])).toEqual([
      [20, false],
      [2030, true],
    ]);
  });

  it('times unstamped lines on arrival and reads "x" as read_only unknown', () => {
    const samples = feed([
      [T, 'V 1\nR 0 \n'],
      [T + 300, 'R x\n'],
      [T + 700, 'V 0\n'],
    ]);
    expect(samples.map((s) => [s.t - T, s.fact, s.vip, s.readOnly])).toEqual([
      [0, 'vip', true, null],
      [0, 'readOnly', true, false],
      [300, 'readOnly', true, null],
      [700, 'vip', false, null],
    ]);
  });

  it('keeps a line cut between two chunks whole, ignores other output, and says nothing before the first VIP reading', () => {
    const samples = feed([
      [T, '@@tandem:sampling\nR 1 '],
      [T + 10, `${sec(T)}\nV`],
      [T + 20, ` 0 ${sec(T + 5)}\n`],
      [T + 30, `garbage line\nR 1 ${sec(T + 25)}\n`],
    ]);
    expect(samples.map((s) => [s.fact, s.vip, s.readOnly])).toEqual([
      ['vip', false, true],
      ['readOnly', false, true],
    ]);
  });

  it('samples an unchanged fact once a second to show the watch is alive', () => {
    const chunks: [number, string][] = [];
    for (let i = 0; i <= 25; i++) chunks.push([T + i * 100, `${i % 10 === 0 ? `V 1 ${sec(T + i * 100)}\n` : ''}R 0 ${sec(T + i * 100)}\n`]);
    const samples = feed(chunks);
    expect(samples.filter((s) => s.fact === 'readOnly').map((s) => s.t - T)).toEqual([0, 1000, 2000]);
    expect(samples.filter((s) => s.fact === 'vip').map((s) => s.t - T)).toEqual([0, 1000, 2000]);
  });

  it('a re-read older than the event it crossed is history: it neither undoes the event nor hides the next change', () => {
    const samples = feed([
      [T + 9000, `V 1 ${sec(T + 9000)}\nR 0 ${sec(T + 9000)}\n`],
      [T + 10_010, `V 0 ${iso(T + 10_002)}\n`],
      // The once-a-second re-read looked just before the VIP left, and its line came second.
      [T + 10_020, `V 1 ${sec(T + 10_000)}\n`],
      [T + 10_310, `V 1 ${iso(T + 10_300)}\n`],
      [T + 11_010, `V 1 ${sec(T + 11_000)}\n`],
    ]);
    const segments = segmentsOf(samples, T + 12_000).map((x) => [x.from - T, x.holders.join(',')]);
    expect(segments).toEqual([
      [9000, 'node1'],
      [10_002, ''],
      [10_300, 'node1'],
    ]);
  });

  it('a node clock stepped back is trusted again after the offset window, not forever early', () => {
    const chunks: [number, string][] = [];
    // Quiet trips of 20 ms; at +10 s the node's clock steps back 5 s.
    for (let i = 0; i <= 60; i++) {
      const at = T + i * 1000 + 20;
      const node = T + i * 1000 - (i >= 10 ? 5000 : 0);
      chunks.push([at, `V 1 ${sec(node)}\nR 0 ${sec(node)}\n`]);
    }
    const vip = feed(chunks).filter((x) => x.fact === 'vip');
    // Inside the window the old offset still holds (readings 5 s early, kept
    // as history); once the pre-step trips left it, readings sit where they arrived.
    expect(vip.some((x) => x.t === T + 20_000 + 20 - 5000)).toBe(true);
    expect(vip.at(-1)?.t).toBe(T + 60_000 + 20);
  });

  it('lines that arrive out of their readings order still give the true holders', () => {
    // The address monitor was slow: its "VIP gone" (read at +2000) arrives
    // after a read_only reading taken at +2100, which still carries vip=1.
    const samples = feed([
      [T, `V 1 ${sec(T)}\nR 0 ${sec(T)}\n`],
      [T + 2150, `R 1 ${sec(T + 2100)}\n`],
      [T + 2600, `V 0 ${iso(T + 2000)}\n`],
    ]);
    const segments = segmentsOf(samples, T + 3000).map((s) => [s.from - T, s.holders.join(','), s.writable.join(',')]);
    expect(segments).toEqual([
      [0, 'node1', 'node1'],
      [2000, '', 'node1'],
      [2100, '', ''],
    ]);
  });
});
