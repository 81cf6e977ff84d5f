import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { labPaths, STATE_DIR } from './config';

// What `up` recorded: its options and the generated passwords. Mode 0600.
const ZLabStateSchema = z.object({
  options: z.object({ nodes: z.union([z.literal(2), z.literal(3)]), gtid: z.boolean(), nopreempt: z.boolean(), fastFailover: z.boolean(), seed: z.boolean() }),
  secrets: z.object({ repl: z.string(), tandem: z.string(), app: z.string(), probe: z.string() }),
  createdAt: z.string(),
});
export type TLabState = z.infer<typeof ZLabStateSchema>;

export const readState = (): TLabState | undefined => {
  if (!existsSync(labPaths.state)) return undefined;
  const parsed = ZLabStateSchema.safeParse(JSON.parse(readFileSync(labPaths.state, 'utf8')));
  return parsed.success ? parsed.data : undefined;
};

export const writeState = (state: TLabState): void => {
  mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
  writeFileSync(labPaths.state, JSON.stringify(state, null, 2), { mode: 0o600 });
};
