// The forms edit strings; these turn them into what the API takes and its
// per-field answers back into one message per field.

// Non-numeric text is sent as is, so that the server names the field.
export const toNumber = (s: string): number | string => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : s.trim());

// "a@x, b@y," → ['a@x', 'b@y']
export const splitList = (s: string): string[] => s.split(',').map((t) => t.trim()).filter((t) => t !== '');

// A list field's errors come back per entry ("to.1"); the field shows the first.
export const fieldError = (fields: Record<string, string>, key: string): string | undefined => {
  if (fields[key]) return fields[key];
  for (const [k, message] of Object.entries(fields)) {
    const m = new RegExp(`^${key}\\.(\\d+)$`).exec(k);
    if (m) return `entry ${Number(m[1]) + 1} ${message}`;
  }
  return undefined;
};
