import { isAppError } from '@/lib/errors/app-error';
import { escapeControlCharacters } from '@/lib/text/control-characters';

// Renders rows as an aligned text table for people; scripts use --json.
// Cells hold stored text other people chose (sign-in names in the audit log,
// descriptions), so controls are shown escaped, never sent to the terminal.
export const formatTable = (rawHeaders: string[], rawRows: string[][]): string => {
  const headers = rawHeaders.map(escapeControlCharacters);
  const rows = rawRows.map((r) => r.map(escapeControlCharacters));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
};

// One line, always: scripts read the first line of stderr.
export const formatError = (e: unknown): string => {
  if (isAppError(e)) {
    const fields = e.fields ? `: ${Object.entries(e.fields).map(([k, v]) => `${k} ${v}`).join('; ')}` : '';
    return `tandem: ${e.message}${fields}`.replace(/\s*\n\s*/g, ' ');
  }
  const message = e instanceof Error ? e.message : String(e);
  return `tandem: ${message.split('\n')[0]}`;
};
