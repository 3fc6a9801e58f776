/**
 * Fuzz: share links (widget/share/scenarioUrl.ts, widget/share/shareLink.ts). Oracles: decoding
 * any text never throws; a link that decodes is canonical (encode → decode gives it back) and is
 * one the widget accepts (its fields parse in the visitor's notation, and the link the widget
 * writes back decodes again); a form the widget accepts gives a link that brings the same scenario
 * back (form → link → form).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledRateCards } from '../../engine/index.ts';
import { formFromShare, fragmentIsOurs, linkFor, shareStateOf } from '../../widget/share/shareLink.ts';
import type { Lang } from '../../widget/lang.ts';
import { ACCOUNT_KEYS, derive, type Form, fxRate, initialForm, VOLUME_KEYS } from '../../widget/model.ts';
import { formatTypedNumber } from '../../widget/form/parseNumber.ts';
import { decodeScenario, encodeScenario, findScenarioParam } from '../../widget/share/scenarioUrl.ts';
import { arbTextFrom, fuzz, typedForm } from './fuzz.ts';

const ISO = bundledRateCards.markets.countries.map((c) => c.iso2);
const LOCALES: readonly [Lang, string][] = [
  ['en', 'en'],
  ['es', 'es'],
  ['pt-BR', 'pt-BR'],
  ['es', 'es-AR'],
  ['en', 'en-IN'],
  ['en', 'en-CH'],
  ['pt-BR', 'pt-PT'],
];
const TOKENS = [
  'v1',
  '_',
  '_',
  '_',
  'm2026-10',
  'm2023-06',
  'cUSD',
  'cBRL',
  'cEUR',
  'les',
  'lpt-BR',
  'len',
  'bMX',
  'bBR',
  'p2',
  'p1000000',
  'e0.1',
  'e1',
  'u0.25',
  'u0.000000000000000000001',
  'i0',
  't1',
  'BR*1000*2000*500*300*3',
  'MX*10*0*0*0*0',
  'IN*1000000000000*0*0*1000000000000*1',
  'US*0*0*0*3*0.333333333333333333',
  'xMXN17.25',
  'xBRL0.0000001',
  'zAmerica.Sao*Paulo',
  'zUTC',
  'kBRL',
  'gBR',
  'a2026-01-01',
  'aBR2026-01-01.MX2026-02-29',
  '*',
  '.',
  '0',
  '9',
  '1e5',
  '00',
  'v2',
  'xUSD1',
  'BR',
  'DE*1*2*3*4*5',
  'ZZ*1*1*1*1*1',
];
const arbLink = fc.oneof(
  arbTextFrom(TOKENS, 30),
  fc
    .array(fc.constantFrom(...TOKENS.filter((t) => t !== '_' && t !== 'v1')), { maxLength: 12 })
    .map((t) => ['v1', ...t].join('_')),
);

describe('fuzz: share links', () => {
  it('decoding any text never throws, and what decodes is canonical and accepted by the widget', () => {
    fuzz(
      'share links',
      'decode: no throw, canonical, widget accepts',
      fc.tuple(fc.oneof(arbLink, fc.string({ maxLength: 60 })), fc.constantFrom(...LOCALES)),
      ([text, [lang, locale]]) => {
        const r = decodeScenario(text);
        if (!r.ok) {
          expect(['empty', 'unsupported_version', 'malformed', 'too_long', 'invalid_field']).toContain(
            r.code,
          );
          return;
        }
        const again = decodeScenario(encodeScenario(r.state));
        expect(again).toEqual(r);
        const base = initialForm('2026-11', 'USD', ['MX'], locale);
        const form = formFromShare(r.state, base, locale);
        const d = derive(form, locale);
        expect([...d.errors.keys()], text).toEqual([]);
        if (r.state.fx) expect(fxRate(form, locale), text).not.toBeNull();
        const written = encodeScenario(shareStateOf(d.scenario!, form, lang, locale));
        expect(decodeScenario(written).ok, written).toBe(true);
      },
      2500,
    );
  });

  it('a form the widget accepts makes a link that brings the same scenario back', () => {
    const decimal = (maxInt: bigint, maxScale: number) =>
      fc
        .tuple(fc.bigInt({ min: 0n, max: maxInt }), fc.integer({ min: 0, max: maxScale }))
        .map(([n, scale]) => {
          const s = n.toString().padStart(scale + 1, '0');
          return scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
        });
    const arbForm = fc.record({
      locale: fc.constantFrom(...LOCALES),
      countries: fc.uniqueArray(fc.constantFrom(...ISO), { minLength: 1, maxLength: 20 }),
      volumes: fc.array(decimal(1_000_000_000_000n, 0), { minLength: 4, maxLength: 4 }),
      replies: decimal(1_000_000n, 12),
      percents: fc.array(decimal(100n, 12), { minLength: 3, maxLength: 3 }),
      phones: fc.integer({ min: 1, max: 1_000_000 }),
      business: fc.constantFrom('', 'MX', 'BR', 'IN'),
      fx: fc.option(decimal(1_000_000_000n, 12), { nil: undefined }),
    });
    fuzz(
      'share links',
      'form → link → form',
      arbForm,
      ({ locale: [lang, locale], countries, volumes, replies, percents, phones, business, fx }) => {
        const base = initialForm('2026-11', 'USD', countries, locale);
        const typed = (d: string) => formatTypedNumber(d, locale);
        const form: Form = {
          ...typedForm(base, volumes, replies, locale),
          businessCountry: business,
          account: {
            ...base.account,
            phoneNumbers: typed(String(phones)),
            entryPointShare: typed(percents[0]!),
            utilityInWindowShare: typed(percents[1]!),
            authInternationalShare: typed(percents[2]!),
          },
          fx: fx === undefined ? base.fx : { currency: 'MXN', rate: typed(fx) },
        };
        const d = derive(form, locale);
        if (d.scenario === null) return; // a form the widget refuses writes no link
        const value = encodeScenario(shareStateOf(d.scenario, form, lang, locale));
        const r = decodeScenario(value);
        expect(r, value).toMatchObject({ ok: true });
        if (!r.ok) return;
        const back = formFromShare(r.state, initialForm('2026-11', 'USD', ['US'], locale), locale);
        const d2 = derive(back, locale);
        expect([...d2.errors.keys()], value).toEqual([]);
        expect(d2.scenario, value).toEqual(d.scenario);
        expect(fxRate(back, locale)).toEqual(fxRate(form, locale));
        for (const k of ACCOUNT_KEYS) expect(typeof back.account[k]).toBe('string');
        for (const k of VOLUME_KEYS) expect(typeof back.rows[0]!.text[k]).toBe('string');
      },
      400,
    );
  });
});

describe('fuzz: share links in the page address', () => {
  it('a link written into any host address reads back the same value; reading never throws', () => {
    fuzz(
      'share links',
      'address round trip (linkFor → findScenarioParam)',
      fc.record({
        value: fc.constantFrom(
          'v1',
          'v1_les_MX*5000*0*0*0*0',
          'v1_m2026-10_cUSD_BR*1*2*3*4*0.5_zAmerica.Sao*Paulo',
        ),
        path: fc.constantFrom('/', '/calc', '/a%20b/', '/x?'),
        query: fc.oneof(
          fc.constant(''),
          fc.string({ maxLength: 12 }).map((q) => `?${encodeURIComponent(q)}`),
          fc.constant('?tarifa=v1_lpt-BR'),
        ),
        hash: fc.oneof(
          fc.constantFrom(
            '',
            '#',
            '#a=1',
            '#tarifa=old&b=2',
            '#a=1&tarifa=v1&tarifa=v2',
            '#%E2%82%AC=1',
            '#x=%',
            '#=&=',
          ),
          fc.string({ maxLength: 12 }).map((h) => `#${h}`),
        ),
      }),
      ({ value, path, query, hash }) => {
        const href = `https://host.example${path}${query}${hash}`;
        expect(() => findScenarioParam(query, hash)).not.toThrow();
        expect(() => fragmentIsOurs(hash)).not.toThrow();
        if (!fragmentIsOurs(new URL(href).hash)) return; // the host's anchor: the link is not written there
        const next = new URL(linkFor(value, href));
        expect(findScenarioParam(next.search, next.hash), next.href).toBe(value);
        expect(fragmentIsOurs(next.hash)).toBe(true);
      },
      1500,
    );
  });
});
