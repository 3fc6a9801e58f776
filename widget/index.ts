/**
 * The embed: `dist/tarifa.js`, an ES module. Loading it (script type="module", or the classic
 * loader dist/tarifa.classic.js) defines <wa-pricing-calculator> once; importing it gives
 * `mount(target, options)`. Older rate cards load on demand from chunks next to this file.
 *
 * This entry is tiny and imports the rest dynamically, after starting the core chunk and the
 * visitor's language chunk (entryBoot.ts): they travel in parallel (issue 17).
 */
import { prefetchFirstView } from './entryBoot.ts';

prefetchFirstView(import.meta.url);
const main = await import('./main.ts');
// Link mode: "Copy link" points to the hosted page next to this script (dist/embed.html).
main.start(new URL(/* @vite-ignore */ 'embed.html', import.meta.url).href);

/** Renders the calculator into `target` (in a shadow root); returns the unmount function. */
export const mount: typeof main.mount = main.mount;
export const TAG: typeof main.TAG = main.TAG;
export type { MountOptions, TarifaEventMap, TarifaEventName } from './main.ts';
