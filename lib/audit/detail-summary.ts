// One line for an audit row's detail (JSON object): "reason=wrong-password
// count=29 names=a,b". What the CLI table and the /audit page show.
export const detailSummary = (detail: string | null, max = 80): string => {
  if (!detail) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail.slice(0, max);
  }
  if (typeof parsed !== 'object' || parsed === null) return String(parsed).slice(0, max);
  const text = Object.entries(parsed)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};
