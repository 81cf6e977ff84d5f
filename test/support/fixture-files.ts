import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Tests run from the repository root, where the fixtures live in test/fixtures.
const root = (): string => path.join(process.cwd(), 'test/fixtures');

export const fixture = (relPath: string): string => readFileSync(path.join(root(), relPath), 'utf8');

// Every `*.txt` fixture under the given folders, as paths for `fixture`.
export const fixtureFiles = (...dirs: string[]): string[] =>
  dirs.flatMap((dir) =>
    readdirSync(path.join(root(), dir))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => `${dir}/${f}`),
  );
