/**
 * The first thing `dist/tarifa.js` runs: start fetching the core chunk and the first-view messages
 * of the visitor's likely language at once, so they come in one round trip instead of two
 * (issue 17), and warm the locale's number data in Intl while they travel. Self-contained (nothing
 * shared with the core chunk, which would make the entry wait for it). The language is only a hint: the widget resolves its language itself (widget/lang.ts)
 * and loads the same module (widget/localeLoaders.ts), which the browser then already has.
 *
 * The messages are plain dynamic imports (the bundler names their chunks). The core chunk has no
 * module of its own to import (the entry imports main.ts, a small chunk over it), so the build
 * (widget/vite.config.ts, `firstLoad`) writes its path relative to the entry over the placeholder
 * below.
 */
const firstView: Readonly<Record<string, () => Promise<unknown>>> = {
  en: () => import('../locales/en.json?first'),
  es: () => import('../locales/es.json?first'),
  'pt-BR': () => import('../locales/pt-BR.json?first'),
};

export function prefetchFirstView(base: string): void {
  if (typeof document === 'undefined') return;
  const core: string = (globalThis as { __tarifaCore?: string }).__tarifaCore ?? '__TARIFA_CORE_CHUNK__';
  if (core.endsWith('.js')) import(/* @vite-ignore */ new URL(core, base).href).catch(() => undefined);
  const given =
    document.querySelector('wa-pricing-calculator[lang]')?.getAttribute('lang') ||
    document.documentElement.lang ||
    (typeof navigator === 'undefined' ? '' : navigator.language) ||
    '';
  const tag = given.toLowerCase();
  const lang = tag.startsWith('es')
    ? 'es'
    : tag.startsWith('pt')
      ? 'pt-BR'
      : tag.startsWith('en')
        ? 'en'
        : null;
  if (lang !== null) {
    firstView[lang]!().catch(() => undefined);
    // After this task: the requests above are on their way.
    setTimeout(() => warmIntl(given), 0);
  }
}

/**
 * While the core chunk travels, the main thread waits: load the visitor's number and currency
 * data into ICU now, so the first render's own formats (widget/format.ts, form/parseNumber.ts) are
 * cheap. The first NumberFormat of a locale costs 10–15 ms on a desktop CPU, six times that on a
 * phone (issue 17); ICU keeps the data for the page, so a throwaway object is enough. A wrong
 * guess (the widget resolves its locale itself) only costs that idle time; an invalid tag throws.
 */
function warmIntl(tag: string): void {
  try {
    new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD' }).format(1);
  } catch {
    // Not a valid tag: nothing to warm.
  }
}
