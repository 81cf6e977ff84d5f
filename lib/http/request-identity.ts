// The caller's address, for the audit log: the proxy's X-Forwarded-For when
// present (Tandem is meant to sit behind one), else X-Real-IP.
export const requestIp = (req: Request): string | null =>
  req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip') || null;
