import { ParseError, type TParseKind } from './parse-error';

export type TLine = { text: string; line: number };

// C0 controls other than TAB, LF, VT, FF, CR and ESC (colour codes in pasted
// terminal output), DEL, C1 controls, and U+FFFD (what invalid UTF-8 decodes
// to). None occur in what these commands print, so any of them means binary.
const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f-\u009f\ufffd]/;

// Every parser goes through here first so that non-string or binary input
// becomes a ParseError instead of a TypeError deep inside a regex.
export const toLines = (kind: TParseKind, text: unknown): TLine[] => {
  if (typeof text !== 'string') throw new ParseError(kind, `expected text, got ${text === null ? 'null' : typeof text}`);
  const bad = BINARY.exec(text);
  if (bad) {
    const line = text.slice(0, bad.index).split('\n').length;
    throw new ParseError(kind, `binary data (U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')})`, { line });
  }
  // Stray CRs come from Windows clipboards and `script` recordings.
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r/g, '')
    .split('\n')
    .map((t, i) => ({ text: t, line: i + 1 }));
};

export const isBlank = (s: string): boolean => s.trim() === '';

// Safe integers only: positions and ids beyond 2^53 would silently lose digits.
export const toInt = (value: string | null | undefined): number | null => {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  if (!/^-?\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
};
