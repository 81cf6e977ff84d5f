// Whether a browser request comes from Tandem's own pages: its Origin (or,
// when absent, Sec-Fetch-Site) names this server. Used for HTTP mutations and
// for the Socket.IO handshake (WebSockets are not subject to CORS, so another
// origin on the same site would otherwise ride the session cookie).
export type TOriginHeaders = { origin: string | null | undefined; host: string | null | undefined; forwardedHost?: string | null; secFetchSite?: string | null };

export const isSameOrigin = (h: TOriginHeaders, options: { allowMissing: boolean }): boolean => {
  const host = h.forwardedHost ?? h.host;
  if (h.origin) {
    try {
      return new URL(h.origin).host === host;
    } catch {
      return false;
    }
  }
  if (h.secFetchSite) return h.secFetchSite === 'same-origin';
  return options.allowMissing;
};
