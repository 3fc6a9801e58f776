import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TarifaInputError } from '../../engine/errors.ts';
import { parseRateCards, validateRateCards } from '../../engine/cards/parse.ts';

/** A small complete set: one PMP card with a tier ladder, one market mapping, one source. */
// biome-ignore lint/suspicious/noExplicitAny: the fixture is mutated freely to build faulty sets
function minimal(): Record<string, any> {
  return {
    formatVersion: 1,
    reviewedThrough: '2026-12-31',
    sources: { S1: { id: 'S1', locator: 'test fixture' } },
    markets: {
      defaultMarket: 'Other',
      countries: [
        {
          iso2: 'BR',
          callingCode: '55',
          prefixes: [],
          markets: [{ market: 'Brazil', from: '2025-07-01', to: null, sources: ['S1'] }],
        },
        { iso2: 'US', callingCode: '1', prefixes: [], markets: [] },
        { iso2: 'DO', callingCode: '1', prefixes: ['809', '829', '849'], markets: [] },
      ],
    },
    cards: [
      {
        id: 'pmp-2025-07-01-USD',
        model: 'PMP',
        currency: 'USD',
        effectiveFrom: '2025-07-01',
        effectiveTo: '2025-09-30',
        sources: ['S1'],
        rates: {
          Brazil: {
            marketing: '0.0625',
            utility: '0.0068',
            authentication: '0.0068',
            authentication_international: null,
            service: null,
          },
          Other: { marketing: '0.0604', utility: { missing: 'not-found' } },
        },
        provenance: { 'Other/utility': { basis: 'not-found', sources: ['S1'], note: 'n/f' } },
        tiers: {
          Brazil: {
            utility: {
              bands: [
                { from: 0, to: 250000, rate: '0.0068' },
                { from: 250001, to: 2000000, rate: { missing: 'not-found' } },
                { from: 2000001, to: null, rate: '0.0061' },
              ],
              provenance: { basis: 'carried', sources: ['S1'] },
            },
          },
        },
      },
      {
        id: 'pmp-2025-10-01-USD',
        model: 'PMP',
        currency: 'USD',
        effectiveFrom: '2025-10-01',
        effectiveTo: null,
        sources: [],
        rates: { Brazil: { marketing: '0.0625' } },
      },
    ],
  };
}

function codes(json: unknown): string[] {
  return validateRateCards(json).map((p) => `${p.field}:${p.code}`);
}

describe('validateRateCards / parseRateCards', () => {
  it('accepts a minimal complete set, as an object or as JSON text', () => {
    expect(validateRateCards(minimal())).toEqual([]);
    expect(validateRateCards(JSON.stringify(minimal()))).toEqual([]);
    const set = parseRateCards(JSON.stringify(minimal()));
    expect(set.cards.map((c) => c.id)).toEqual(['pmp-2025-07-01-USD', 'pmp-2025-10-01-USD']);
    expect(set.cards[0]!.tiers!.Brazil!.utility!.bands[2]).toEqual({
      from: 2000001,
      to: null,
      rate: '0.0061',
    });
  });

  it('accepts the example of docs/rate-card-format.md', () => {
    const doc = readFileSync(new URL('../../docs/rate-card-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(validateRateCards(example)).toEqual([]);
    expect(parseRateCards(example).cards[0]!.tiers!.Brazil!.utility!.bands).toHaveLength(6);
  });

  it('returns a deep-frozen, normalised copy', () => {
    const input = minimal();
    input.extra = 'dropped';
    input.cards[0].rates.Brazil = { service: null, marketing: '0.0625', utility: '0.0068' };
    input.cards.reverse();
    const set = parseRateCards(input);
    expect(set).not.toBe(input);
    expect(Object.isFrozen(set)).toBe(true);
    expect(Object.isFrozen(set.cards[0]!.tiers!.Brazil!.utility!.bands[1]!.rate)).toBe(true);
    expect(Object.isFrozen(set.markets.countries[2]!.prefixes)).toBe(true);
    expect('extra' in set).toBe(false);
    expect(set.cards.map((c) => c.effectiveFrom)).toEqual(['2025-07-01', '2025-10-01']);
    expect(Object.keys(set.cards[0]!.rates.Brazil!)).toEqual(['marketing', 'utility', 'service']);
    // The input was not frozen or changed.
    expect(Object.isFrozen(input)).toBe(false);
    expect(input.cards[0].id).toBe('pmp-2025-10-01-USD');
  });

  it('defaults sources to {} and then does not check citations', () => {
    const s = minimal();
    delete s.sources;
    s.cards[0].sources = ['NOT-LISTED'];
    expect(validateRateCards(s)).toEqual([]);
    expect(parseRateCards(s).sources).toEqual({});
  });

  it('reports not_json and not_object at the root', () => {
    expect(validateRateCards('{"formatVersion": 1,')).toEqual([
      { index: -1, field: '', code: 'not_json', value: '{"formatVersion": 1,' },
    ]);
    expect(codes('[]')).toEqual([':not_object']);
    expect(codes(42)).toEqual([':not_object']);
    expect(codes(null)).toEqual([':not_object']);
    expect(codes(undefined)).toEqual([':not_object']);
  });

  it('lists every problem at once, each with its path (3 faults → 3 problems)', () => {
    const s = minimal();
    s.formatVersion = 2;
    s.cards[0].rates.Brazil.utility = 0.0068;
    s.cards[1].currency = 'usd';
    const problems = validateRateCards(s);
    expect(problems).toEqual([
      { index: -1, field: 'formatVersion', code: 'format_version', value: 2 },
      { index: -1, field: 'cards[0].rates.Brazil.utility', code: 'bad_rate', value: 0.0068 },
      { index: -1, field: 'cards[1].currency', code: 'bad_currency', value: 'usd' },
    ]);
    let thrown: unknown;
    try {
      parseRateCards(s);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TarifaInputError);
    expect((thrown as TarifaInputError).problems).toEqual(problems);
  });

  it.each([
    ['1e3'],
    ['-0.1'],
    ['NaN'],
    ['Infinity'],
    ['.5'],
    ['1.'],
    [' 0.1'],
    ['0,0625'],
    [''],
    [0.0625],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [1000],
  ])('rejects the rate %j with bad_rate', (rate) => {
    const s = minimal();
    s.cards[0].rates.Brazil.marketing = rate;
    expect(validateRateCards(s)).toEqual([
      { index: -1, field: 'cards[0].rates.Brazil.marketing', code: 'bad_rate', value: rate },
    ]);
  });

  it('accepts decimal strings as printed, including integers and many decimals', () => {
    const s = minimal();
    s.cards[0].rates.Brazil.marketing = '0.06250000';
    s.cards[0].rates.Other.marketing = '1940';
    expect(validateRateCards(s)).toEqual([]);
  });

  it.each([[{ missing: '' }], [{ missing: 'not-found', extra: 1 }], [{}], [true], [[]], [{ missing: 3 }]])(
    'rejects the cell %j with bad_cell',
    (cell) => {
      const s = minimal();
      s.cards[0].rates.Other.marketing = cell;
      expect(codes(s)).toEqual(['cards[0].rates.Other.marketing:bad_cell']);
    },
  );

  it('checks dates are real calendar days', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-7-01', '2025-04-31', '20250701', 20250701]) {
      const s = minimal();
      s.cards[0].effectiveFrom = bad;
      expect(codes(s)).toEqual(['cards[0].effectiveFrom:bad_date']);
    }
    const leap = minimal();
    leap.cards[0].effectiveFrom = '2024-02-29';
    expect(validateRateCards(leap)).toEqual([]);
    const r = minimal();
    r.reviewedThrough = '2026-12-32';
    expect(codes(r)).toEqual(['reviewedThrough:bad_date']);
  });

  it('reports bad_model, date_order, duplicate_id and missing fields', () => {
    const s = minimal();
    s.cards[0].model = 'pmp';
    s.cards[0].effectiveTo = '2025-06-30';
    s.cards[1].id = 'pmp-2025-07-01-USD';
    delete s.cards[1].rates;
    expect(codes(s)).toEqual([
      'cards[0].model:bad_model',
      'cards[0].effectiveTo:date_order',
      'cards[1].rates:missing_field',
      'cards[1].id:duplicate_id',
    ]);
    const t = minimal();
    delete t.cards;
    delete t.markets;
    delete t.formatVersion;
    expect(codes(t)).toEqual(['formatVersion:missing_field', 'markets:missing_field', 'cards:missing_field']);
  });

  it('rejects two cards of one currency in force on the same day', () => {
    const s = minimal();
    s.cards[0].effectiveTo = '2025-10-01';
    expect(validateRateCards(s)).toEqual([
      { index: -1, field: 'cards[1].effectiveFrom', code: 'overlap', value: 'pmp-2025-07-01-USD' },
    ]);
    const open = minimal();
    open.cards[0].effectiveTo = null;
    expect(codes(open)).toEqual(['cards[1].effectiveFrom:overlap']);
    // Same dates in another currency are fine.
    const other = minimal();
    other.cards[1].effectiveFrom = '2025-07-01';
    other.cards[1].currency = 'INR';
    expect(validateRateCards(other)).toEqual([]);
  });

  it('rejects unknown columns and tier categories', () => {
    const s = minimal();
    s.cards[0].rates.Brazil.voice = '0.01';
    s.cards[0].tiers.Brazil.marketing = s.cards[0].tiers.Brazil.utility;
    s.cards[0].provenance['Brazil/calls'] = { basis: 'direct', sources: [] };
    expect(codes(s)).toEqual([
      'cards[0].rates.Brazil.voice:unknown_category',
      'cards[0].provenance.Brazil/calls:unknown_category',
      'cards[0].tiers.Brazil.marketing:unknown_category',
    ]);
  });

  describe('tier ladders', () => {
    // biome-ignore lint/suspicious/noExplicitAny: faulty bands on purpose
    const withBands = (mutate: (bands: any[]) => void) => {
      const s = minimal();
      mutate(s.cards[0].tiers.Brazil.utility.bands);
      return codes(s);
    };
    it('must start at 0', () => {
      expect(withBands((b) => (b[0].from = 1))).toEqual([
        'cards[0].tiers.Brazil.utility.bands[0].from:bad_tiers',
      ]);
    });
    it('must be contiguous', () => {
      expect(withBands((b) => (b[1].from = 250002))).toEqual([
        'cards[0].tiers.Brazil.utility.bands[1].from:bad_tiers',
      ]);
      expect(withBands((b) => (b[2].from = 2000000))).toEqual([
        'cards[0].tiers.Brazil.utility.bands[2].from:bad_tiers',
      ]);
    });
    it('only the last band is open, and it is open', () => {
      expect(withBands((b) => (b[1].to = null))).toEqual([
        'cards[0].tiers.Brazil.utility.bands[1].to:bad_tiers',
      ]);
      expect(withBands((b) => (b[2].to = 9000000))).toEqual([
        'cards[0].tiers.Brazil.utility.bands[2].to:bad_tiers',
      ]);
    });
    it('bounds are integers and rates are cells', () => {
      expect(withBands((b) => (b[0].to = 250000.5))).toEqual([
        'cards[0].tiers.Brazil.utility.bands[0].to:bad_tiers',
      ]);
      expect(withBands((b) => (b[1].from = '250001'))).toEqual([
        'cards[0].tiers.Brazil.utility.bands[1].from:bad_tiers',
      ]);
      expect(withBands((b) => (b[2].rate = 0.0061))).toEqual([
        'cards[0].tiers.Brazil.utility.bands[2].rate:bad_rate',
      ]);
      expect(withBands((b) => b.splice(0))).toEqual(['cards[0].tiers.Brazil.utility.bands:bad_tiers']);
    });
    it('band 1 is the list rate', () => {
      expect(withBands((b) => (b[0].rate = '0.0070'))).toEqual([
        'cards[0].tiers.Brazil.utility.bands[0].rate:bad_tiers',
      ]);
      expect(withBands((b) => (b[0].rate = '0.00680'))).toEqual([]);
    });
    it('needs provenance and a market with a row, and no ladder for an n/a column', () => {
      const s = minimal();
      delete s.cards[0].tiers.Brazil.utility.provenance;
      s.cards[0].tiers.Chile = { utility: s.cards[0].tiers.Brazil.utility };
      s.cards[0].tiers.Brazil.authentication_international = { bands: [{ from: 0, to: null, rate: '0.1' }] };
      expect(codes(s)).toEqual([
        'cards[0].tiers.Brazil.utility.provenance:missing_field',
        'cards[0].tiers.Brazil.authentication_international:bad_tiers',
        'cards[0].tiers.Chile:bad_tiers',
      ]);
    });
  });

  it('reports sources cited but not listed, when sources are listed', () => {
    const s = minimal();
    s.cards[0].sources = ['S1', 'S9'];
    s.cards[0].provenance['Other/utility'].sources = ['S8'];
    s.markets.countries[0].markets[0].sources = ['S7'];
    expect(validateRateCards(s)).toEqual([
      { index: -1, field: 'markets.countries[0].markets[0].sources[0]', code: 'unknown_source', value: 'S7' },
      { index: -1, field: 'cards[0].sources[1]', code: 'unknown_source', value: 'S9' },
      {
        index: -1,
        field: 'cards[0].provenance.Other/utility.sources[0]',
        code: 'unknown_source',
        value: 'S8',
      },
    ]);
  });

  it('checks the sources table and provenance entries', () => {
    const s = minimal();
    s.sources.S2 = { id: 'S3', locator: '' };
    s.cards[0].provenance['Other/utility'] = { basis: '', sources: 'S1' };
    s.cards[0].provenance['Chile/utility'] = { basis: 'direct', sources: [] };
    expect(codes(s)).toEqual([
      'sources.S2.id:bad_source',
      'sources.S2.locator:bad_source',
      'cards[0].provenance.Other/utility.basis:bad_provenance',
      'cards[0].provenance.Other/utility.sources:bad_provenance',
      'cards[0].provenance.Chile/utility:bad_provenance',
    ]);
  });

  it('checks the market mapping', () => {
    const s = minimal();
    s.markets.countries[0].iso2 = 'br';
    s.markets.countries.push({ iso2: 'JM', callingCode: '1', prefixes: ['809'], markets: [] });
    s.markets.countries.push({ iso2: 'CA', callingCode: '1', prefixes: [], markets: [] });
    s.markets.countries[1].markets = [
      { market: 'North America', from: '2023-06-01', to: '2025-12-31', sources: [] },
      { market: 'Other', from: '2025-12-31', to: null, sources: [] },
    ];
    s.markets.countries[2].markets = [
      { market: '', from: '2023-06-01', to: '2023-05-31', confidence: 'maybe' },
    ];
    expect(codes(s)).toEqual([
      'markets.countries[0].iso2:bad_market_mapping',
      'markets.countries[1].markets:bad_market_mapping',
      'markets.countries[2].markets[0].market:bad_market_mapping',
      'markets.countries[2].markets[0].to:date_order',
      'markets.countries[2].markets[0].confidence:bad_market_mapping',
      'markets.countries[3].prefixes:bad_market_mapping',
      'markets.countries[4].prefixes:bad_market_mapping',
    ]);
    const d = minimal();
    d.markets.countries.push({ ...d.markets.countries[0], callingCode: '+55' });
    expect(codes(d)).toEqual([
      'markets.countries[3].iso2:bad_market_mapping',
      'markets.countries[3].callingCode:bad_market_mapping',
    ]);
  });
});

describe('rate-card sets: hostile input (issue 13)', () => {
  it('limits rates to 12 integer digits and 12 decimals, with the path of the cell', () => {
    const ok = minimal();
    ok.cards[0].rates.Other.marketing = '999999999999.000000000001';
    expect(validateRateCards(ok)).toEqual([]);
    const s = minimal();
    s.cards[0].rates.Brazil.marketing = '0.0000000000001'; // 13 decimals
    s.cards[0].rates.Other.marketing = '1234567890123'; // 13 integer digits
    s.cards[0].tiers.Brazil.utility.bands[2].rate = `0.${'0'.repeat(400)}1`; // once threw inside estimate()
    expect(codes(s)).toEqual([
      'cards[0].rates.Brazil.marketing:rate_precision',
      'cards[0].rates.Other.marketing:rate_precision',
      'cards[0].tiers.Brazil.utility.bands[2].rate:rate_precision',
    ]);
    // Not a decimal at all stays bad_rate.
    const bad = minimal();
    bad.cards[0].rates.Brazil.marketing = '1e-3';
    expect(codes(bad)).toEqual(['cards[0].rates.Brazil.marketing:bad_rate']);
  });

  it('refuses __proto__, constructor and prototype as names (they once vanished or hit Object)', () => {
    const text = JSON.stringify(minimal()).replace('"Other":{"marketing"', '"__proto__":{"marketing"');
    expect(text).toContain('"__proto__"');
    expect(codes(text)).toEqual([
      'cards[0].rates.__proto__:reserved_key',
      'cards[0].provenance.Other/utility:bad_provenance',
    ]);
    const s = minimal();
    s.cards[1].rates.constructor = { marketing: '0.01' };
    s.markets.defaultMarket = 'constructor';
    s.markets.countries[0].markets[0].market = 'prototype';
    s.sources.prototype = { id: 'prototype', locator: 'x' };
    expect(codes(s)).toEqual([
      'sources.prototype:reserved_key',
      'markets.defaultMarket:reserved_key',
      'markets.countries[0].markets[0].market:reserved_key',
      'cards[1].rates.constructor:reserved_key',
    ]);
    expect(() => parseRateCards(s)).toThrow(TarifaInputError);
  });

  it('finds overlapping cards by sorting: one problem per card that starts before an earlier one ends', () => {
    const s = minimal();
    const base = s.cards[1];
    // Cards out of order: [0] Jul–Sep, [1] Oct–open, [2] Aug–Aug (inside [0]), [3] Nov (inside [1]),
    // [4] 2024 Jan–Dec (alone), [5] INR on the same dates as [1] (another currency).
    s.cards.push(
      { ...base, id: 'c2', effectiveFrom: '2025-08-01', effectiveTo: '2025-08-31' },
      { ...base, id: 'c3', effectiveFrom: '2025-11-01', effectiveTo: '2025-11-30' },
      { ...base, id: 'c4', effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' },
      { ...base, id: 'c5', currency: 'INR' },
    );
    expect(validateRateCards(s)).toEqual([
      { index: -1, field: 'cards[2].effectiveFrom', code: 'overlap', value: 'pmp-2025-07-01-USD' },
      { index: -1, field: 'cards[3].effectiveFrom', code: 'overlap', value: 'pmp-2025-10-01-USD' },
    ]);
  });

  it('lists n − 1 overlaps (not n²/2) for n cards all in force at once', () => {
    const s = minimal();
    const base = s.cards[1];
    const n = 5_000;
    s.cards = Array.from({ length: n }, (_, k) => ({ ...base, id: `c${k}` }));
    const problems = validateRateCards(s);
    expect(problems).toHaveLength(n - 1);
    expect(problems[0]).toEqual({ index: -1, field: 'cards[1].effectiveFrom', code: 'overlap', value: 'c0' });
    expect(problems.at(-1)).toEqual({
      index: -1,
      field: `cards[${n - 1}].effectiveFrom`,
      code: 'overlap',
      value: 'c0',
    });
  });

  it('lists the first 10,000 problems and counts the rest in a last too_many_problems', () => {
    const s = minimal();
    const base = s.cards[1];
    s.cards = Array.from({ length: 25_000 }, (_, k) => ({ ...base, id: `c${k}` })); // 24,999 overlaps
    const problems = validateRateCards(s);
    expect(problems).toHaveLength(10_001);
    expect(problems[9_999]).toMatchObject({ field: 'cards[10000].effectiveFrom', code: 'overlap' });
    expect(problems[10_000]).toEqual({ index: -1, field: '', code: 'too_many_problems', value: 14_999 });
    expect(() => parseRateCards(s)).toThrow(TarifaInputError);
  });
});
