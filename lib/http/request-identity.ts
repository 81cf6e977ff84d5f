// Who is asking, for the audit log. Until sign-in exists (issue 5) every HTTP
// caller is "unauthenticated"; the address is the proxy's X-Forwarded-For when
// present (Tandem is meant to sit behind one), else X-Real-IP.
export const requestActor = (_req: Request): string => 'unauthenticated';

export const requestIp = (req: Request): string | null =>
  req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip') || null;
