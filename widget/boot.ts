/**
 * Imported FIRST by main.ts, so it runs before the engine, its data and i18next evaluate: reads
 * the page's language's first-view messages (in tarifa.js since issue 17) and starts fetching the
 * rest of them (`.later`), in parallel with the rest of the script.
 */
import { resolveLang } from './lang.ts';
import { loadLocale } from './locales.ts';

if (typeof document !== 'undefined') {
  const langs = typeof navigator === 'undefined' ? [] : navigator.languages;
  loadLocale(resolveLang(document.documentElement.getAttribute('lang'), ...langs)).catch(() => undefined);
}
