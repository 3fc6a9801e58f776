/**
 * The first thing `dist/tarifa.js` runs: start fetching the core chunk and the first-view messages
 * of the visitor's likely language at once, so they come in one round trip instead of two
 * (issue 17). Self-contained (nothing shared with the core chunk, which would make the entry wait
 * for it). The language is only a hint: the widget resolves its language itself (widget/lang.ts)
 * and loads it through the same module URL, which the browser then already has.
 *
 * The build (widget/vite.config.ts, `firstLoad`) writes the chunks' paths relative to the entry
 * over the placeholder below, as `core=./chunks/core-….js;es=./locales/es-….js;pt-BR=…;en=…`.
 */
export function prefetchFirstView(base: string): void {
  const map: string =
    (globalThis as { __tarifaFirstLocales?: string }).__tarifaFirstLocales ?? '__TARIFA_FIRST_LOCALES__';
  if (!map.includes('=') || typeof document === 'undefined') return;
  const urls = new Map(map.split(';').map((p) => p.split('=') as [string, string]));
  const tag = (
    document.querySelector('wa-pricing-calculator[lang]')?.getAttribute('lang') ||
    document.documentElement.lang ||
    (typeof navigator === 'undefined' ? '' : navigator.language) ||
    ''
  ).toLowerCase();
  const lang = tag.startsWith('es')
    ? 'es'
    : tag.startsWith('pt')
      ? 'pt-BR'
      : tag.startsWith('en')
        ? 'en'
        : null;
  for (const url of [urls.get('core'), lang === null ? undefined : urls.get(lang)])
    if (url) import(/* @vite-ignore */ new URL(url, base).href).catch(() => undefined);
}
