import { describe, expect, it } from 'vitest';
import { clientRouteOf, type TAnchor, type TClick } from './client-route';

const ORIGIN = 'http://127.0.0.1:3000';
const plain: TClick = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
const card: TAnchor = { href: `${ORIGIN}/clusters/fleet-0001`, target: '', download: false };

// The overview's card titles are plain anchors routed by one handler: a click
// that a person means for this tab stays in the app; every other click does
// what the browser does with any link (new tab, new window, download).
describe('clientRouteOf', () => {
  it('routes a plain click on a same-origin link in the app, keeping its query and fragment', () => {
    expect(clientRouteOf(plain, card, ORIGIN)).toBe('/clusters/fleet-0001');
    expect(clientRouteOf(plain, { ...card, href: `${ORIGIN}/clusters/a?tab=lag#links` }, ORIGIN)).toBe('/clusters/a?tab=lag#links');
    expect(clientRouteOf(plain, { ...card, target: '_self' }, ORIGIN)).toBe('/clusters/fleet-0001');
  });

  it('leaves modified, middle and already-handled clicks to the browser', () => {
    for (const click of [{ metaKey: true }, { ctrlKey: true }, { shiftKey: true }, { altKey: true }, { button: 1 }, { button: 2 }, { defaultPrevented: true }]) {
      expect(clientRouteOf({ ...plain, ...click }, card, ORIGIN), JSON.stringify(click)).toBeNull();
    }
  });

  it('leaves links to another window, downloads and other origins to the browser', () => {
    expect(clientRouteOf(plain, { ...card, target: '_blank' }, ORIGIN)).toBeNull();
    expect(clientRouteOf(plain, { ...card, download: true }, ORIGIN)).toBeNull();
    expect(clientRouteOf(plain, { ...card, href: 'http://127.0.0.1:3001/clusters/x' }, ORIGIN)).toBeNull();
    expect(clientRouteOf(plain, { ...card, href: 'mailto:dba@example.org' }, ORIGIN)).toBeNull();
    expect(clientRouteOf(plain, { ...card, href: 'http://[bad' }, ORIGIN)).toBeNull();
  });
});
