/**
 * The embed: `dist/tarifa.js`, an ES module. Loading it (script type="module", or the classic
 * loader dist/tarifa.classic.js) defines <wa-pricing-calculator> once; importing it gives
 * `mount(target, options)`. Older rate cards, other panels and the rest of the messages load on
 * demand from chunks next to this file.
 *
 * The first view is ONE request (issue 17): the build (widget/buildPlugins.ts, `singleRequest`)
 * puts the core chunk into this file, with the first view's messages of every language.
 */
import * as main from './main.ts';

// Link mode: "Copy link" points to the hosted page next to this script (dist/embed.html).
main.start(new URL(/* @vite-ignore */ 'embed.html', import.meta.url).href);

/** Renders the calculator into `target` (in a shadow root); returns the unmount function. */
export const mount: typeof main.mount = main.mount;
export const TAG: typeof main.TAG = main.TAG;
export type { MountOptions, TarifaEventMap, TarifaEventName } from './main.ts';
