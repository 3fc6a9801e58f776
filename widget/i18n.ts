/** One i18next instance per widget instance (never the global one), fed from locales.ts. */
import i18next, { type i18n, type TFunction } from 'i18next';
import type { Lang } from './lang.ts';
import { loadedLocales } from './locales.ts';

export { isLocaleComplete, isLocaleLoaded, loadLocale, onLocaleUpdate } from './locales.ts';

/** A new i18next instance holding every language loaded so far. */
export function createI18n(lang: Lang): i18n {
  const instance = i18next.createInstance();
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const [l, bundle] of loadedLocales()) resources[l] = { translation: bundle };
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

/** Adds languages loaded after the instance was created. */
export function syncResources(instance: i18n): void {
  for (const [l, bundle] of loadedLocales()) {
    if (!instance.hasResourceBundle(l, 'translation')) instance.addResourceBundle(l, 'translation', bundle);
  }
}

/**
 * `instance.getFixedT(lang)`, with a shortcut for the commonest call: a key without options whose
 * message, in `lang` itself, is a plain string (no `{{…}}` to interpolate, no `$t(…)` to nest).
 * Such a call returns that string whatever the path; i18next's full `t` copies its whole options
 * object and walks the language chain at every call, and the first render makes about a hundred
 * calls, 3–7 ms in all on a cold desktop page (issue 17). Everything else goes to i18next's `t`.
 */
export function fixedT(instance: i18n, lang: Lang): TFunction {
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
