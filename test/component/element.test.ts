import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { estimate } from '../../engine/index.ts';
import { createMount, defineElement, TAG } from '../../widget/element.tsx';
import { bundledEnv } from '../../widget/env.ts';
import { defaultCountry } from '../defaults.ts';
import { TEST_MONTH } from '../clock.ts';
import { loadAllLocales } from './helpers.tsx';

const env = bundledEnv();
const until = async (check: () => boolean, ms = 2000) => {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const totalOf = (root: ShadowRoot | null) =>
  root?.querySelector('[data-testid="total"]')?.getAttribute('data-total');

beforeAll(async () => {
  await loadAllLocales();
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('<wa-pricing-calculator>', () => {
  it('registers once even when the script runs twice', () => {
    expect(defineElement(env)).toBe(true);
    expect(defineElement(env)).toBe(false);
    expect(customElements.get(TAG)).toBeTruthy();
  });

  it('renders into an open shadow root with an adopted stylesheet and no <style> element', async () => {
    const el = document.createElement(TAG);
    el.setAttribute('lang', 'es');
    el.setAttribute('country', 'MX');
    document.body.append(el);
    await until(() => totalOf(el.shadowRoot) != null);
    const root = el.shadowRoot!;
    expect(root.querySelector('style')).toBeNull();
    expect(root.adoptedStyleSheets.length).toBe(1);
    expect(root.querySelector('[style]')).toBeNull();
    const expected = estimate(
      {
        month: TEST_MONTH,
        countries: [defaultCountry('MX')],
        assumptions: { phoneNumbers: 1 },
      },
      { currency: 'USD' },
    );
    expect(totalOf(root)).toBe(expected.total);
    expect(root.querySelector('h2')?.textContent).toBe('Calculadora de precios de WhatsApp Business');
  });

  it('dispatches typed events that bubble out of the shadow root', async () => {
    const seen: string[] = [];
    const onEstimate = (e: Event) => {
      const ev = e as CustomEvent<{ total: string }>;
      expect(ev.bubbles && ev.composed).toBe(true);
      seen.push(`estimate:${ev.detail.total}`);
    };
    document.addEventListener('tarifa:estimate', onEstimate);
    document.addEventListener('tarifa:ready', () => seen.push('ready'), { once: true });
    const el = document.createElement(TAG);
    el.setAttribute('lang', 'en');
    document.body.append(el);
    await until(() => seen.some((s) => s.startsWith('estimate:')));
    document.removeEventListener('tarifa:estimate', onEstimate);
    expect(seen).toContain('ready');
    expect(seen.find((s) => s.startsWith('estimate:'))).toBe(`estimate:${totalOf(el.shadowRoot)}`);
  });

  it('follows a change of its lang attribute', async () => {
    const el = document.createElement(TAG);
    el.setAttribute('lang', 'en');
    document.body.append(el);
    await until(
      () => el.shadowRoot?.querySelector('h2')?.textContent === 'WhatsApp Business pricing calculator',
    );
    el.setAttribute('lang', 'pt-PT');
    await until(
      () => el.shadowRoot?.querySelector('h2')?.textContent === 'Calculadora de preços do WhatsApp Business',
    );
  });

  it('warns once, with the [tarifa] prefix, about unknown and invalid attributes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = document.createElement(TAG);
    el.setAttribute('lang', 'en');
    el.setAttribute('contry', 'BR');
    el.setAttribute('month', 'November');
    document.body.append(el);
    await until(() => totalOf(el.shadowRoot) != null);
    el.setAttribute('theme', 'dark');
    await new Promise((r) => setTimeout(r, 20));
    const lines = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    expect(lines.filter((l) => l.includes('contry'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('month="November"'))).toHaveLength(1);
    for (const l of lines) expect(l.startsWith('[tarifa] ')).toBe(true);
  });
});

describe('framework hosts', () => {
  const grand = (root: ShadowRoot | null) =>
    root?.querySelector('[data-testid="grand-total"]')?.getAttribute('data-total') ?? null;
  const groups = (root: ShadowRoot | null) => root?.querySelectorAll('fieldset.volumes').length ?? 0;

  it('mirrors every attribute as a property; objects and arrays where attributes take JSON or lists', async () => {
    // As frameworks do: properties set on the new element, before it is connected.
    const el = document.createElement(TAG);
    el.setAttribute('lang', 'en');
    el.setAttribute('country', 'US');
    el.country = ['CO', 'AR', 'BR'];
    el.partnerFees = { monthlyPlatformFee: { amount: '49.90', label: 'Plan' } };
    document.body.append(el);
    await until(() => totalOf(el.shadowRoot) != null);
    // The property wins over the attribute, and keeps the value as given.
    expect(groups(el.shadowRoot)).toBe(3);
    expect(el.country).toEqual(['CO', 'AR', 'BR']);
    await until(() => grand(el.shadowRoot) !== null);
    expect(el.partnerFees).toEqual({ monthlyPlatformFee: { amount: '49.90', label: 'Plan' } });
    // Later property changes re-render like attribute changes; null hands the attribute back.
    el.partnerFees = null;
    await until(() => grand(el.shadowRoot) === null);
    el.country = null;
    expect(el.country).toBe('US');
    for (const name of [
      'currency',
      'month',
      'theme',
      'partnerEditable',
      'share',
      'allowCardImport',
      'rateCards',
    ])
      expect(name in el).toBe(true);
  });

  it('dispatches every event under a hyphenated name too, with the same detail', async () => {
    const colon: string[] = [];
    const hyphen: string[] = [];
    const el = document.createElement(TAG);
    el.setAttribute('lang', 'es');
    el.addEventListener('tarifa:estimate', (e) => colon.push(e.detail.total!));
    el.addEventListener('tarifa-estimate', (e) => hyphen.push(e.detail.total!));
    el.addEventListener('tarifa-ready', (e) => hyphen.push(`ready:${e.detail.lang}`));
    document.body.append(el);
    await until(() => colon.length > 0 && hyphen.length > 1);
    expect(hyphen).toEqual([`ready:es`, ...colon]);
  });

  it('mount() with values that cannot even be printed warns and renders the defaults', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const target = document.createElement('div');
    document.body.append(target);
    const bad = Object.create(null) as object;
    const unmount = createMount(env)(target, {
      lang: 'en',
      currency: bad as unknown as string,
      country: [bad as unknown as string, 'MX'],
    });
    await until(() => totalOf(target.shadowRoot) != null);
    const lines = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    expect(lines.some((l) => l.includes('currency="[object Object]" is invalid'))).toBe(true);
    unmount();
  });

  it('renders left to right under a right-to-left host page', async () => {
    document.documentElement.setAttribute('dir', 'rtl');
    try {
      const el = document.createElement(TAG);
      el.setAttribute('lang', 'en');
      document.body.append(el);
      await until(() => totalOf(el.shadowRoot) != null);
      expect(el.shadowRoot?.querySelector('.root')?.getAttribute('dir')).toBe('ltr');
    } finally {
      document.documentElement.removeAttribute('dir');
    }
  });
});

describe('mount()', () => {
  it('renders into a target and returns an unmount function', async () => {
    const mount = createMount(env);
    const target = document.createElement('div');
    document.body.append(target);
    const unmount = mount(target, { lang: 'pt-BR', country: ['BR', 'AR'] });
    await until(() => totalOf(target.shadowRoot) != null);
    expect(target.shadowRoot?.querySelectorAll('fieldset.volumes').length).toBe(2);
    unmount();
    expect(target.shadowRoot?.querySelector('[data-testid="total"]')).toBeNull();
    expect(target.shadowRoot?.adoptedStyleSheets.length).toBe(0);
  });
});
