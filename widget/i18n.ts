/**
 * One i18next instance per widget instance (never the global one), fed from locales.ts, once
 * i18next has arrived (a lazy chunk, i18nextLib.ts: with the rest of a language's messages). The
 * first render reads its messages with firstT.ts.
 */
import type { i18n, TFunction } from 'i18next';
import { type Bundles, readMessage } from './firstT.ts';
import { i18nextLib } from './i18nextLib.ts';
import type { Lang } from './lang.ts';
import { loadedLocales } from './locales.ts';

export { isLocaleComplete, isLocaleLoaded, loadLocale, onLocaleUpdate } from './locales.ts';

/**
 * A new i18next instance holding every language loaded so far (or `bundles`). Only once i18next
 * is loaded (`loadLocale(lang, true)` has resolved, or i18nextLib's loadI18next); throws before.
 */
export function createI18n(lang: Lang, bundles: Bundles = loadedLocales()): i18n {
  const i18next = i18nextLib();
  if (!i18next) throw new Error('[tarifa] i18next is not loaded yet');
  const instance = i18next.createInstance();
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const [l, bundle] of bundles) resources[l] = { translation: bundle as Record<string, unknown> };
  // Synchronous: resources are in memory and initAsync is false.
  void instance.init({
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: ['es', 'pt-BR', 'en'],
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // Nested keys, one namespace: given explicitly, i18next skips its per-call guess of whether a
    // key is natural language (a regular expression per `t` call, before the first total too).
    keySeparator: '.',
    nsSeparator: false,
  });
  return instance;
}

/**
 * The `t` of a page script (the hosted page's title, the configurator) in `lang`, once
 * `loadLocale(lang, true)` has resolved: i18next's, or without it (its chunk failed to load) the
 * first view's reader (firstT.ts).
 */
export function pageT(lang: Lang): TFunction {
  return fixedT(i18nextLib() ? createI18n(lang) : null, lang);
}

/** Adds languages loaded after the instance was created. */
export function syncResources(instance: i18n): void {
  for (const [l, bundle] of loadedLocales()) {
    if (!instance.hasResourceBundle(l, 'translation')) instance.addResourceBundle(l, 'translation', bundle);
  }
}

/**
 * The widget's `t` in `lang`. With an i18next instance: `instance.getFixedT(lang)`, with a shortcut
 * for the commonest call, a key without options whose message, in `lang` itself, is a plain
 * string (no `{{…}}` to interpolate, no `$t(…)` to nest): such a call returns that string whatever
 * the path, where i18next's full `t` copies its whole options object and walks the language chain
 * at every call (the first render makes about a hundred calls). Without one (the first render,
 * before i18next has arrived): firstT.ts's reader, which answers as i18next would; a call it
 * does not handle gets the key, as a message not loaded yet does (never the case of the first
 * view's messages: test/component/firstT.test.ts).
 */
export function fixedT(instance: i18n | null, lang: Lang): TFunction {
  if (!instance) {
    const bundles = loadedLocales();
    const first = (key: unknown, options?: unknown) =>
      readMessage(bundles, lang, key, options as Record<string, unknown> | undefined) ?? String(key);
    return first as unknown as TFunction;
  }
  const full = instance.getFixedT(lang);
  const fast = (key: unknown, ...rest: unknown[]) => {
    if (rest[0] === undefined && rest.length <= 1 && typeof key === 'string') {
      const m: unknown = instance.getResource(lang, 'translation', key);
      if (typeof m === 'string' && m !== '' && !m.includes('{{') && !m.includes('$t(')) return m;
    }
    return (full as unknown as (...a: unknown[]) => unknown)(key, ...rest);
  };
  return fast as unknown as TFunction;
}
