// The rules the outbox matches events against, cached per process. A change
// made here bumps the version at once; one made by another process (the
// CLI) is seen within RELOAD_MS.
const RELOAD_MS = 5000;
type TCache<T> = { version: number; loadedVersion: number; loadedAt: number; rules: T[] };
const store = globalThis as typeof globalThis & { __tandemNotifyRules?: TCache<unknown> };

export const rulesChanged = (): void => {
  const c = (store.__tandemNotifyRules ??= { version: 0, loadedVersion: -1, loadedAt: 0, rules: [] });
  c.version += 1;
};

export const cachedRules = async <T>(load: () => Promise<T[]>): Promise<T[]> => {
  const c = (store.__tandemNotifyRules ??= { version: 0, loadedVersion: -1, loadedAt: 0, rules: [] });
  if (c.loadedVersion !== c.version || Date.now() - c.loadedAt > RELOAD_MS) {
    const version = c.version;
    const rules = await load();
    c.rules = rules;
    c.loadedVersion = version;
    c.loadedAt = Date.now();
  }
  return c.rules as T[];
};
