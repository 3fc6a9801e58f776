import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledRateCards, estimate, parseRateCards, validateRateCards } from '../../engine/index.ts';
import { readCsv } from '../../engine/import/csv.ts';
import {
  convertRate,
  deriveCard,
  type KnownCell,
  RATE_COLUMNS_ALL,
  ratioFromKnown,
  reproduce,
  stepRates,
  tolerance,
} from '../../engine/cards/derive.ts';
import { formerMarket, withFormerMarketTiers } from '../../engine/cards/formerMarketTiers.ts';
import type { RateCard } from '../../engine/types.ts';
import { defaultCountry } from '../defaults.ts';

const card = (id: string): RateCard => {
  const c = bundledRateCards.cards.find((x) => x.id === id);
  if (!c) throw new Error(`no card ${id}`);
  return c;
};

/** Every printed decimal of a card as a known cell. */
const knownOf = (c: RateCard, markets?: readonly string[]): KnownCell[] =>
  Object.entries(c.rates)
    .filter(([m]) => markets === undefined || markets.includes(m))
    .flatMap(([market, row]) =>
      RATE_COLUMNS_ALL.flatMap((column) => {
        const v = row[column];
        return typeof v === 'string' ? [{ market, column, value: v, basis: 'direct', sources: [] }] : [];
      }),
    );

/** The research's CLP July-2026 transcription (test/fixtures/ratecards, copied from the research folder). */
function clpCard(): RateCard {
  const text = readFileSync(
    join(import.meta.dirname, '..', 'fixtures', 'ratecards', 'pmp-2026-07-01-CLP.csv'),
    'utf8',
  );
  const [header, ...rows] = readCsv(text).map((r) => [...r.fields]);
  const rates: Record<string, Record<string, string | null>> = {};
  for (const r of rows) {
    const o = Object.fromEntries(header!.map((h, k) => [h, r[k]!]));
    rates[o.market!] = Object.fromEntries(
      RATE_COLUMNS_ALL.map((c) => [c, /^\d/.test(o[c] ?? '') ? o[c]! : null]),
    );
  }
  return { ...card('pmp-2026-07-01-USD'), id: 'pmp-2026-07-01-CLP', currency: 'CLP', rates, tiers: {} };
}

/** Derives a card from one row of a complete card and counts the cells of that card it reproduces. */
function fromEachRow(usd: RateCard, complete: RateCard) {
  let fixed = 0;
  const refused: Record<string, number> = {};
  let best = 0;
  let worst = Number.POSITIVE_INFINITY;
  for (const market of Object.keys(complete.rates)) {
    const r = deriveCard({ usd, currency: complete.currency, known: knownOf(complete, [market]) });
    if (!r.ok) {
      refused[r.code] = (refused[r.code] ?? 0) + 1;
      continue;
    }
    fixed++;
    const n = reproduce(usd, complete, r.ratio.ratio).reproduced;
    best = Math.max(best, n);
    worst = Math.min(worst, n);
  }
  return { fixed, refused, best, worst };
}

describe('derived local-currency cards: the method against the complete cards we hold', () => {
  // Figures reported in docs/rate-card-format.md § Derived cards and engine/data/README.md.
  it('CLP July 2026 (33 rows): one ratio, 882.9214, reproduces 93 of its 99 cells exactly', () => {
    const usd = card('pmp-2026-07-01-USD');
    const clp = clpCard();
    const r = ratioFromKnown(usd, knownOf(clp));
    expect(r).toMatchObject({ ok: true, ratio: '882.9214', reproduced: 93 });
    if (!r.ok) return;
    expect(r.from).toHaveLength(99);
    // The six it misses: Meta converted an unrounded USD figure (Spain, Italy, UK: July's +15 % / +20 %).
    expect([...r.notReproduced].sort()).toEqual(
      [
        'Hong Kong/authentication',
        'Hong Kong/utility',
        'Italy/marketing',
        'Poland/marketing',
        'Spain/marketing',
        'United Kingdom/marketing',
      ].sort(),
    );
    const rep = reproduce(usd, clp, r.ratio);
    expect([rep.compared, rep.reproduced]).toEqual([99, 93]);
    // Every cell is within the stated tolerance of the derived figure.
    const tol = Number(tolerance(r.ratio).replace('.', '')); // units of the last place
    for (const d of rep.differences) {
      const [, printed, derived] = /: (\S+) ≠ (\S+)$/.exec(d)!;
      expect(
        Math.abs(Number(printed!.replace('.', '')) - Number(derived!.replace('.', ''))),
        d,
      ).toBeLessThanOrEqual(tol);
    }
    // The research's rounder 882.92 reproduces fewer.
    expect(reproduce(usd, clp, '882.92').reproduced).toBe(60);
  });

  it('EUR July 2026 (complete): the known cells disagree beyond rounding, so the method refuses it whole', () => {
    const usd = card('pmp-2026-07-01-USD');
    const eur = card('pmp-2026-07-01-EUR');
    const r = ratioFromKnown(usd, knownOf(eur));
    expect(r).toMatchObject({ ok: false, code: 'ratio_contradiction' });
    // At the research's ratio 0.8282: 90 of 123 cells exactly; every other one within 3 units of the last place.
    const rep = reproduce(usd, eur, '0.8282');
    expect([rep.compared, rep.reproduced]).toEqual([123, 90]);
    // Derived from any single row that fixes a ratio: between `worst` and `best` cells reproduced.
    // 16 of the 38 rows fix a ratio alone; 20 leave it open; Colombia's and India's rows clash.
    expect(fromEachRow(usd, eur)).toEqual({
      fixed: 16,
      refused: { ratio_contradiction: 2, ratio_not_fixed: 20 },
      best: 92,
      worst: 58,
    });
  });

  it('INR October 2025 (complete): India is priced in INR, not converted, so the method refuses it', () => {
    const usd = card('pmp-2025-10-01-USD');
    const inr = card('pmp-2025-10-01-INR');
    const r = ratioFromKnown(usd, knownOf(inr));
    expect(r).toMatchObject({ ok: false, code: 'ratio_contradiction' });
    // India's utility, 0.1150 INR against 0.0014 USD, is 82 INR/USD; its marketing is 73.3.
    expect(ratioFromKnown(usd, knownOf(inr, ['India']))).toMatchObject({
      ok: false,
      code: 'ratio_contradiction',
    });
    // Without India too: INR's 4 decimals on figures near 1–10 are finer than USD × one ratio can
    // give (Nigeria's auth-intl is 73.33–73.43 INR/USD, Saudi Arabia's marketing 73.09–73.25);
    // at the research's 73.29, 10 of 105 cells are reproduced exactly.
    const rest = Object.keys(inr.rates).filter((m) => m !== 'India');
    expect(ratioFromKnown(usd, knownOf(inr, rest))).toEqual({
      ok: false,
      code: 'ratio_contradiction',
      detail: ['Nigeria/authentication_international', 'Saudi Arabia/marketing'],
    });
    const rep = reproduce(usd, inr, '73.29');
    expect([rep.compared, rep.reproduced]).toEqual([105, 10]);
  });
});

describe('derived local-currency cards: rules', () => {
  const usdOct = card('pmp-2026-10-01-USD');
  const brazil = (marketing: string, utility: string): KnownCell[] => [
    { market: 'Brazil', column: 'marketing', value: marketing, basis: 'direct+xcheck', sources: ['T04'] },
    { market: 'Brazil', column: 'utility', value: utility, basis: 'direct+xcheck', sources: ['T04'] },
  ];

  it('fixes the ratio with the fewest significant digits that reproduces every known cell', () => {
    expect(ratioFromKnown(usdOct, brazil('0.3217', '0.0350'))).toMatchObject({ ok: true, ratio: '5.147' });
    expect(convertRate('0.0625', '5.147')).toBe('0.3217');
    expect(convertRate('0.00005', '1')).toBe('0.0001'); // half-up
  });

  it('refuses known cells that disagree with one ratio beyond the rounding of both figures', () => {
    const r = deriveCard({ usd: usdOct, currency: 'BRL', known: brazil('0.3217', '0.0400') });
    expect(r).toEqual({
      ok: false,
      code: 'ratio_contradiction',
      detail: ['Brazil/utility', 'Brazil/marketing'],
    });
  });

  it('refuses a ratio the known cells leave open (EUR October 2026: one approximate row)', () => {
    const known: KnownCell[] = [
      {
        market: 'Rest of Central & Eastern Europe',
        column: 'marketing',
        value: '0.0712',
        basis: 'direct-single-approx',
        sources: ['S37'],
      },
      {
        market: 'Rest of Central & Eastern Europe',
        column: 'utility',
        value: '0.0175',
        basis: 'direct-single-approx',
        sources: ['S37'],
      },
    ];
    expect(ratioFromKnown(usdOct, known)).toEqual({
      ok: false,
      code: 'ratio_not_fixed',
      detail: ['0.8274', '0.8275', '0.8276', '0.8277', '0.8278'],
    });
  });

  it('keeps known cells as printed, marks every other cell derived with the ratio and its evidence', () => {
    const known = [
      ...brazil('0.3217', '0.0350'),
      {
        market: 'Bangladesh',
        column: 'authentication_international' as const,
        value: '0.4940',
        basis: 'direct-single',
        sources: ['S20'],
      },
    ];
    const r = deriveCard({ usd: usdOct, currency: 'BRL', known });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.card;
    expect(c.id).toBe('pmp-2026-10-01-BRL');
    expect(c.derived).toEqual({
      from: 'pmp-2026-10-01-USD',
      ratio: '5.147',
      known: ['Brazil/marketing', 'Brazil/utility'],
      tolerance: '0.0004',
    });
    expect(c.rates.Brazil).toMatchObject({
      marketing: '0.3217',
      utility: '0.0350',
      authentication: '0.0350',
    });
    expect(c.provenance?.['Brazil/marketing']).toBeUndefined(); // known, plain basis
    expect(c.provenance?.['Brazil/authentication']).toMatchObject({ basis: 'derived', ratio: '5.147' });
    // A known cell beats the USD card even where the USD figure is missing.
    expect(usdOct.rates.Bangladesh!.authentication_international).toEqual({ missing: 'not-found' });
    expect(c.rates.Bangladesh!.authentication_international).toBe('0.4940');
    expect(c.provenance?.['Bangladesh/authentication_international']?.basis).toBe('direct-single');
    // n/a stays n/a; each derived cell is usd × 5.147, rounded half-up.
    expect(c.rates.Mexico!.authentication_international).toBeNull();
    expect(c.rates.Mexico!.marketing).toBe(convertRate(usdOct.rates.Mexico!.marketing as string, '5.147'));
    expect(c.provenance?.['Mexico/marketing']).toEqual({
      basis: 'derived',
      sources: ['S20', 'T04'],
      ratio: '5.147',
      from: ['Brazil/marketing'],
    });
    // Tier thresholds as the USD card's; band rates from Meta's steps on the local list rate.
    const usdBands = usdOct.tiers!.Mexico!.utility!.bands;
    const bands = c.tiers!.Mexico!.utility!.bands;
    expect(bands.map((b) => [b.from, b.to])).toEqual(usdBands.map((b) => [b.from, b.to]));
    expect(bands.map((b) => b.rate)).toEqual(stepRates(c.rates.Mexico!.utility as string, 'Mexico'));
    expect(c.tiers!.Mexico!.utility!.provenance.basis).toBe('derived');
  });

  it('band rates from Meta\u2019s fixed steps reproduce 434 of the 438 bands of Meta\u2019s April 2026 file', () => {
    const april = card('pmp-2026-04-01-USD');
    let bands = 0;
    const off: string[] = [];
    for (const [market, byCat] of Object.entries(april.tiers!))
      for (const [cat, t] of Object.entries(byCat)) {
        const steps = stepRates(t!.bands[0]!.rate as string, market);
        t!.bands.forEach((b, i) => {
          bands++;
          if (b.rate !== steps[i]) off.push(`${market}/${cat}/${i + 1}`);
        });
      }
    expect(bands).toBe(438);
    expect(off).toEqual([
      'Rest of Central & Eastern Europe/utility/3',
      'Rest of Central & Eastern Europe/utility/5',
      'Rest of Central & Eastern Europe/authentication/3',
      'Rest of Central & Eastern Europe/authentication/5',
    ]);
    expect(stepRates('0.1150', 'India')).toEqual([
      '0.1150',
      '0.1081',
      '0.1012',
      '0.0943',
      '0.0874',
      '0.0805',
    ]);
  });
});

describe('derived local-currency cards: the bundle', () => {
  const month = '2026-11';
  const countries = ['MX', 'BR', 'IN', 'ES', 'US'].map((c) => defaultCountry(c, { utility: 300_000 }));

  it('an estimate in BRL for November 2026 is complete for MX, BR, IN, ES and US', () => {
    const e = estimate({ month, countries }, { currency: 'BRL' });
    expect(e.incomplete).toBe(false);
    expect(e.cards).toEqual(['pmp-2026-10-01-BRL']);
    expect(e.lines.every((l) => l.rate !== null)).toBe(true);
    expect(new Set(e.lines.map((l) => l.country))).toEqual(new Set(['MX', 'BR', 'IN', 'ES', 'US']));
    // Brazil's known row, as printed.
    expect(e.lines.find((l) => l.country === 'BR' && l.category === 'marketing')!.rate).toBe('0.3217');
    // Derived cells say so.
    expect(e.warnings.some((w) => w.code === 'rate_carried' && w.detail.basis === 'derived')).toBe(true);
  });

  it('INR and EUR for November 2026: no card (the known rows fix no ratio), reported, never USD', () => {
    for (const currency of ['INR', 'EUR']) {
      const e = estimate({ month, countries }, { currency });
      expect(e.incomplete, currency).toBe(true);
      expect(e.total, currency).toBeNull();
      expect(e.cards, currency).toEqual([]);
      expect(e.warnings.map((w) => w.code)).toContain('no_card');
      const charged = e.lines.filter((l) => l.pricingType === 'regular');
      expect(charged.length).toBeGreaterThan(10);
      expect(charged.every((l) => l.rate === null && l.missing === 'no-card' && l.card === null)).toBe(true);
    }
  });

  it('every derived card converts its USD card at its ratio, except the known cells', () => {
    for (const c of bundledRateCards.cards) {
      if (!c.derived) continue;
      const usd = card(c.derived.from);
      const known = new Set(c.derived.known);
      expect(c.effectiveTo, c.id).toBe(usd.effectiveTo);
      for (const [market, row] of Object.entries(c.rates))
        for (const col of RATE_COLUMNS_ALL) {
          const u = usd.rates[market]?.[col];
          const v = row[col];
          if (known.has(`${market}/${col}`) || typeof u !== 'string') continue;
          expect(v, `${c.id} ${market}/${col}`).toBe(convertRate(u, c.derived.ratio));
          expect(c.provenance?.[`${market}/${col}`]?.basis).toBe('derived');
        }
    }
    expect(bundledRateCards.cards.filter((c) => c.derived).map((c) => [c.id, c.derived!.ratio])).toEqual([
      ['pmp-2026-10-01-AED', '3.6715'],
      ['pmp-2026-07-01-BRL', '5.147'],
      ['pmp-2026-10-01-BRL', '5.147'],
      ['pmp-2026-07-01-CLP', '882.9214'],
    ]);
  });
});

describe('tiers of the markets made standalone in 2026: honest by default, an assumption on request', () => {
  const NEW_OCT = ['Bangladesh', 'Iraq', 'Kuwait', 'Morocco', 'Nepal', 'Oman', 'Sri Lanka', 'Ukraine'];
  const NEW_JUL = ['Hong Kong', 'Hungary', 'Poland', 'Qatar', 'Romania', 'Singapore'];

  it('every one of the 15 has a reason code for its unknown thresholds, shown with tiers_unknown', () => {
    const oct = card('pmp-2026-10-01-USD');
    expect(oct.tiersUnknown).toEqual({
      ...Object.fromEntries([...NEW_OCT, ...NEW_JUL].map((m) => [m, 'new_market_thresholds_not_found'])),
      Kazakhstan: 'new_market_first_band_only',
    });
    expect(Object.keys(card('pmp-2026-07-01-USD').tiersUnknown ?? {}).sort()).toEqual([...NEW_JUL].sort());
    const e = estimate({ month: '2026-11', countries: [defaultCountry('HK', { utility: 300_000 })] });
    expect(e.warnings).toContainEqual({
      code: 'tiers_unknown',
      detail: {
        card: 'pmp-2026-10-01-USD',
        market: 'Hong Kong',
        column: 'utility',
        reason: 'new_market_thresholds_not_found',
      },
    });
    expect(e.lines.find((l) => l.category === 'utility')).toMatchObject({ tier: null, count: 300_000 });
  });

  it('withFormerMarketTiers (off unless passed): the former market’s thresholds, steps on the own list rate, warned', () => {
    expect(formerMarket(bundledRateCards, 'Hong Kong')).toEqual({
      market: 'Rest of Asia Pacific',
      until: '2026-06-30',
    });
    expect(formerMarket(bundledRateCards, 'Ukraine')).toEqual({
      market: 'Rest of Central & Eastern Europe',
      until: '2026-09-30',
    });
    expect(formerMarket(bundledRateCards, 'Brazil')).toBeUndefined();
    const set = withFormerMarketTiers(bundledRateCards);
    expect(
      bundledRateCards.cards.find((c) => c.id === 'pmp-2026-10-01-USD')!.tiers!['Hong Kong'],
    ).toBeUndefined();
    const oct = set.cards.find((c) => c.id === 'pmp-2026-10-01-USD')!;
    const hk = oct.tiers!['Hong Kong']!.utility!;
    const apac = oct.tiers!['Rest of Asia Pacific']!.utility!;
    expect(hk.bands.map((b) => [b.from, b.to])).toEqual(apac.bands.map((b) => [b.from, b.to]));
    expect(hk.bands.map((b) => b.rate)).toEqual(
      stepRates(oct.rates['Hong Kong']!.utility as string, 'Hong Kong'),
    );
    expect(hk.provenance.basis).toBe('assumed');
    // Kazakhstan's and Morocco's auth-international rates have no ladder in their former markets
    // (Other, Rest of Africa): still unknown, with their reasons. The others' auth-international
    // figures are themselves missing.
    expect(oct.tiersUnknown).toEqual({
      Kazakhstan: 'new_market_first_band_only',
      Morocco: 'new_market_thresholds_not_found',
    });
    const e = estimate(
      { month: '2026-11', countries: [defaultCountry('HK', { utility: 300_000 })] },
      { rateCards: set },
    );
    const lines = e.lines.filter((l) => l.category === 'utility' && l.pricingType === 'regular');
    expect(lines.map((l) => l.tier)).toEqual([
      { from: 0, to: apac.bands[0]!.to },
      { from: apac.bands[1]!.from, to: apac.bands[1]!.to },
    ]);
    expect(e.warnings).toContainEqual({
      code: 'tiers_carried',
      detail: { card: 'pmp-2026-10-01-USD', market: 'Hong Kong', column: 'utility' },
    });
    expect(e.warnings.some((w) => w.code === 'tiers_unknown' && w.detail.market === 'Hong Kong')).toBe(false);
  });
});

describe('derived cards in host-supplied sets (parseRateCards)', () => {
  it('keeps `derived`, `tiersUnknown` and the ratio of derived cells; rejects a malformed derivation', () => {
    const parsed = parseRateCards(JSON.parse(JSON.stringify(bundledRateCards)));
    const brl = parsed.cards.find((c) => c.id === 'pmp-2026-10-01-BRL')!;
    expect(brl).toEqual(card('pmp-2026-10-01-BRL'));
    expect(brl.provenance!['Mexico/marketing']).toMatchObject({ basis: 'derived', ratio: '5.147' });
    const bad = {
      ...bundledRateCards,
      cards: bundledRateCards.cards.map((c) =>
        c.id === 'pmp-2026-10-01-BRL' ? { ...c, derived: { ...c.derived!, ratio: 5.147 } } : c,
      ),
    };
    expect(validateRateCards(bad)).toEqual([
      expect.objectContaining({ field: expect.stringMatching(/\.derived$/), code: 'not_object' }),
    ]);
  });
});
