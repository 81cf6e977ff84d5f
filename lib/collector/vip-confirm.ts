// After a keepalived transition the VIP is added or removed a few
// milliseconds after the log line, and a poll that started before the move
// still carries the old addresses. So a transition starts a burst of cheap
// address probes that ends as soon as every node's addresses agree with its
// keepalived state (MASTER holds the VIP, the others do not), or after a
// window, for a node whose MASTER never takes the address (misconfigured).
export type TVipConfirmer = { confirm: () => void };

// probe: one round on every node; resolves to whether any node could be
// probed at all (none reachable: nothing to wait for, the burst ends).
export const createVipConfirmer = (options: {
  probe: () => Promise<boolean>;
  agrees: () => boolean;
  isRunning: () => boolean;
  // Called when a burst ends (agreement, nothing to probe, or window over).
  onDone?: () => void;
  windowMs?: number;
  gapMs?: number;
}): TVipConfirmer => {
  const windowMs = options.windowMs ?? 3000;
  const gapMs = options.gapMs ?? 15;
  let deadline = 0;
  let generation = 0;
  let active = false;

  const loop = async () => {
    active = true;
    try {
      while (options.isRunning() && Date.now() < deadline) {
        // A transition that arrives during a probe needs a probe of its own.
        const seen = generation;
        const probed = await options.probe();
        if (seen === generation && (!probed || options.agrees())) return;
        await new Promise((r) => setTimeout(r, gapMs));
      }
    } finally {
      active = false;
      options.onDone?.();
    }
  };

  return {
    confirm: () => {
      generation += 1;
      deadline = Date.now() + windowMs;
      if (!active) void loop();
    },
  };
};
