/**
 * Where each language's messages come from: each locales/<lang>.json in two parts, the first
 * view's messages (`first`) and the rest (`later`, listed in localeParts.ts), fetched right after
 * the first one; the widget re-renders when they arrive (onLocaleUpdate). The parts are served by
 * widget/localePlugin.ts: one chunk each in the build; in the component tests, each file whole.
 */
import type { Lang } from './lang.ts';

export type Bundle = Record<string, unknown>;

export const first: Record<Lang, () => Promise<Bundle>> = {
  en: () => import('../locales/en.json?first').then((m) => m.default),
  es: () => import('../locales/es.json?first').then((m) => m.default),
  'pt-BR': () => import('../locales/pt-BR.json?first').then((m) => m.default),
};

export const later: Partial<Record<Lang, () => Promise<Bundle>>> = {
  en: () => import('../locales/en.json?later').then((m) => m.default),
  es: () => import('../locales/es.json?later').then((m) => m.default),
  'pt-BR': () => import('../locales/pt-BR.json?later').then((m) => m.default),
};
