/**
 * The embed: `dist/tarifa.js`, an ES module. Loading it (script type="module", or the classic
 * loader dist/tarifa.classic.js) defines <wa-pricing-calculator> once; importing it gives
 * `mount(target, options)`. Older rate cards load on demand from chunks next to this file.
 */
import './boot.ts';
import { bundledRateCards } from '../engine/index.ts';
import { createMount, defineElement, type Env } from './element.tsx';
import { lazyStore } from './lazyCards.ts';

const env: Env = {
  store: lazyStore,
  countries: bundledRateCards.markets.countries.map((c) => c.iso2),
};

/** Renders the calculator into `target` (in a shadow root); returns the unmount function. */
export const mount = createMount(env);

defineElement(env);

export { TAG } from './element.tsx';
export type { MountOptions } from './element.tsx';
export type { TarifaEventMap, TarifaEventName } from './events.ts';
