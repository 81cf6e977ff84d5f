// Characters a terminal or a text renderer acts on instead of showing: the C0
// and C1 controls (NUL, newline, ESC, DEL, CSI…) and the Unicode bidi controls
// that reorder what follows them. Stored text with one of these can rewrite a
// CLI table (an ESC sequence, a newline that forges a row) or disguise itself
// (U+202E shows "exe.txt" as "txt.exe").
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS_ALL = new RegExp(CONTROLS.source, 'g');

export const hasControlCharacters = (s: string): boolean => CONTROLS.test(s);

// Shows each control as a visible escape (\x1b, \u202e) so a reader sees that
// it is there and the terminal does not act on it.
export const escapeControlCharacters = (s: string): string =>
  s.replace(CONTROLS_ALL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
