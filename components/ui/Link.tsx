import NextLink from 'next/link';
import type { ComponentProps } from 'react';

// Every link in Tandem, without prefetching: each page is rendered per
// request, so a link in view cost the server a full render on every page
// view (the header's 4–8 pages, ≈ 20 cluster pages from the overview at
// fleet size, every run in a history) for pages rarely opened.
export const Link = (props: ComponentProps<typeof NextLink>) => <NextLink prefetch={false} {...props} />;
