import { createHash } from 'node:crypto';

// Tokens are 256 random bits, so a plain SHA-256 is enough to store them: there
// is nothing to brute-force, and lookups by hash stay a single indexed query.
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const TOKEN_PREFIX = 'tdm_';
