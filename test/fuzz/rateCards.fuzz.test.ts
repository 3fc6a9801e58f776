/**
 * Fuzz: rate-card JSON (engine/cards/parse.ts). Edits of a small valid set (a CBP card, a
 * PMP card with tiers, a local-currency card). Oracles: parseRateCards throws nothing but
 * TarifaInputError and validateRateCards nothing at all; they agree (no problem ⇔ a set); the
 * JSON text and the object give the same problems; a parsed set parses again to itself and
 * prices scenarios (estimate throws nothing but TarifaInputError, totals are exact amounts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bundledRateCards,
  estimate,
  parseRateCards,
  type RateCardSet,
  TarifaInputError,
  validateRateCards,
} from '../../engine/index.ts';
import { isAmountString } from '../../engine/money.ts';
import { arbMutations, fuzz, mutate, ratesWithinPrecision } from './fuzz.ts';

// biome-ignore lint/suspicious/noExplicitAny: a JSON document, edited freely
type Json = Record<string, any>;
const KEEP = new Set(['Brazil', 'India', 'Mexico', 'Other', 'Rest of Asia Pacific']);
function smallSet(): Json {
  const j = JSON.parse(JSON.stringify(bundledRateCards)) as Json;
  const trim = (c: Json) => {
    const pick = (o: Json) => Object.fromEntries(Object.entries(o).filter(([k]) => KEEP.has(k)));
    const { notes: _n, provenance: _p, ...rest } = c;
    return { ...rest, rates: pick(c.rates), ...(c.tiers ? { tiers: pick(c.tiers) } : {}) };
  };
  const byId = (id: string) => j.cards.find((c: Json) => c.id === id);
  return {
    ...j,
    sources: {},
    cards: [trim(j.cards[0]), trim(byId('pmp-2026-04-01-USD')), trim(byId('pmp-2025-10-01-INR'))],
    markets: {
      ...j.markets,
      countries: j.markets.countries
        .filter((c: Json) => ['BR', 'IN', 'MX', 'AC', 'AF', 'US'].includes(c.iso2))
        .map((c: Json) => ({ ...c, markets: c.markets.filter((m: Json) => KEEP.has(m.market)) })),
    },
  };
}
const BASE = smallSet();

const arbValue = fc.oneof(
  fc.constantFrom(
    '0.0000000000001',
    '0.000000000001',
    '1'.repeat(30),
    '123456789012.123456789012',
    '1e-5',
    '-0.01',
    '0.01',
    0.01,
    null,
    '',
    'n/a',
    '__proto__',
    'constructor',
    '2026-02-30',
    '2026-10-01',
    '2023-05-31',
    '9999-12-31',
    'PMP',
    'CBP',
    'USD',
    'usd',
    0,
    -1,
    1e21,
    250001,
    2000000,
    'x'.repeat(300),
    {},
    [],
    true,
  ),
  fc.jsonValue({ maxDepth: 2 }),
);
const arbKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'Brazil',
  'India',
  'extra',
  'rates',
  'tiers',
  'to',
  'from',
  'marketing',
  'authentication_international',
);

const COUNTRIES = ['BR', 'IN', 'MX', 'AF', 'US', 'DE'];
function prices(set: RateCardSet, month: string, currency: string, country: string): void {
  try {
    const e = estimate(
      {
        month,
        countries: [
          {
            country,
            marketing: 3e6,
            utility: 3e6,
            authentication: 1e6,
            conversations: 10,
            repliesPerConversation: 1,
          },
        ],
      },
      { rateCards: set, currency },
    );
    // A month with no card in the currency has no total (issue 12), and says it is incomplete.
    if (e.total === null) expect(e.incomplete).toBe(true);
    else expect(isAmountString(e.total), e.total).toBe(true);
  } catch (e) {
    if (!(e instanceof TarifaInputError)) throw e;
  }
}

describe('fuzz: rate-card JSON', () => {
  it('the base set is valid', () => {
    expect(validateRateCards(BASE)).toEqual([]);
  });

  it('edits of a valid set: only TarifaInputError, validate ⇔ parse, text ⇔ object, a set prices', () => {
    fuzz(
      'rate-card JSON',
      'no throw except TarifaInputError; validate ⇔ parse; parsed set prices',
      fc.record({
        edits: arbMutations(arbValue, arbKey, 4),
        month: fc.constantFrom('2023-06', '2024-01', '2025-10', '2026-04', '2026-10'),
        currency: fc.constantFrom('USD', 'INR'),
        country: fc.constantFrom(...COUNTRIES),
      }),
      ({ edits, month, currency, country }) => {
        const json = mutate(BASE, edits);
        const problems = validateRateCards(json);
        for (const p of problems) {
          expect(typeof p.field).toBe('string');
          expect(typeof p.code).toBe('string');
        }
        // (a string is read as JSON text itself)
        if (typeof json === 'object') {
          const text = JSON.stringify(json);
          expect(validateRateCards(text)).toEqual(validateRateCards(JSON.parse(text)));
        }
        let set: RateCardSet | null = null;
        try {
          set = parseRateCards(json);
        } catch (e) {
          if (!(e instanceof TarifaInputError)) throw e;
          expect(e.problems).toEqual(problems);
          expect(problems.length).toBeGreaterThan(0);
        }
        if (set === null) return;
        expect(problems).toEqual([]);
        expect(ratesWithinPrecision(set.cards)).toEqual([]);
        // No market silently dropped: every market of a card given is in the card parsed.
        for (const given of (json as Json).cards as Json[]) {
          const parsed = set.cards.find((c) => c.id === given.id);
          expect(parsed, String(given.id)).toBeDefined();
          for (const market of Object.keys(given.rates)) expect(Object.keys(parsed!.rates)).toContain(market);
        }
        expect(parseRateCards(JSON.parse(JSON.stringify(set)))).toEqual(set);
        prices(set, month, currency, country);
      },
      700,
    );
  });

  it('any JSON value: only TarifaInputError', () => {
    fuzz(
      'rate-card JSON',
      'any value: no throw except TarifaInputError',
      fc.oneof(
        fc.anything(),
        fc.string({ maxLength: 50 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      ),
      (json) => {
        expect(() => validateRateCards(json)).not.toThrow();
        try {
          parseRateCards(json);
        } catch (e) {
          if (!(e instanceof TarifaInputError)) throw e;
        }
      },
      1000,
    );
  });
});
