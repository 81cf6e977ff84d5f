'use client';
import { useRouter } from 'next/navigation';
import type { MouseEvent, ReactNode } from 'react';
import { clientRouteOf } from './client-route';

// Plain anchors inside are routed in the app, as next/link routes them, by
// one click handler for the whole area. For lists of hundreds of links (the
// overview's 500 cards): each next/link is a component with its own hooks and
// effects to hydrate, a plain anchor is only an element.
export const LinkArea = ({ className, children }: { className?: string; children: ReactNode }) => {
  const router = useRouter();
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    // Only an HTML anchor that links somewhere (an <a> without href, or an
    // SVG one, is not a link to route).
    const anchor = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (!(anchor instanceof HTMLAnchorElement) || !e.currentTarget.contains(anchor)) return;
    const route = clientRouteOf(e, { href: anchor.href, target: anchor.target, download: anchor.hasAttribute('download') }, window.location.origin);
    if (route === null) return;
    e.preventDefault();
    router.push(route);
  };
  // Keyboard users lose nothing: Enter on a focused anchor is a click.
  return (
    <div className={className} onClick={onClick}>
      {children}
    </div>
  );
};
