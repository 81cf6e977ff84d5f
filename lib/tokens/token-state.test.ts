import { describe, expect, it } from 'vitest';
import { tokenState } from './token-state';

const now = new Date('2025-06-01T12:00:00.000Z');

describe('tokenState', () => {
  it('is active without an expiry or before it', () => {
    expect(tokenState({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(tokenState({ revokedAt: null, expiresAt: '2025-06-01T12:00:00.001Z' }, now)).toBe('active');
  });

  it('is expired from the expiry instant on, as verifyToken refuses it then', () => {
    expect(tokenState({ revokedAt: null, expiresAt: '2025-06-01T12:00:00.000Z' }, now)).toBe('expired');
    expect(tokenState({ revokedAt: null, expiresAt: '2024-01-01T00:00:00.000Z' }, now)).toBe('expired');
  });

  it('is revoked whenever revoked, expired or not', () => {
    expect(tokenState({ revokedAt: '2025-05-01T00:00:00.000Z', expiresAt: '2024-01-01T00:00:00.000Z' }, now)).toBe('revoked');
    expect(tokenState({ revokedAt: '2025-05-01T00:00:00.000Z', expiresAt: null }, now)).toBe('revoked');
  });
});

describe('tokenState on stored rows', () => {
  it('reads Dates as verifyToken passes them', () => {
    expect(tokenState({ revokedAt: null, expiresAt: new Date('2025-06-01T11:59:59.999Z') }, now)).toBe('expired');
    expect(tokenState({ revokedAt: new Date('2025-05-01T00:00:00.000Z'), expiresAt: null }, now)).toBe('revoked');
  });
});
