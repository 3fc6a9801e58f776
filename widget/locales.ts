/**
 * The widget's messages: one chunk per language (locales/*.json), loaded on demand from the
 * script's own origin and cached per page (immutable data). No i18next here, so that boot.ts can
 * start fetching the page's language before the heavy modules evaluate. A language is complete
 * once the rest of its messages AND i18next (a lazy chunk, i18nextLib.ts) have arrived: its
 * messages may then need i18next (nesting), which the first view's never do (firstT.ts).
 */
import { i18nextLib, loadI18next } from './i18nextLib.ts';
import type { Lang } from './lang.ts';

import { type Bundle, first, later } from './localeLoaders.ts';

const loaded = new Map<Lang, Bundle>();
const listeners = new Set<() => void>();

/** Calls `fn` whenever more messages arrive (the `later` part of a language); returns an unsubscribe. */
export function onLocaleUpdate(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function loadedLocales(): ReadonlyMap<Lang, Bundle> {
  return loaded;
}
const pending = new Map<Lang, Promise<void>>();
const rest = new Map<Lang, Promise<void>>();
const completed = new Set<Lang>();

export function isLocaleLoaded(lang: Lang): boolean {
  return loaded.has(lang);
}

/** Loads a language's messages once per page; resolves when they can be used synchronously. */
/**
 * Loads a language's messages once per page. Resolves when the first view's messages can be used
 * synchronously, or with `complete`, when all of them can (used when switching language).
 */
export function loadLocale(lang: Lang, complete = false): Promise<void> {
  let p = pending.get(lang);
  if (!p) {
    p = first[lang]().then(
      (bundle) => {
        // A private copy: the later messages are merged into it in place, where the i18next
        // instances already holding it see them.
        const own = merge({}, bundle);
        loaded.set(lang, own);
        const more = later[lang];
        const done = (m: Bundle) => {
          merge(own, m);
          completed.add(lang);
          for (const fn of listeners) fn();
        };
        rest.set(
          lang,
          more || !i18nextLib()
            ? // In the next task: after the first render, which needs none of them (issue 17).
              new Promise((next) => setTimeout(next, 0))
                .then(() => Promise.all([more ? more() : {}, loadI18next()]))
                .then(
                  ([m]) => done(m),
                  () => undefined,
                )
            : Promise.resolve(done({})),
        );
      },
      (err: unknown) => {
        pending.delete(lang);
        throw err;
      },
    );
    pending.set(lang, p);
  }
  return complete ? p.then(() => rest.get(lang)) : p;
}

/** True when every message of the language is loaded. */
export function isLocaleComplete(lang: Lang): boolean {
  return completed.has(lang);
}

function merge(target: Bundle, source: Bundle): Bundle {
  for (const [k, v] of Object.entries(source)) {
    const t = target[k];
    if (v && typeof v === 'object' && t && typeof t === 'object') merge(t as Bundle, v as Bundle);
    else target[k] = v && typeof v === 'object' ? merge({}, v as Bundle) : v;
  }
  return target;
}
