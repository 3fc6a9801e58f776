/**
 * Issue 10 (widget/embed/) in happy-dom: the new attributes (share-base, cta-label, cta-href,
 * accent) in options.ts, the hosted page's query read as attributes (rawFromQuery), the link-mode
 * URL, the configurator's attribute record and snippets, the accent's text colour, and the
 * call to action's event. The real pages are tested in test/browser/embed.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyPartnerFees, estimate } from '../../engine/index.ts';
import { createElementClass, TAG } from '../../widget/element.tsx';
import { accentStyle, luminance } from '../../widget/embed/accent.ts';
import { configAttributes, queryOf, snippets } from '../../widget/embed/configureSnippets.ts';
import { configureHtml, embedHtml } from '../../widget/embed/html.ts';
import { setHostedPage, shareLinkFor } from '../../widget/embed/link.ts';
import { bundledEnv } from '../../widget/env.ts';
import type { TarifaEventMap } from '../../widget/events.ts';
import { parseOptions, presentationAttributes, rawFromQuery, type Warn } from '../../widget/options.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';
import { TEST_MONTH } from '../clock.ts';
import { loadAllLocales } from './helpers.tsx';

const ROOT = resolve(import.meta.dirname, '../..');

const collect = () => {
  const seen: string[] = [];
  const warn: Warn = (_key, message) => seen.push(message);
  return { seen, warn };
};
const parse = (raw: Record<string, unknown>, warn: Warn = () => undefined) =>
  parseOptions(raw, { pageLang: 'en' }, warn);

describe('options: share-base, cta-label, cta-href, accent', () => {
  it('accepts http(s) and relative share-base values; refuses other schemes with a warning', () => {
    expect(parse({ 'share-base': 'https://help.example/calc' }).shareBase).toBe('https://help.example/calc');
    expect(parse({ 'share-base': '/pricing/calculator.html' }).shareBase).toBe('/pricing/calculator.html');
    const { seen, warn } = collect();
    expect(parse({ 'share-base': 'javascript:alert(1)' }, warn).shareBase).toBeNull();
    expect(seen).toEqual([
      'share-base="javascript:alert(1)" is invalid (expected an http(s) URL or a relative one); links point to the hosted page.',
    ]);
  });

  it('a label alone is an event button; a label and a safe href a link; an href alone is refused', () => {
    expect(parse({ 'cta-label': '  Talk   to sales ' }).cta).toEqual({ label: 'Talk to sales', href: null });
    expect(parse({ 'cta-label': 'Quote', 'cta-href': 'mailto:sales@example.com' }).cta).toEqual({
      label: 'Quote',
      href: 'mailto:sales@example.com',
    });
    const bad = collect();
    expect(parse({ 'cta-label': 'Quote', 'cta-href': 'javascript:void(0)' }, bad.warn).cta).toEqual({
      label: 'Quote',
      href: null,
    });
    expect(bad.seen[0]).toContain('the button dispatches tarifa:cta');
    const alone = collect();
    expect(parse({ 'cta-href': 'https://example.com' }, alone.warn).cta).toBeNull();
    expect(alone.seen[0]).toContain('no call to action');
    const long = collect();
    expect(parse({ 'cta-label': 'x'.repeat(81) }, long.warn).cta).toBeNull();
    expect(long.seen).toHaveLength(1);
  });

  it('accent: #rgb and #rrggbb, lower-cased; anything else warned and dropped', () => {
    expect(parse({ accent: '#5B2A86' }).accent).toBe('#5b2a86');
    expect(parse({ accent: '#abc' }).accent).toBe('#aabbcc');
    const { seen, warn } = collect();
    expect(parse({ accent: 'red' }, warn).accent).toBeNull();
    expect(seen[0]).toMatch(/^accent="red" is invalid/);
  });

  it('presentationAttributes parse back to the same presentation', () => {
    const options = parse({
      theme: 'dark',
      accent: '#123456',
      'partner-fees':
        '{"perOutboundMessage":{"amount":"0.004","label":"Plataforma"},"taxPercent":{"amount":"16"}}',
      'partner-editable': '',
      'cta-label': 'Hablar con ventas',
      'cta-href': 'https://example.com/ventas',
    });
    const attrs = presentationAttributes(options);
    expect(Object.keys(attrs).sort()).toEqual(
      ['accent', 'cta-href', 'cta-label', 'partner-editable', 'partner-fees', 'theme'].sort(),
    );
    const again = parse(attrs);
    for (const key of ['theme', 'accent', 'partnerFees', 'partnerEditable', 'cta'] as const)
      expect(again[key]).toEqual(options[key]);
    expect(presentationAttributes(parse({}))).toEqual({});
  });
});

describe('the hosted page query (rawFromQuery)', () => {
  it('gives the attributes by name, joins repeated countries, warns about unknown parameters', () => {
    const { seen, warn } = collect();
    const raw = rawFromQuery(
      '?lang=es-MX&country=MX&country=CO&partner-editable&Theme=auto&colour=red',
      warn,
    );
    expect(raw).toEqual({ lang: 'es-MX', country: 'MX,CO', 'partner-editable': '', theme: 'auto' });
    expect(seen).toEqual([expect.stringMatching(/^unknown parameter "colour" ignored \(known: lang, /)]);
    const options = parse(raw);
    expect(options).toMatchObject({
      lang: 'es',
      countries: ['MX', 'CO'],
      partnerEditable: true,
      theme: 'auto',
    });
  });

  it('the same warnings as the attributes for the same values', () => {
    const fromQuery = collect();
    parse(rawFromQuery('month=2026-13&currency=us&theme=purple', fromQuery.warn), fromQuery.warn);
    const fromAttributes = collect();
    parse({ month: '2026-13', currency: 'us', theme: 'purple' }, fromAttributes.warn);
    expect(fromQuery.seen).toEqual(fromAttributes.seen);
    expect(fromQuery.seen).toHaveLength(3);
  });
});

describe('link mode (shareLinkFor)', () => {
  afterEach(() => setHostedPage(null));
  const href = 'https://help.example/articles/42?ref=a#section';

  it('without a hosted page (mount() from a bundle): the page address', () => {
    expect(shareLinkFor('v1_x', parse({}), href)).toBe('https://help.example/articles/42?ref=a#tarifa=v1_x');
  });

  it('points to the hosted page next to the script, with the presentation parameters', () => {
    setHostedPage('https://cdn.example/tarifa/embed.html');
    expect(shareLinkFor('v1_x', parse({ theme: 'dark', 'cta-label': 'Quote' }), href)).toBe(
      'https://cdn.example/tarifa/embed.html?theme=dark&cta-label=Quote#tarifa=v1_x',
    );
  });

  it('share-base wins, resolved against the page; its own parameters are kept', () => {
    setHostedPage('https://cdn.example/tarifa/embed.html');
    expect(shareLinkFor('v1_x', parse({ 'share-base': '/calc?theme=auto', theme: 'dark' }), href)).toBe(
      'https://help.example/calc?theme=auto#tarifa=v1_x',
    );
  });
});

describe('the configurator (configAttributes, snippets)', () => {
  const form = {
    lang: 'pt-BR',
    country: ' br, ar ',
    monthMode: 'fixed' as const,
    month: '2026-11',
    currency: 'USD',
    theme: 'dark' as const,
    accentOn: true,
    accent: '#5b2a86',
    fees: '{"perOutboundMessage":{"amount":"0.004","label":"A & \\"B\\" <c>"}}',
    editable: true,
    ctaLabel: 'Fale conosco',
    ctaHref: '',
  };

  it('only what differs from the defaults', () => {
    expect(
      configAttributes({
        ...form,
        lang: '',
        country: '',
        monthMode: 'current',
        currency: '',
        theme: 'light',
        accentOn: false,
        fees: '',
        editable: false,
        ctaLabel: '',
      }),
    ).toEqual({});
    expect(configAttributes({ ...form, monthMode: 'current' })).not.toHaveProperty('month');
  });

  it('the three snippets carry the same attributes (parsed to the same options)', () => {
    const attrs = configAttributes(form);
    expect(attrs.country).toBe('BR,AR');
    const code = snippets(attrs, 'https://cdn.example/tarifa/', 'Calculadora');
    const expected = parse(attrs);
    // Script tag: the attributes, HTML-escaped, read back by a parser.
    const doc = new DOMParser().parseFromString(code.script, 'text/html');
    const el = doc.querySelector(TAG)!;
    expect(doc.querySelector('script')!.getAttribute('src')).toBe('https://cdn.example/tarifa/tarifa.js');
    const fromTag = Object.fromEntries(el.getAttributeNames().map((n) => [n, el.getAttribute(n)]));
    expect(parse(fromTag)).toEqual(expected);
    // Iframe (with and without the loader) and link: the hosted page's query.
    for (const html of [code.frame, code.frameLoader]) {
      // An inert template: happy-dom would try to load the iframe of a parsed document.
      const template = document.createElement('template');
      template.innerHTML = html;
      const frame = template.content.querySelector('iframe')!;
      expect(frame.hasAttribute('data-tarifa')).toBe(true);
      expect(frame.getAttribute('title')).toBe('Calculadora');
      const src = new URL(frame.getAttribute('src')!);
      expect(src.href).toBe(code.link);
      expect(parse(rawFromQuery(src.search, () => undefined))).toEqual(expected);
    }
    expect(code.frameLoader).toContain(
      '<script src="https://cdn.example/tarifa/tarifa-frame.js" defer></script>',
    );
    expect(code.frame).not.toContain('<script');
    expect(code.link.startsWith(`https://cdn.example/tarifa/embed.html${queryOf(attrs)}`)).toBe(true);
  });
});

describe('accent colour', () => {
  it('white text on a dark accent, near-black on a light one (the higher contrast)', () => {
    expect(accentStyle(null)).toBeUndefined();
    expect(accentStyle('#075e54')).toEqual({ '--a': '#075e54', '--ac': '#fff' });
    expect(accentStyle('#ffeb3b')).toEqual({ '--a': '#ffeb3b', '--ac': '#111' });
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBeCloseTo(1, 10);
  });
});

describe('call to action', () => {
  const env = bundledEnv();
  const name = 'wa-pricing-calculator-cta-test';
  beforeAll(async () => {
    await loadAllLocales();
    customElements.define(name, createElementClass(env));
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });
  const until = async (check: () => boolean, ms = 3000) => {
    const end = performance.now() + ms;
    while (!check()) {
      if (performance.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('without cta-href, the button dispatches tarifa:cta with the scenario and the totals', async () => {
    const fees = '{"perOutboundMessage":{"amount":"0.004"},"taxPercent":{"amount":"16"}}';
    const el = document.createElement(name);
    for (const [k, v] of Object.entries({
      lang: 'en',
      country: 'MX',
      'cta-label': 'Talk to sales',
      'partner-fees': fees,
      share: 'none',
    }))
      el.setAttribute(k, v);
    const events: TarifaEventMap['tarifa:cta'][] = [];
    document.addEventListener(
      'tarifa:cta',
      (e) => events.push((e as CustomEvent<TarifaEventMap['tarifa:cta']>).detail),
      { once: true },
    );
    document.body.append(el);
    const button = () =>
      [...(el.shadowRoot?.querySelectorAll('button.cta-btn') ?? [])].find(
        (b) => b.textContent === 'Talk to sales',
      ) as HTMLButtonElement | undefined;
    await until(() => button() !== undefined);
    button()!.click();
    await until(() => events.length > 0);
    const detail = events[0]!;
    const scenario = defaultScenario(TEST_MONTH, [defaultCountry('MX')]);
    const expected = estimate(scenario, { currency: 'USD' });
    expect(detail.label).toBe('Talk to sales');
    expect(detail.total).toBe(expected.total);
    expect(detail.scenario.countries.map((c) => c.country)).toEqual(['MX']);
    expect(detail.partner?.grandTotal).toBe(
      applyPartnerFees(expected, detail.scenario, JSON.parse(fees)).grandTotal,
    );
  });

  it('with cta-href, a link', async () => {
    const el = document.createElement(name);
    el.setAttribute('lang', 'en');
    el.setAttribute('cta-label', 'Get a quote');
    el.setAttribute('cta-href', 'https://example.com/quote');
    el.setAttribute('share', 'none');
    document.body.append(el);
    await until(() => el.shadowRoot?.querySelector('a.cta-btn') != null);
    const a = el.shadowRoot!.querySelector('a.cta-btn')!;
    expect(a.getAttribute('href')).toBe('https://example.com/quote');
    expect(a.textContent).toBe('Get a quote');
  });
});

describe('the hosted pages before their script runs (html.ts)', () => {
  const messages = {
    es: JSON.parse(readFileSync(join(ROOT, 'locales/es.json'), 'utf8')),
    'pt-BR': JSON.parse(readFileSync(join(ROOT, 'locales/pt-BR.json'), 'utf8')),
    en: JSON.parse(readFileSync(join(ROOT, 'locales/en.json'), 'utf8')),
  };
  const head = (html: string) => ({
    title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
    description: /<meta name="description" content="([^"]*)">/.exec(html)?.[1],
  });
  for (const [prefix, render] of [
    ['embed', embedHtml],
    ['configure', configureHtml],
  ] as const) {
    it(`${prefix}.html: the title in Spanish, Portuguese and English, in that order; no description in one language`, () => {
      const { title, description } = head(render(messages));
      const own = (lang: 'es' | 'pt-BR' | 'en') =>
        (messages[lang][prefix] as Record<string, string>).title!.replace(/&/g, '&amp;');
      expect(title).toBe(`${own('es')} · ${own('pt-BR')} · ${own('en')}`);
      // Empty until the script sets it in the visitor's language (the element stays for it).
      expect(description).toBe('');
      // No <html lang> (the script reads the visitor's language and sets it).
      expect(render(messages)).toMatch(/<html>\n/);
    });
  }
});
