/** One i18next instance per widget instance (never the global one), fed from locales.ts. */
import i18next, { type i18n } from 'i18next';
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
