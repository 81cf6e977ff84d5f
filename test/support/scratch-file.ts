import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

// A file for one test's by-products (a writer's log of acknowledged rows),
// removed when the test ends: CI machines run the suites many times, and
// nothing of a run should pile up in /tmp.
export const scratchFile = (name: string): string => {
  const file = path.join(tmpdir(), `tandem-${name}-${process.pid}-${Date.now()}.jsonl`);
  onTestFinished(() => rmSync(file, { force: true }));
  return file;
};
