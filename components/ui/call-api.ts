// A same-origin JSON call from a page; returns null on success, else a message
// fit to show (the server's own message when it sent one).
export const callApi = async (method: string, url: string, body?: unknown): Promise<string | null> => {
  const res = await fetch(url, { method, ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) }).catch(() => null);
  if (!res) return 'Could not reach the Tandem server.';
  if (res.ok) return null;
  const answer: { message?: string; fields?: Record<string, string> } = await res.json().catch(() => ({}));
  const fields = answer.fields ? Object.entries(answer.fields).map(([k, v]) => `${k} ${v}`).join('; ') : '';
  return [answer.message ?? `The server answered ${res.status}.`, fields].filter(Boolean).join(': ');
};
