// Pushes for one cluster can reach a page out of order: with several servers,
// a page that subscribes on one asks the watching server for its live state
// (up to 2 s) while that server's newer pushes already arrive; a summary sent
// again in full can cross a newer batch. An older observation never replaces
// a newer one. A gap wider than the window is not such a race but another
// server's clock (the cluster changed servers) or a restart: that state is
// taken, or the page would stand still until the clocks agree.
export const OUT_OF_ORDER_WINDOW_MS = 10_000;

export const replacesObservation = (current: string | null | undefined, incoming: string | null | undefined): boolean => {
  if (!current || !incoming) return true;
  const was = Date.parse(current);
  const now = Date.parse(incoming);
  if (!Number.isFinite(was) || !Number.isFinite(now)) return true;
  return now >= was || was - now > OUT_OF_ORDER_WINDOW_MS;
};
