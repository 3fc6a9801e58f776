/**
 * Fuzz: widget options (widget/options.ts: attributes, `mount()` options, the hosted page's
 * query). Oracles: parsing never throws, whatever the values (objects without a prototype, throwing
 * `toString`, arrays…); every option is either its default or a valid value; warnings are text;
 * presentationAttributes parses back to the same presentation; rawFromQuery never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartnerFees } from '../../engine/index.ts';
import { LANGS } from '../../widget/lang.ts';
import {
  ATTRIBUTE_NAMES,
  type AttributeName,
  parseOptions,
  presentationAttributes,
  type RawOptions,
  rawFromQuery,
  SHARE_MODES,
  THEMES,
} from '../../widget/options.ts';
import { arbTextFrom, fuzz } from './fuzz.ts';

const POOLS: Record<AttributeName, string[]> = {
  lang: ['es', 'pt-BR', 'en', 'es-MX', 'pt_br', 'fr', 'EN-us', 'x-klingon', ''],
  country: ['MX', 'MX,BR', 'mx br;co', 'MEX', '12', 'MX,MX', '', ', ,'],
  currency: ['USD', 'brl', 'US', 'EURO', ''],
  month: ['2026-10', '2026-13', '1999-12', '2100-12', '2026-1', ''],
  theme: ['light', 'dark', 'auto', 'DARK', 'blue'],
  'partner-fees': [
    '{"perOutboundMessage":{"amount":"0.005","label":"Platform"}}',
    '{"taxPercent":"16","markupPercent":"2000"}',
    '{"perOutboundMessage":{"amount":"0.005","label":"\\u200b"}}',
    '{"__proto__":{"amount":"1"}}',
    '[1]',
    '{',
    'null',
  ],
  'partner-editable': ['', 'true', 'false', 'partner-editable', 'yes'],
  share: ['auto', 'url', 'none', 'URL', 'always'],
  'allow-card-import': ['', 'true', 'false', 'no'],
  'rate-cards': ['/cards.json', 'https://cdn.example/cards.json', 'javascript:alert(1)', 'DATA:x', ''],
  'share-base': ['https://example.com/calc', '/calc', 'javascript:alert(1)', 'ftp://x', 'a b', ''],
  'cta-label': ['Talk to sales', ' x ', 'a'.repeat(81), '\u200b', '\u200b\u2060', '\u202e', '<b>Hi</b>', ''],
  'cta-href': ['https://example.com', 'mailto:a@b.c', 'tel:+1', 'javascript:alert(1)', '/contact', ''],
  accent: ['#5b2a86', '#ABC', 'red', '#12345', 'url(x)', ''],
};

const hostile = fc.constantFrom<unknown>(
  Object.create(null),
  {
    toString() {
      throw new Error('no');
    },
  },
  [],
  ['MX', 5, null],
  42,
  true,
  false,
  null,
  undefined,
  Symbol('x'),
  10n,
);
const arbRaw: fc.Arbitrary<RawOptions> = fc.record(
  Object.fromEntries(
    ATTRIBUTE_NAMES.map((name) => [
      name,
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...POOLS[name]) },
        { weight: 2, arbitrary: arbTextFrom(POOLS[name], 3) },
        { weight: 1, arbitrary: hostile },
        { weight: 1, arbitrary: fc.anything({ withNullPrototype: true, maxDepth: 1 }) },
      ),
    ]),
  ) as Record<AttributeName, fc.Arbitrary<unknown>>,
  { requiredKeys: [] },
);
const arbCtx = fc.record({
  pageLang: fc.constantFrom(null, 'es-MX', 'pt', 'de', ''),
  browserLangs: fc.array(fc.constantFrom('en-IN', 'es-AR', 'pt-BR', 'fr-FR', ''), { maxLength: 3 }),
});

/** What a reader cannot see: white space, format characters, fillers (as engine/decisions/fees.ts). */
const visible = (s: string) =>
  s.replace(/[\p{White_Space}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu, '') !== '';

describe('fuzz: widget options', () => {
  it('never throw; every option is its default or a valid value; presentation parses back', () => {
    fuzz(
      'widget options',
      'no throw + valid values + presentation round trip',
      fc.tuple(arbRaw, arbCtx),
      ([raw, ctx]) => {
        const warnings: string[] = [];
        const o = parseOptions(raw, ctx, (key, message) => {
          expect(typeof key).toBe('string');
          expect(typeof message).toBe('string');
          warnings.push(message);
        });
        expect(LANGS).toContain(o.lang);
        for (const c of o.countries) expect(c).toMatch(/^[A-Z]{2}$/);
        expect(o.countries.length).toBeLessThanOrEqual(20);
        if (o.currency !== null) expect(o.currency).toMatch(/^[A-Z]{3}$/);
        if (o.month !== null) expect(o.month).toMatch(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/);
        expect(THEMES).toContain(o.theme);
        expect(SHARE_MODES).toContain(o.share);
        if (o.partnerFees !== null) expect(parsePartnerFees(o.partnerFees)).toEqual(o.partnerFees);
        if (o.rateCards !== null) expect(o.rateCards).not.toMatch(/^\s*(javascript|data|blob):/i);
        if (o.shareBase !== null) expect(o.shareBase).not.toMatch(/^(javascript|data|blob|vbscript):/i);
        if (o.cta !== null) {
          expect(o.cta.label.length).toBeGreaterThanOrEqual(1);
          expect(o.cta.label.length).toBeLessThanOrEqual(80);
          expect(visible(o.cta.label), JSON.stringify(o.cta.label)).toBe(true);
          if (o.cta.href !== null) expect(o.cta.href).not.toMatch(/^(javascript|data|blob|vbscript):/i);
        }
        if (o.accent !== null) expect(o.accent).toMatch(/^#[0-9a-f]{6}$/);
        const back = parseOptions(presentationAttributes(o), {}, () => {
          throw new Error('presentationAttributes wrote something parseOptions warns about');
        });
        expect({ ...back, lang: o.lang, langTags: o.langTags }).toMatchObject({
          theme: o.theme,
          accent: o.accent,
          partnerFees: o.partnerFees,
          partnerEditable: o.partnerEditable,
          cta: o.cta,
        });
      },
      1500,
    );
  });

  it('the hosted page’s query never throws', () => {
    fuzz(
      'widget options',
      'rawFromQuery: no throw',
      fc.oneof(
        fc.string({ maxLength: 80 }),
        fc
          .array(
            fc.tuple(
              fc.constantFrom(...ATTRIBUTE_NAMES, 'x', 'LANG', '__proto__'),
              fc.string({ maxLength: 8 }),
            ),
          )
          .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`),
      ),
      (search) => {
        const raw = rawFromQuery(search, () => {});
        for (const k of Object.keys(raw)) expect(ATTRIBUTE_NAMES).toContain(k);
        expect(() => parseOptions(raw, {}, () => {})).not.toThrow();
      },
      1000,
    );
  });
});
