/**
 * The widget's start, in the core chunk: the element, `mount()` and link mode. `start()` runs
 * once per page whatever the number of entry copies (`tarifa.js`, `tarifa.js?v=2`, the classic
 * loader): defineElement skips a registered element.
 */
import './boot.ts';
import { currentRateCards } from '../engine/data/current.ts';
import { createMount, defineElement, type Env } from './element.tsx';
import { setHostedPage } from './embed/link.ts';
import { lazyStore } from './lazyCards.ts';

const env: Env = {
  store: lazyStore,
  countries: currentRateCards.markets.countries.map((c) => c.iso2),
};

/** Renders the calculator into `target` (in a shadow root); returns the unmount function. */
export const mount = createMount(env);

/** Link mode's default target (the hosted page next to the entry), then the element. */
export function start(hostedPage: string): void {
  setHostedPage(hostedPage);
  defineElement(env);
}

export { TAG } from './element.tsx';
export type { MountOptions } from './element.tsx';
export type { TarifaEventMap, TarifaEventName } from './events.ts';
