/**
 * Imported FIRST by index.ts, so it runs before the engine, its data and i18next evaluate: starts
 * fetching the page's language chunk at once, in parallel with the rest of the script.
 */
import { resolveLang } from './lang.ts';
import { loadLocale } from './locales.ts';

if (typeof document !== 'undefined') {
  const langs = typeof navigator === 'undefined' ? [] : navigator.languages;
  loadLocale(resolveLang(document.documentElement.getAttribute('lang'), ...langs)).catch(() => undefined);
}
