/**
 * Issue 12, item 3 (last sentence): `estimate` takes a portfolio's volumes split by WABA
 * (`CountryVolume.waba`). Tiers pool across the WABAs per market; CBP's free tier (and the
 * `account`-scope allowance) is each WABA's own; an instant in `authInternationalFrom` is read
 * in each WABA's zone; lines carry `waba` when the account lists several.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  type BillLine,
  bundledRateCards,
  type CountryVolume,
  estimate,
  type MessageEvent,
  marketOf,
  priceEvents,
  type Scenario,
  TarifaInputError,
} from '../../engine/index.ts';
import { smallTiers } from './helpers.ts';
import { numberIn, realise } from './realise.ts';

const SMALL = smallTiers(bundledRateCards);
const COUNTRIES = ['BR', 'MX', 'IN', 'AR', 'CO', 'DE', 'ID', 'PK'] as const;
const WABAS = ['a', 'b', 'c'] as const;
const oneZone = (zone: string): Account['wabas'] =>
  Object.fromEntries(WABAS.map((w) => [w, { timeZone: zone }]));

/** Lines with `waba` dropped and equal lines merged (counts and amounts added exactly by the engine's order). */
function merged(lines: readonly BillLine[]): string[] {
  const out = new Map<string, number>();
  for (const l of lines) {
    const { waba: _w, count, amount: _a, ...rest } = l;
    const key = JSON.stringify(rest);
    out.set(key, (out.get(key) ?? 0) + count);
  }
  return [...out].map(([k, n]) => `${k}×${n}`).sort();
}

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof TarifaInputError) return e.problems.map((p) => `${p.field}:${p.code}`);
    throw e;
  }
  return [];
}

/** Per-message months, before service was charged (2025-07 to 2026-09). */
const arbPmpMonth = fc
  .integer({ min: 0, max: 14 })
  .map((i) => new Date(Date.UTC(2025, 6 + i, 1)).toISOString().slice(0, 7));

const arbVolumes = fc.record({
  marketing: fc.integer({ min: 0, max: 40 }),
  utility: fc.integer({ min: 0, max: 600 }),
  authentication: fc.integer({ min: 0, max: 400 }),
});

describe('estimate: a portfolio split by WABA', () => {
  it('property: volumes split across N WABAs of one zone give the same estimate as one WABA (per-message months)', () => {
    fc.assert(
      fc.property(
        arbPmpMonth,
        fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 4 }),
        fc.array(arbVolumes, { minLength: 4, maxLength: 4 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.constantFrom(0, 1),
        fc.constantFrom('UTC', 'Asia/Kolkata'),
        (month, countries, volumes, weights, share, zone) => {
          const whole: CountryVolume[] = countries.map((country, i) => ({ country, ...volumes[i]! }));
          // Each country's volumes split across the WABAs (its parts next to each other).
          const split: CountryVolume[] = [];
          whole.forEach((row, i) => {
            const w = weights[i]!.map((x) => x + 1);
            const total = w.reduce((p, q) => p + q, 0);
            const parts = WABAS.map(() => ({ marketing: 0, utility: 0, authentication: 0 }));
            for (const k of ['marketing', 'utility', 'authentication'] as const) {
              let left = row[k]!;
              WABAS.forEach((_, j) => {
                const n = j === WABAS.length - 1 ? left : Math.floor((row[k]! * w[j]!) / total);
                parts[j]![k] = n;
                left -= n;
              });
            }
            WABAS.forEach((waba, j) => {
              split.push({ country: row.country, waba, ...parts[j]! });
            });
          });
          const assumptions = { entryPointShare: share, utilityInWindowShare: share };
          const one = estimate(
            { month, countries: whole, assumptions },
            { rateCards: SMALL, timeZone: zone },
          );
          const many = estimate(
            { month, countries: split, assumptions },
            { rateCards: SMALL, timeZone: zone, wabas: oneZone(zone) },
          );
          expect(many.total).toBe(one.total);
          expect(merged(many.lines)).toEqual(merged(one.lines));
          expect(many.lines.every((l) => l.waba !== undefined)).toBe(true);
          expect(one.lines.every((l) => l.waba === undefined)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);

  it('property: equals priceEvents on the realising stream with each country in its own WABA', () => {
    fc.assert(
      fc.property(
        arbPmpMonth,
        fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 4 }),
        fc.array(arbVolumes, { minLength: 4, maxLength: 4 }),
        fc.array(fc.constantFrom(...WABAS), { minLength: 4, maxLength: 4 }),
        (month, countries, volumes, wabaOf) => {
          const whole: CountryVolume[] = countries.map((country, i) => ({ country, ...volumes[i]! }));
          const scenario: Scenario = { month, countries: whole };
          const realised = realise(scenario, { rateCards: SMALL })!;
          const account: Account = { ...realised.account, wabas: oneZone('UTC') };
          const byCountry = new Map(countries.map((c, i) => [c as string, wabaOf[i]!]));
          const events: MessageEvent[] = realised.events.map((e) => {
            const waba = byCountry.get(marketOf(e.user, `${month}-01`, SMALL)!.country)!;
            return { ...e, waba, businessNumber: `${waba}-${e.businessNumber ?? 'default'}` };
          });
          const bill = priceEvents(events, account);
          const est = estimate(
            { month, countries: whole.map((c) => ({ ...c, waba: byCountry.get(c.country)! })) },
            account,
          );
          expect(est.total).toBe(bill.total);
          expect(merged(est.lines)).toEqual(merged(bill.lines));
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('CBP: each WABA has its own 1,000 free service conversations (the same as priceEvents)', () => {
    const month = '2024-06';
    const rows = [
      { country: 'BR', conversations: 1500, waba: 'a' },
      { country: 'BR', conversations: 200, waba: 'b' },
    ];
    const account: Account = { wabas: { a: {}, b: {} } };
    const est = estimate({ month, countries: rows }, account);
    const paid = est.lines.filter((l) => l.category === 'service' && l.pricingType === 'regular');
    expect(paid).toEqual([expect.objectContaining({ waba: 'a', count: 500 })]);
    const free = est.lines.filter((l) => l.pricingType === 'free_tier');
    expect(free.map((l) => [l.waba, l.count])).toEqual([
      ['a', 1000],
      ['b', 200],
    ]);
    // The same volumes as the whole portfolio's (no split): 2 × 1,000 free, nothing paid.
    const pooled = estimate({ month, countries: [{ country: 'BR', conversations: 1700 }] }, account);
    expect(pooled.lines.some((l) => l.category === 'service' && l.pricingType === 'regular')).toBe(false);
    // priceEvents on one customer conversation per user, each WABA its own number.
    const events: MessageEvent[] = [];
    let n = 0;
    for (const r of rows)
      for (let i = 0; i < r.conversations; i++) {
        const user = numberIn('BR', ++n);
        const at = new Date(Date.parse('2024-06-03T00:00:00Z') + n * 60_000).toISOString();
        const businessNumber = `${r.waba}-1`;
        events.push({ at, direction: 'inbound', user, kind: 'free_form', waba: r.waba, businessNumber });
        events.push({ at, direction: 'outbound', user, kind: 'free_form', waba: r.waba, businessNumber });
      }
    const bill = priceEvents(events, account);
    expect(bill.total).toBe(est.total);
    expect(merged(bill.lines)).toEqual(merged(est.lines));
  });

  it('two zones: an instant start of the international rate falls before one WABA’s month and inside the other’s', () => {
    // 2026-08-01T00:00Z is the first instant of August in UTC, 05:30 on 1 August in Kolkata.
    const account: Account = {
      businessCountry: 'SG',
      authInternationalFrom: '2026-08-01T00:00:00Z',
      wabas: { utc: { timeZone: 'UTC' }, kol: { timeZone: 'Asia/Kolkata' } },
    };
    const est = estimate(
      {
        month: '2026-08',
        countries: [
          { country: 'PK', authentication: 1000, waba: 'utc' },
          { country: 'PK', authentication: 1000, waba: 'kol' },
        ],
        assumptions: { authInternationalShare: 0.5 },
      },
      account,
    );
    const count = (waba: string, category: string) =>
      est.lines.filter((l) => l.waba === waba && l.category === category).reduce((s, l) => s + l.count, 0);
    expect([count('utc', 'authentication'), count('utc', 'authentication_international')]).toEqual([0, 1000]);
    expect([count('kol', 'authentication'), count('kol', 'authentication_international')]).toEqual([
      500, 500,
    ]);
    // The realising stream: Kolkata's 500 domestic messages before the start, in its own August.
    const events: MessageEvent[] = [];
    let n = 0;
    const send = (waba: string, at: string) =>
      events.push({
        at,
        direction: 'outbound',
        user: numberIn('PK', ++n),
        kind: 'template',
        category: 'authentication',
        waba,
        businessNumber: waba,
      });
    for (let i = 0; i < 1000; i++) send('utc', `2026-08-10T10:${String(i % 60).padStart(2, '0')}:00Z`);
    for (let i = 0; i < 500; i++) send('kol', `2026-07-31T20:${String(i % 60).padStart(2, '0')}:00Z`);
    for (let i = 0; i < 500; i++) send('kol', `2026-08-10T10:${String(i % 60).padStart(2, '0')}:00Z`);
    const bill = priceEvents(events, account);
    expect(bill.total).toBe(est.total);
  });

  it('validation: unknown and missing WABAs, a country once per WABA, `waba` is a known field', () => {
    const account: Account = { wabas: { a: {}, b: {} } };
    const month = '2026-08';
    expect(
      problems(() =>
        estimate(
          {
            month,
            countries: [
              { country: 'BR', marketing: 1, waba: 'a' },
              { country: 'BR', marketing: 1, waba: 'b' },
              { country: 'MX', marketing: 1, waba: 'zz' },
              { country: 'AR', marketing: 1 },
              { country: 'BR', marketing: 1, waba: 'a' },
            ],
          },
          account,
        ),
      ),
    ).toEqual([
      'scenario.countries[2].waba:unknown_waba',
      'scenario.countries[3].waba:missing_waba',
      'scenario.countries[4].country:duplicate_country',
    ]);
    // One WABA (none listed): rows may name `default` or nothing; an unlisted id is unknown.
    expect(
      estimate({
        month,
        countries: [
          { country: 'BR', marketing: 1, waba: 'default' },
          { country: 'MX', marketing: 1 },
        ],
      }).lines.every((l) => l.waba === undefined),
    ).toBe(true);
    expect(
      problems(() => estimate({ month, countries: [{ country: 'BR', marketing: 1, waba: 'x' }] })),
    ).toEqual(['scenario.countries[0].waba:unknown_waba']);
  });
});
