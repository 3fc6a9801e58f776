/**
 * The embed: `dist/tarifa.js`, an ES module. Loading it (script type="module", or the classic
 * loader dist/tarifa.classic.js) defines <wa-pricing-calculator> once; importing it gives
 * `mount(target, options)`. Older rate cards load on demand from chunks next to this file.
 */
import './boot.ts';
import { bundledRateCards } from '../engine/index.ts';
import { createMount, defineElement, type Env } from './element.tsx';
import { setHostedPage } from './embed/link.ts';
import { lazyStore } from './lazyCards.ts';

const env: Env = {
  store: lazyStore,
  countries: bundledRateCards.markets.countries.map((c) => c.iso2),
};

/** Renders the calculator into `target` (in a shadow root); returns the unmount function. */
export const mount = createMount(env);

// Link mode: "Copy link" points to the hosted page next to this script (dist/embed.html).
const HOSTED_PAGE = 'embed.html';
setHostedPage(new URL(HOSTED_PAGE, import.meta.url).href);

defineElement(env);

export { TAG } from './element.tsx';
export type { MountOptions } from './element.tsx';
export type { TarifaEventMap, TarifaEventName } from './events.ts';
