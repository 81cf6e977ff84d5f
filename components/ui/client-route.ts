// Whether a click on an anchor is one the app routes itself (as next/link
// does): a plain primary click on a same-origin link meant for this tab.
// Anything else (a middle click, Ctrl/Cmd/Shift/Alt, target=_blank, a
// download, another origin) is left to the browser.
export type TClick = { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean; defaultPrevented: boolean };
export type TAnchor = { href: string; target: string; download: boolean };

export const clientRouteOf = (click: TClick, anchor: TAnchor, origin: string): string | null => {
  if (click.defaultPrevented || click.button !== 0 || click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return null;
  if ((anchor.target && anchor.target !== '_self') || anchor.download) return null;
  let url: URL;
  try {
    url = new URL(anchor.href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
};
