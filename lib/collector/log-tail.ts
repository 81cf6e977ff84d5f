// The last lines of every node's keepalived log, as the log stream delivered
// them, for the cluster view's live tail. Lines come from the nodes, so they
// are cut to printable text of bounded length before anyone sees them.
export type TLogLine = { seq: number; at: string; node: string; line: string };

const MAX_LINE = 400;
const KEEP = 200;

// Built from escapes so the source itself stays printable.
const CONTROL = new RegExp('[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]', 'g');

export const cleanLogLine = (raw: string): string => {
  const text = raw.replace(CONTROL, '').trimEnd();
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text;
};

export const createLogTail = (keep = KEEP) => {
  let seq = 0;
  let lines: TLogLine[] = [];
  return {
    add: (node: string, raw: string[], now = Date.now()): TLogLine[] => {
      const at = new Date(now).toISOString();
      const added = raw.map(cleanLogLine).filter((l) => l !== '').map((line) => ({ seq: ++seq, at, node, line }));
      lines = [...lines, ...added].slice(-keep);
      return added;
    },
    lines: (): TLogLine[] => lines,
  };
};

export type TLogTail = ReturnType<typeof createLogTail>;
