/**
 * Where each language's messages come from: each locales/<lang>.json in two parts, the first
 * view's messages (`first`, in the initial script) and the rest (`later`, listed in
 * localeParts.ts), fetched after the first render; the widget re-renders when they arrive
 * (onLocaleUpdate). The parts are served by
 * widget/localePlugin.ts: one chunk each in the build; in the component tests, each file whole.
 */
import enFirst from '../locales/en.json?first';
import esFirst from '../locales/es.json?first';
import ptFirst from '../locales/pt-BR.json?first';
import type { Lang } from './lang.ts';

export type Bundle = Record<string, unknown>;

// The first view's messages of every language are in the initial script (issue 17: no round trip
// for them after it), each as JSON text that only the language in use parses.
const firstText: Record<Lang, string> = { en: enFirst, es: esFirst, 'pt-BR': ptFirst };
export const first: Record<Lang, () => Promise<Bundle>> = {
  en: () => parsed('en'),
  es: () => parsed('es'),
  'pt-BR': () => parsed('pt-BR'),
};
function parsed(lang: Lang): Promise<Bundle> {
  return Promise.resolve().then(() => JSON.parse(firstText[lang]) as Bundle);
}

export const later: Partial<Record<Lang, () => Promise<Bundle>>> = {
  en: () => import('../locales/en.json?later').then((m) => m.default),
  es: () => import('../locales/es.json?later').then((m) => m.default),
  'pt-BR': () => import('../locales/pt-BR.json?later').then((m) => m.default),
};
