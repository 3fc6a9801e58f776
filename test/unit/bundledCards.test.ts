import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundledCardIds, bundledRateCards } from '../../engine/data/index.ts';
import { parseRateCards, validateRateCards } from '../../engine/cards/parse.ts';
import type { RateCard, RateCell } from '../../engine/types.ts';

const set = bundledRateCards;
const card = (id: string): RateCard => {
  const c = set.cards.find((x) => x.id === id);
  if (!c) throw new Error(`no card ${id}`);
  return c;
};
const cell = (id: string, market: string, col: string): RateCell | undefined =>
  (card(id).rates[market] as Record<string, RateCell> | undefined)?.[col];

const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

const USD_DATES = [
  'cbp-2023-06-01',
  'cbp-2024-06-01',
  'cbp-2024-07-01',
  'cbp-2024-08-01',
  'cbp-2024-10-01',
  'cbp-2024-11-01',
  'cbp-2025-02-01',
  'cbp-2025-04-01',
  'pmp-2025-07-01',
  'pmp-2025-10-01',
  'pmp-2026-01-01',
  'pmp-2026-04-01',
  'pmp-2026-07-01',
  'pmp-2026-10-01',
];
/** Local-currency cards reconstructed from the USD card (engine/cards/derive.ts; engine/data/README.md). */
const DERIVED = ['pmp-2026-07-01-BRL', 'pmp-2026-10-01-BRL', 'pmp-2026-07-01-CLP', 'pmp-2026-10-01-AED'];
const NEW_JUL_2026 = ['Hong Kong', 'Hungary', 'Poland', 'Qatar', 'Romania', 'Singapore'];
const NEW_OCT_2026 = [
  'Bangladesh',
  'Iraq',
  'Kazakhstan',
  'Kuwait',
  'Morocco',
  'Nepal',
  'Oman',
  'Sri Lanka',
  'Ukraine',
];

describe('bundled rate cards: structure', () => {
  it('pass validateRateCards with zero problems and parse', () => {
    expect(validateRateCards(set)).toEqual([]);
    expect(validateRateCards(JSON.stringify(set))).toEqual([]);
    expect(parseRateCards(set).cards).toHaveLength(set.cards.length);
    expect(set.formatVersion).toBe(1);
    expect(set.reviewedThrough).toBe('2026-12-31');
  });

  it("the lazy data module's checked sets (bundledSetOf, priced without a validator in the browser) are what the validator makes of them, each card alone and all together", async () => {
    const lazy = await import('../../engine/data/lazy.ts');
    expect(lazy.bundledSetOf([set.cards[0]!.id])).toBeNull();
    await Promise.all([
      lazy.loadBundledMarkets(),
      lazy.loadBundledSources(),
      ...set.cards.map((c) => lazy.loadBundledCard(c.id)),
    ]);
    for (const ids of [...set.cards.map((c) => [c.id]), set.cards.map((c) => c.id)]) {
      const trusted = lazy.bundledSetOf(ids)!;
      expect(validateRateCards(trusted), ids.join()).toEqual([]);
      // A copy, so the validator's verdict is not the one bundledSetOf recorded.
      expect(parseRateCards(JSON.parse(JSON.stringify(trusted))), ids.join()).toEqual(trusted);
    }
    expect(lazy.bundledSetOf(['no-such-card'])).toBeNull();
  });

  it('bundle every USD card, the complete INR and EUR cards and the derived local cards, and nothing else', () => {
    expect([...bundledCardIds].sort()).toEqual(
      [...USD_DATES.map((d) => `${d}-USD`), 'pmp-2025-10-01-INR', 'pmp-2026-07-01-EUR', ...DERIVED].sort(),
    );
    expect(set.cards.map((c) => c.id)).toEqual([...bundledCardIds]);
    // Only the derived cards say so; each converts the USD card of its own date.
    for (const c of set.cards) {
      expect(c.derived !== undefined, c.id).toBe(DERIVED.includes(c.id));
      if (c.derived) expect(c.derived.from).toBe(c.id.replace(/-[A-Z]{3}$/, '-USD'));
    }
  });

  it('name every card after its model, date and currency', () => {
    for (const c of set.cards) expect(c.id).toBe(`${c.model.toLowerCase()}-${c.effectiveFrom}-${c.currency}`);
  });

  it('chain USD cards day to day; the newest is open', () => {
    const usd = set.cards
      .filter((c) => c.currency === 'USD')
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    usd.forEach((c, k) => {
      const next = usd[k + 1];
      expect(c.effectiveTo, c.id).toBe(next ? dayBefore(next.effectiveFrom) : null);
      expect(c.model).toBe(c.effectiveFrom < '2025-07-01' ? 'CBP' : 'PMP');
    });
    expect(card('cbp-2023-06-01-USD').effectiveTo).toBe('2024-05-31');
    expect(card('pmp-2026-10-01-USD').effectiveTo).toBeNull();
    expect(card('pmp-2025-10-01-INR').effectiveTo).toBe('2025-12-31');
    expect(card('pmp-2026-07-01-EUR').effectiveTo).toBe('2026-09-30');
  });

  it('have the row count of Meta\u2019s cards (32, then 38 from Jul-2026, 47 from Oct-2026)', () => {
    for (const c of set.cards) {
      const n = Object.keys(c.rates).length;
      const expected = c.effectiveFrom >= '2026-10-01' ? 47 : c.effectiveFrom >= '2026-07-01' ? 38 : 32;
      expect(n, c.id).toBe(expected);
      expect(c.rates.Other, c.id).toBeDefined();
    }
  });

  it('cite only listed sources, and every missing cell says why', () => {
    const ids = new Set(Object.keys(set.sources));
    for (const c of set.cards) {
      for (const s of c.sources) expect(ids.has(s), `${c.id} ${s}`).toBe(true);
      for (const [market, row] of Object.entries(c.rates))
        for (const [col, v] of Object.entries(row)) {
          if (v !== null && typeof v === 'object') {
            expect(['not-found', 'conflict']).toContain(v.missing);
            expect(c.provenance?.[`${market}/${col}`]?.basis, `${c.id} ${market}/${col}`).toBe(v.missing);
          }
        }
      for (const p of Object.values(c.provenance ?? {})) {
        expect(p.basis).not.toMatch(/^(direct|direct\+xcheck|meta-file|rule)$/);
        expect((p.note ?? '').length).toBeLessThanOrEqual(201);
      }
    }
  });

  it('store service as Meta prints it: n/a (null) while free under PMP, the figure from Oct-2026', () => {
    for (const c of set.cards) {
      for (const [market, row] of Object.entries(c.rates)) {
        if (c.model === 'PMP' && c.effectiveFrom < '2026-10-01')
          expect(row.service, `${c.id} ${market}`).toBeNull();
        if (c.effectiveFrom >= '2026-10-01') expect(row.service, `${c.id} ${market}`).toBe(row.utility);
      }
    }
    expect(cell('cbp-2023-06-01-USD', 'Brazil', 'service')).toBe('0.0300');
  });

  it('stay compact', () => {
    expect(gzipSync(JSON.stringify(set.cards)).length).toBeLessThan(64 * 1024);
  });
});

describe('bundled rate cards: figures from the research', () => {
  it('CBP Brazil utility: 0.0350 from June 2023, 0.0080 from August 2024', () => {
    expect(cell('cbp-2023-06-01-USD', 'Brazil', 'utility')).toBe('0.0350');
    expect(cell('cbp-2023-06-01-USD', 'Brazil', 'marketing')).toBe('0.0625');
    expect(cell('cbp-2024-07-01-USD', 'Brazil', 'utility')).toBe('0.0350');
    expect(cell('cbp-2024-08-01-USD', 'Brazil', 'utility')).toBe('0.0080');
  });

  it('keeps printed decimals and n/a', () => {
    expect(cell('pmp-2026-04-01-USD', 'Argentina', 'utility')).toBe('0.0260');
    expect(cell('cbp-2023-06-01-USD', 'India', 'authentication')).toBeNull();
    expect(cell('cbp-2023-06-01-USD', 'Indonesia', 'authentication_international')).toBeNull();
    expect(cell('cbp-2024-06-01-USD', 'Indonesia', 'authentication_international')).toBe('0.1360');
    expect(cell('cbp-2024-07-01-USD', 'India', 'authentication')).toBe('0.0014');
  });

  it('Rest of Africa utility Aug/Oct 2024 is a conflict, not a figure', () => {
    expect(cell('cbp-2024-08-01-USD', 'Rest of Africa', 'utility')).toEqual({ missing: 'conflict' });
    expect(cell('cbp-2024-10-01-USD', 'Rest of Africa', 'utility')).toEqual({ missing: 'conflict' });
    expect(cell('cbp-2024-11-01-USD', 'Rest of Africa', 'utility')).toBe('0.0040');
  });

  it('PMP Jul-2025: Colombia, Egypt, Saudi Arabia utility/authentication not found; Argentina single-source', () => {
    for (const m of ['Colombia', 'Egypt', 'Saudi Arabia'])
      for (const col of ['utility', 'authentication'])
        expect(cell('pmp-2025-07-01-USD', m, col)).toEqual({ missing: 'not-found' });
    expect(cell('pmp-2025-07-01-USD', 'Argentina', 'utility')).toBe('0.0289');
    expect(card('pmp-2025-07-01-USD').provenance?.['Argentina/utility']).toMatchObject({
      basis: 'direct-single',
      sources: ['S28'],
    });
  });

  it('Oct-2026 auth-international: Kazakhstan 0.1600 (second pass); Bangladesh (only an AED figure) and six more not found', () => {
    const id = 'pmp-2026-10-01-USD';
    expect(cell(id, 'Kazakhstan', 'authentication_international')).toBe('0.1600');
    expect(card(id).provenance?.['Kazakhstan/authentication_international']?.sources).toEqual(['T15']);
    // A USD figure converted from the AED card would be a guess: it stays missing, with the reason.
    expect(cell(id, 'Bangladesh', 'authentication_international')).toEqual({ missing: 'not-found' });
    expect(card(id).provenance?.['Bangladesh/authentication_international']?.note).toMatch(
      /^Not published in USD/,
    );
    for (const m of ['Iraq', 'Kuwait', 'Nepal', 'Oman', 'Sri Lanka', 'Ukraine'])
      expect(cell(id, m, 'authentication_international')).toEqual({ missing: 'not-found' });
    expect(cell(id, 'Morocco', 'authentication_international')).toBe('0.0811');
  });

  it('other-currency cards', () => {
    expect(card('pmp-2025-10-01-INR').currency).toBe('INR');
    expect(cell('pmp-2025-10-01-INR', 'India', 'utility')).toBe('0.1150');
    expect(cell('pmp-2025-10-01-INR', 'India', 'authentication_international')).toBe('2.3000');
    expect(cell('pmp-2026-07-01-EUR', 'Egypt', 'authentication_international')).toBe('0.0538');
    expect(cell('pmp-2026-07-01-EUR', 'Rest of Central & Eastern Europe', 'utility')).toBe('0.0175');
  });

  it('April 2026 USD: Meta\u2019s own files, 438 tier bands', () => {
    const c = card('pmp-2026-04-01-USD');
    expect(c.sources).toEqual(['T01', 'T02']);
    expect(c.provenance).toBeUndefined();
    let bands = 0;
    for (const [market, byCat] of Object.entries(c.tiers ?? {}))
      for (const t of Object.values(byCat)) {
        expect(t.provenance, market).toEqual({ basis: 'meta-file', sources: ['T01'] });
        bands += t.bands.length;
      }
    expect(Object.keys(c.tiers ?? {})).toHaveLength(32);
    expect(bands).toBe(438);
    const brazil = c.tiers?.Brazil?.utility?.bands;
    expect(brazil?.[0]).toEqual({ from: 0, to: 250000, rate: '0.0068' });
    expect(brazil?.[5]).toEqual({ from: 70000001, to: null, rate: '0.0051' });
    expect(c.tiers?.Brazil?.authentication?.bands[0]).toEqual({ from: 0, to: 500000, rate: '0.0068' });
    // Printed values, not list × discount (Rest of CEE: 0.0190 at -10 %, 0.0169 at -20 %).
    expect(c.tiers?.['Rest of Central & Eastern Europe']?.utility?.bands.map((b) => b.rate)).toEqual([
      '0.0212',
      '0.0201',
      '0.0190',
      '0.0180',
      '0.0169',
      '0.0159',
    ]);
    expect(c.tiers?.Egypt?.authentication_international?.bands[5]).toEqual({
      from: 40000001,
      to: null,
      rate: '0.0488',
    });
  });
});

describe('bundled rate cards: tiers on other dates', () => {
  it('exist only on PMP cards; band 1 is the list rate', () => {
    for (const c of set.cards) {
      if (c.model === 'CBP') expect(c.tiers, c.id).toBeUndefined();
      for (const [market, byCat] of Object.entries(c.tiers ?? {}))
        for (const [cat, t] of Object.entries(byCat)) {
          const list = (c.rates[market] as Record<string, RateCell>)[cat];
          expect(list, `${c.id} ${market}/${cat}`).not.toBeNull();
          expect(t.bands[0]!.rate, `${c.id} ${market}/${cat}`).toEqual(list);
        }
    }
  });

  it('carried ladders say so and name Meta\u2019s April file', () => {
    for (const c of set.cards) {
      if (c.id === 'pmp-2026-04-01-USD') continue;
      for (const [market, byCat] of Object.entries(c.tiers ?? {}))
        for (const [cat, t] of Object.entries(byCat)) {
          const p = t.provenance;
          expect(p.basis, `${c.id} ${market}/${cat}`).not.toBe('meta-file');
          if (p.basis === 'carried') {
            expect(p.sources).toContain('T01');
            expect(p.note).toContain("thresholds from Meta's 2026-04-01 USD file (T01)");
          }
        }
    }
  });

  it('reuse April band rates only where the list rate is unchanged', () => {
    // Brazil utility 0.0068 as in April: every band known.
    expect(card('pmp-2025-10-01-USD').tiers?.Brazil?.utility?.bands.map((b) => b.rate)).toEqual(
      card('pmp-2026-04-01-USD').tiers?.Brazil?.utility?.bands.map((b) => b.rate),
    );
    // Argentina Jul-2025 0.0289 ≠ April 0.0260: band 1 only.
    const ar = card('pmp-2025-07-01-USD').tiers?.Argentina?.utility;
    expect(ar?.bands[0]?.rate).toBe('0.0289');
    expect(ar?.bands.slice(1).map((b) => b.rate)).toEqual(Array(5).fill({ missing: 'not-found' }));
    expect(ar?.bands.map((b) => b.to)).toEqual([100000, 1000000, 4500000, 15000000, 30000000, null]);
    // Pakistan Oct-2026 0.0150 ≠ April 0.0100.
    expect(card('pmp-2026-10-01-USD').tiers?.Pakistan?.utility?.bands[1]?.rate).toEqual({
      missing: 'not-found',
    });
    // EUR has no printed tier rates at all.
    expect(card('pmp-2026-07-01-EUR').tiers?.Brazil?.utility?.bands[1]?.rate).toEqual({
      missing: 'not-found',
    });
  });

  it('use the ladders sources printed for that date', () => {
    const roa = card('pmp-2026-10-01-USD').tiers?.['Rest of Africa']?.utility;
    expect(roa?.provenance).toMatchObject({ basis: 'direct-single', sources: ['S17'] });
    expect(roa?.bands.map((b) => b.rate)).toEqual([
      '0.0040',
      '0.0038',
      '0.0036',
      '0.0034',
      '0.0032',
      '0.0030',
    ]);
    const mx = card('pmp-2026-07-01-USD').tiers?.Mexico;
    expect(mx?.utility?.provenance.sources).toEqual(['S23']);
    // S23's authentication bands are wrong (copies of utility): April thresholds are carried instead.
    expect(mx?.authentication?.provenance.basis).toBe('carried');
    expect(mx?.authentication?.bands[0]?.to).toBe(250000);
    const il = card('pmp-2026-07-01-USD').tiers?.Israel?.utility;
    expect(il?.provenance.sources).toEqual(['T01', 'T14']);
    expect(il?.bands[1]?.rate).toBe('0.0050');
  });

  it('INR Oct-2025 India reuses the INR January-2026 ladder', () => {
    const t = card('pmp-2025-10-01-INR').tiers?.India?.utility;
    expect(t?.bands.map((b) => b.rate)).toEqual(['0.1150', '0.1081', '0.1012', '0.0943', '0.0874', '0.0805']);
    expect(t?.bands[0]?.to).toBe(25000000);
    expect(t?.provenance.basis).toBe('carried');
    const a = card('pmp-2025-10-01-INR').tiers?.India?.authentication;
    expect(a?.bands.map((b) => b.to)).toEqual([750000, 15000000, 20000000, 50000000, 100000000, null]);
    expect(a?.bands[5]?.rate).toBe('0.0805');
    // No INR auth-international ladder was printed anywhere: band 1 only.
    expect(card('pmp-2025-10-01-INR').tiers?.India?.authentication_international?.bands[1]?.rate).toEqual({
      missing: 'not-found',
    });
  });

  it('markets made standalone after April 2026 have no ladder (tiers unknown)', () => {
    for (const id of ['pmp-2026-07-01-USD', 'pmp-2026-07-01-EUR', 'pmp-2026-10-01-USD'])
      for (const m of NEW_JUL_2026) expect(card(id).tiers?.[m], `${id} ${m}`).toBeUndefined();
    for (const m of NEW_OCT_2026) expect(card('pmp-2026-10-01-USD').tiers?.[m], m).toBeUndefined();
  });

  it('auth-international ladders only where the card has that rate', () => {
    for (const c of set.cards)
      for (const [market, byCat] of Object.entries(c.tiers ?? {}))
        if (byCat.authentication_international)
          expect(typeof c.rates[market]?.authentication_international, `${c.id} ${market}`).toBe('string');
    expect(
      Object.entries(card('pmp-2025-07-01-USD').tiers ?? {}).filter(
        ([, t]) => t.authentication_international,
      ),
    ).toHaveLength(9);
  });
});

describe('bundled market mapping', () => {
  const countries = set.markets.countries;
  const entry = (iso: string) => countries.find((c) => c.iso2 === iso);
  const marketOn = (iso: string, day: string) =>
    entry(iso)?.markets.find((p) => p.from <= day && (p.to === null || day <= p.to));

  it('defaults to Other and lists each country once', () => {
    expect(set.markets.defaultMarket).toBe('Other');
    expect(new Set(countries.map((c) => c.iso2)).size).toBe(countries.length);
    expect(countries.length).toBeGreaterThan(200);
  });

  it('routes +1 by area code: CA, DO, JM, PR and other NANP countries; US is the fallback', () => {
    expect(entry('US')).toMatchObject({ callingCode: '1', prefixes: [] });
    expect(entry('CA')?.prefixes).toEqual(expect.arrayContaining(['416', '514', '604', '905']));
    expect(entry('CA')?.prefixes).not.toContain('212');
    expect(entry('DO')?.prefixes).toEqual(['809', '829', '849']);
    expect(entry('JM')?.prefixes).toEqual(['658', '876']);
    expect(entry('PR')?.prefixes).toEqual(['787', '939']);
    expect(entry('BS')).toMatchObject({ callingCode: '1', prefixes: ['242'], markets: [] });
    for (const iso of ['US', 'CA']) expect(marketOn(iso, '2024-01-01')?.market).toBe('North America');
    for (const iso of ['DO', 'JM', 'PR'])
      expect(marketOn(iso, '2024-01-01')?.market).toBe('Rest of Latin America');
    for (const c of countries)
      if (c.callingCode === '1' && c.iso2 !== 'US')
        expect(
          c.prefixes.every((p) => /^\d{3}$/.test(p)),
          c.iso2,
        ).toBe(true);
  });

  it('Kazakhstan shares +7: ambiguous Other before Oct-2026, own market after', () => {
    expect(entry('RU')).toMatchObject({ callingCode: '7', prefixes: [] });
    expect(entry('KZ')).toMatchObject({ callingCode: '7', prefixes: ['6', '7'] });
    expect(marketOn('KZ', '2025-01-01')).toMatchObject({ market: 'Other', confidence: 'ambiguous' });
    expect(marketOn('KZ', '2026-10-01')?.market).toBe('Kazakhstan');
    expect(marketOn('KZ', '2026-10-01')?.note).toContain('S34');
  });

  it('follows the dated moves', () => {
    expect(marketOn('ZW', '2025-09-30')?.market).toBe('Other');
    expect(marketOn('ZW', '2025-10-01')?.market).toBe('Rest of Africa');
    expect(marketOn('HK', '2026-06-30')?.market).toBe('Rest of Asia Pacific');
    expect(marketOn('HK', '2026-07-01')?.market).toBe('Hong Kong');
    expect(marketOn('MA', '2026-10-01')?.market).toBe('Morocco');
    expect(entry('BR')?.markets).toEqual([
      { market: 'Brazil', from: '2023-06-01', to: null, sources: ['S24', 'S26'] },
    ]);
  });

  it('gives secondary territories of a shared code no entry (they route to the main country)', () => {
    for (const iso of ['GG', 'JE', 'IM', 'VA', 'AX', 'EH']) expect(entry(iso), iso).toBeUndefined();
    expect(entry('GB')).toMatchObject({ callingCode: '44', prefixes: [] });
  });

  it('every market a country maps to is a row of the card in force', () => {
    for (const c of set.cards) {
      for (const day of [c.effectiveFrom, c.effectiveTo ?? c.effectiveFrom]) {
        for (const country of countries) {
          const p = marketOn(country.iso2, day);
          if (!p || p.confidence === 'ambiguous') continue;
          expect(c.rates[p.market], `${c.id} ${country.iso2} → ${p.market} on ${day}`).toBeDefined();
        }
      }
    }
  });
});
