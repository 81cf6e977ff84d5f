// The last lines of every node's keepalived log, as the log stream delivered
// them, for the cluster view's live tail. Lines come from the nodes, so they
// are cut to printable text of bounded length before anyone sees them.
export type TLogLine = { seq: number; at: string; node: string; line: string };

const MAX_LINE = 400;
const KEEP = 200;

// Control characters (terminal escapes) and format characters (bidi
// overrides, zero-width marks that reorder or hide text); built from escapes
// so the source itself stays printable.
const CONTROL = new RegExp('[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]|\\p{Cf}', 'gu');
// keepalived prints its VRRP auth_pass when it dumps its configuration
// (`-d`, SIGUSR1): viewers may read the log tail, not the password.
const SECRET = /((?:auth_pass|Password)\s*[=:]?\s*)\S+/gi;

export const cleanLogLine = (raw: string): string => {
  const text = raw.replace(CONTROL, '').replace(SECRET, '$1[redacted]').trimEnd();
  const chars = Array.from(text);
  return chars.length > MAX_LINE ? `${chars.slice(0, MAX_LINE).join('')}…` : text;
};

export const createLogTail = (keep = KEEP) => {
  let seq = 0;
  let lines: TLogLine[] = [];
  return {
    // The first `replayed` lines may repeat what this node's stream delivered
    // before it restarted: those already held are not added again.
    add: (node: string, raw: string[], now = Date.now(), replayed = 0): TLogLine[] => {
      const at = new Date(now).toISOString();
      const known = replayed > 0 ? new Set(lines.filter((l) => l.node === node).map((l) => l.line)) : new Set<string>();
      const added = raw
        .map((r, i) => ({ line: cleanLogLine(r), replay: i < replayed }))
        .filter((l) => l.line !== '' && !(l.replay && known.has(l.line)))
        .map(({ line }) => ({ seq: ++seq, at, node, line }));
      lines = [...lines, ...added].slice(-keep);
      return added;
    },
    lines: (): TLogLine[] => lines,
  };
};

export type TLogTail = ReturnType<typeof createLogTail>;
