// Whether a token still works, decided once: verifyToken asks it of the stored
// row (Dates) and the /tokens page of the listed one (ISO strings), so the page
// never calls a token active that the API would refuse. Revocation wins over expiry.
export type TTokenState = 'active' | 'expired' | 'revoked';

export const tokenState = ({ revokedAt, expiresAt }: { revokedAt: Date | string | null; expiresAt: Date | string | null }, now: Date): TTokenState => {
  if (revokedAt !== null) return 'revoked';
  if (expiresAt !== null && new Date(expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
};
