/**
 * A language switch whose messages arrive after a later switch's must not win: the widget shows
 * the last language asked for. The later parts of the messages are held here and released in the
 * order a slow network could deliver them.
 */
import { afterEach, expect, it, vi } from 'vitest';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import pt from '../../locales/pt-BR.json';
import type { Lang } from '../../widget/lang.ts';

const held = new Map<Lang, () => void>();
vi.mock('../../widget/localeLoaders.ts', () => {
  const whole: Record<Lang, Record<string, unknown>> = { en, es, 'pt-BR': pt };
  const first = Object.fromEntries(
    Object.entries(whole).map(([l, m]) => [l, () => Promise.resolve(structuredClone(m))]),
  );
  const later = Object.fromEntries(
    Object.keys(whole).map((l) => [
      l,
      () => new Promise<Record<string, unknown>>((resolve) => held.set(l as Lang, () => resolve({}))),
    ]),
  );
  return { first, later };
});

const { defineElement, TAG } = await import('../../widget/element.tsx');
const { bundledEnv } = await import('../../widget/env.ts');
defineElement(bundledEnv());

const until = async (check: () => boolean, ms = 2000) => {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const heading = (el: Element) => el.shadowRoot?.querySelector('h2')?.textContent;
const EN = 'WhatsApp Business pricing calculator';
const PT = 'Calculadora de preços do WhatsApp Business';

afterEach(() => {
  document.body.innerHTML = '';
});

it("keeps the host's last language when the first one's messages arrive after it", async () => {
  const el = document.createElement(TAG);
  el.setAttribute('lang', 'en');
  document.body.append(el);
  await until(() => heading(el) === EN);
  // The host switches before the first language's later messages have arrived.
  el.setAttribute('lang', 'pt-BR');
  await until(() => held.has('pt-BR') && held.has('en'));
  held.get('pt-BR')?.();
  await until(() => heading(el) === PT);
  held.get('en')?.();
  // The first switch (to English) completes now, and must not take the widget back.
  await new Promise((r) => setTimeout(r, 50));
  expect(heading(el)).toBe(PT);
});
