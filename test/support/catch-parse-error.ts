import { ParseError } from '@/lib/parsers/parse-error';

// Test helper: runs fn and returns the ParseError it throws. Any other outcome
// (no throw, or a different error type) fails the test with that outcome.
export const catchParseError = (fn: () => unknown): ParseError => {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw new Error(`expected ParseError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
  }
  throw new Error(`expected ParseError, got a result: ${JSON.stringify(result)?.slice(0, 200)}`);
};
