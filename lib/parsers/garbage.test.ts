import { describe, expect, it } from 'vitest';
import { catchParseError } from '@/test/support/catch-parse-error';
import { fixture, fixtureFiles } from '@/test/support/fixture-files';
import { parse, PARSE_KINDS, ParseError, type TParseKind } from './index';

// Deterministic so a failure reproduces (mulberry32).
const random = (seed: number): (() => number) => {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
const randomBytes = (seed: number, length: number): Buffer => {
  const next = random(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
};

const TRUNCATED_TABLE = ['mysql> SHOW MASTER STATUS;', '+------------------+----------+', '| File             | Position |', '+------------------+----------+', '| mysql-bin.000001 |      154'].join('\n');
const JSON_DOC = JSON.stringify({ File: 'mysql-bin.000001', Position: 154, interfaces: [{ name: 'eth0' }] }, null, 2);
const ACCESS_DENIED = "ERROR 1045 (28000): Access denied for user 'tandem'@'10.0.0.5' (using password: YES)\n";

// Every kind except keepalived-log, where any text is a valid (event-less) log.
const STRICT_KINDS = PARSE_KINDS.filter((k) => k !== 'keepalived-log');

describe('garbage is a ParseError of the right kind', () => {
  const binary: [string, string][] = [1, 2, 3].flatMap((seed) => [
    [`random bytes #${seed} as UTF-8`, randomBytes(seed, 256).toString('utf8')],
    [`random bytes #${seed} as Latin-1`, randomBytes(seed, 256).toString('latin1')],
  ]);
  const cases: [TParseKind, string, string][] = [
    ...PARSE_KINDS.flatMap((kind) => binary.map(([name, text]): [TParseKind, string, string] => [kind, name, text])),
    ...PARSE_KINDS.map((kind): [TParseKind, string, string] => [kind, 'a NUL byte', 'ok\u0000']),
    ...STRICT_KINDS.flatMap((kind): [TParseKind, string, string][] => [
      [kind, 'a truncated table', TRUNCATED_TABLE],
      [kind, 'a JSON document', JSON_DOC],
      [kind, 'ERROR 1045', ACCESS_DENIED],
    ]),
  ];

  it.each(cases)('%s: %s', (kind, _, text) => {
    expect(catchParseError(() => parse(kind, text)).kind).toBe(kind);
  });

  it.each(PARSE_KINDS)('%s: a non-string input', (kind) => {
    expect(catchParseError(() => parse(kind, null as unknown as string)).kind).toBe(kind);
  });
});

describe('damaged fixtures never crash with anything but ParseError', () => {
  const files = fixtureFiles('real-world', 'lab');

  const attempt = (kind: TParseKind, text: string): void => {
    try {
      parse(kind, text);
    } catch (e) {
      if (!(e instanceof ParseError)) throw new Error(`${kind} threw ${String(e)} on ${JSON.stringify(text.slice(0, 120))}`, { cause: e });
    }
  };

  it.each(files)('%s cut at every line and mutated, fed to every parser', (file) => {
    const text = fixture(file);
    const next = random(text.length);
    const variants: string[] = [text];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      variants.push(text.slice(0, i), text.slice(0, i + Math.floor(next() * 12)), text.slice(i + 1));
    }
    for (let n = 0; n < 40; n++) {
      const at = Math.floor(next() * text.length);
      const junk = String.fromCharCode(32 + Math.floor(next() * 95));
      variants.push(text.slice(0, at) + junk + text.slice(at + 1), text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20)));
    }
    for (const variant of variants) for (const kind of PARSE_KINDS) attempt(kind, variant);
    expect(variants.length).toBeGreaterThan(80);
  });
});
