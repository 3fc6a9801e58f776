/**
 * Several calculators on one page (issue 9, axe `landmark-unique`): each widget's regions are
 * named by their headings plus, from the second widget on, its ordinal «(2)». Every section's
 * `aria-labelledby` ends with the id `ordinalId(idPrefix)`, a hidden span that App fills.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/** The hosts of the widgets on the page, each with its setter (all widgets share this module). */
const live = new Map<Element, (n: number) => void>();

/** Numbers every widget by document order; called whenever one comes or goes. */
function renumber(): void {
  const sorted = [...live.keys()].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
  for (const [i, host] of sorted.entries()) live.get(host)?.(i + 1);
}

export const ordinalId = (idPrefix: string) => `${idPrefix}-ordinal`;

/** 1 for the first widget in document order, 2 for the next…; follows widgets added or removed. */
export function useOrdinal(root: RefObject<HTMLElement>): number {
  const [n, setN] = useState(1);
  useLayoutEffect(() => {
    const host = (root.current?.getRootNode() as ShadowRoot | undefined)?.host;
    if (!host) return;
    live.set(host, setN);
    renumber();
    return () => {
      live.delete(host);
      renumber();
    };
  }, []);
  return n;
}
