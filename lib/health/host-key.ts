// The key a node offered when it did not match the pinned one, read back from
// the connection error (agents/ssh-pool.ts writes "…, offered SHA256:…").
export const offeredHostKeyIn = (text: string | null | undefined): string | null => /offer(?:ed|s) (SHA256:[A-Za-z0-9+/]{43})\b/.exec(text ?? '')?.[1] ?? null;
