/**
 * Business portfolios: several WABAs, each with its own time zone. Volume tiers pool across
 * the portfolio per market and category, each event counted in its own WABA's local month;
 * CBP's 1,000 free service conversations stay per WABA; the Oct-2026 allowance per number.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  type BillLine,
  bundledRateCards,
  type Category,
  estimate,
  formatTier,
  type MessageEvent,
  priceEvents,
  type RateCardSet,
  TarifaInputError,
} from '../../engine/index.ts';
import { cardRate, IN, inbound, reply, smallTiers, template } from './helpers.ts';
import { numberIn } from './realise.ts';

const CARD = 'pmp-2026-10-01-USD';
// Every band two messages wide: tiers change within the few messages of a generated stream.
const SMALL = smallTiers(bundledRateCards, 1e12);
const LIST = cardRate(CARD, 'India', 'utility');
const BAND2 = '0.0001';
/** The October 2026 card with a small India utility ladder: two messages at the list rate, then 0.0001. */
function smallLadder(): RateCardSet {
  const set = structuredClone(bundledRateCards) as unknown as {
    cards: { id: string; tiers?: Record<string, Record<string, unknown>> }[];
  };
  const card = set.cards.find((c) => c.id === CARD)!;
  card.tiers ??= {};
  card.tiers.India ??= {};
  card.tiers.India.utility = {
    bands: [
      { from: 0, to: 2, rate: LIST },
      { from: 3, to: null, rate: BAND2 },
    ],
    provenance: { basis: 'meta-file', sources: ['T01'] },
  };
  return set as unknown as RateCardSet;
}

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TarifaInputError) return e.problems.map((p) => `${p.index}:${p.field}:${p.code}`);
    throw e;
  }
  return [];
};

describe('business portfolios', () => {
  it('month end in two zones: a UTC WABA and an Asia/Kolkata WABA cross a tier boundary together', () => {
    const rateCards = smallLadder();
    const account: Account = {
      rateCards,
      wabas: { utc: { timeZone: 'UTC' }, kol: { timeZone: 'Asia/Kolkata' } },
    };
    const u = (at: string, waba: string) => template(at, IN, 'utility', { waba, businessNumber: waba });
    const events = [
      u('2026-10-31T17:00:00Z', 'kol'), // 22:30 on 31 Oct in Kolkata: October, 1st
      u('2026-10-31T19:00:00Z', 'kol'), // 00:30 on 1 Nov in Kolkata: November, 1st
      u('2026-10-31T20:00:00Z', 'utc'), // October, 2nd
      u('2026-10-31T21:00:00Z', 'utc'), // October, 3rd: the second band
      u('2026-11-01T01:00:00Z', 'utc'), // November, 2nd
    ];
    const bill = priceEvents(events, account);
    expect(bill.charges.map((c) => c.amount)).toEqual([LIST, LIST, LIST, BAND2, LIST]);
    expect(bill.total).toBe(new Decimal(LIST).mul(4).add(BAND2).toFixed(4));
    expect(bill.lines.map((l) => `${l.month}/${l.waba}/${formatTier(l.tier!)}/${l.count}`)).toEqual([
      '2026-10/kol/0:2/1',
      '2026-10/utc/0:2/1',
      '2026-10/utc/3:MAX/1',
      '2026-11/kol/0:2/1',
      '2026-11/utc/0:2/1',
    ]);
    // One WABA in UTC: all four October messages count in October.
    const single = priceEvents(
      events.map(({ waba: _, ...e }) => e),
      { rateCards },
    );
    expect(single.total).toBe(new Decimal(LIST).mul(3).add(new Decimal(BAND2).mul(2)).toFixed(4));
    expect(single.lines.every((l) => l.waba === undefined)).toBe(true);
  });

  it('CBP: the 1,000 free service conversations are per WABA', () => {
    const events: MessageEvent[] = [];
    for (let i = 0; i < 1001; i++) {
      const user = numberIn('DE', i);
      const waba = i < 600 ? 'w1' : 'w2';
      const at = new Date(Date.parse('2024-03-05T00:00:00Z') + i * 1000).toISOString();
      events.push(inbound(at, user, { waba, businessNumber: waba }));
      events.push(reply(new Date(Date.parse(at) + 500).toISOString(), user, { waba, businessNumber: waba }));
    }
    const two = priceEvents(events, { wabas: { w1: {}, w2: {} } });
    expect(two.total).toBe('0');
    const one = priceEvents(events.map(({ waba: _, ...e }) => e));
    expect(new Decimal(one.total!).gt(0)).toBe(true);
    // estimate: each WABA has its own 1,000 in conversation-based months.
    const scenario = { month: '2024-03', countries: [{ country: 'DE', conversations: 1500 }] };
    expect(estimate(scenario, { wabas: { w1: {}, w2: {} } }).total).toBe('0');
    expect(new Decimal(estimate(scenario).total!).gt(0)).toBe(true);
  });

  it('events must name a listed WABA when there are several; none when the account lists none', () => {
    const e = template('2026-10-05T10:00:00Z', IN, 'utility');
    expect(problemsOf(() => priceEvents([e, { ...e, waba: 'x' }], { wabas: { a: {}, b: {} } }))).toEqual([
      '0:waba:missing_waba',
      '1:waba:unknown_waba',
    ]);
    expect(problemsOf(() => priceEvents([{ ...e, waba: 'a' }]))).toEqual(['0:waba:unknown_waba']);
    expect(priceEvents([e, { ...e, waba: 'a' }], { wabas: { a: {} } }).lines[0]!.waba).toBeUndefined();
    expect(problemsOf(() => priceEvents([], { wabas: { a: { timeZone: 'Nowhere/City' } } }))).toEqual([
      '-1:account.wabas.a.timeZone:invalid_time_zone',
    ]);
  });

  it('property: in per-message months, a stream split across WABAs of one zone bills as one WABA', () => {
    const START = Date.parse('2025-07-02T00:00:00Z');
    const END = Date.parse('2026-12-20T00:00:00Z');
    const COUNTRIES = ['BR', 'IN', 'MX'] as const;
    const arbEvent = fc.record({
      t: fc.integer({ min: 0, max: 6 * 86_400 }),
      direction: fc.constantFrom('inbound', 'outbound'),
      user: fc.integer({ min: 0, max: 4 }),
      country: fc.constantFrom(...COUNTRIES),
      kind: fc.constantFrom('template', 'template', 'free_form', 'direct'),
      category: fc.constantFrom<Category>('marketing', 'utility', 'utility', 'authentication'),
      entry: fc.constantFrom(undefined, 'ctwa_ad'),
      number: fc.constantFrom('a', 'b', 'c', 'd'),
    });
    const arb = fc.record({
      base: fc.integer({ min: START, max: END }),
      events: fc.array(arbEvent, { maxLength: 150 }),
      zone: fc.constantFrom('UTC', 'Asia/Kolkata', 'America/Sao_Paulo'),
      split: fc.constantFrom<Record<string, string>[]>(
        { a: 'w1', b: 'w2', c: 'w1', d: 'w2' },
        { a: 'w1', b: 'w2', c: 'w3', d: 'w3' },
        { a: 'w1', b: 'w1', c: 'w1', d: 'w2' },
      ),
      businessCountry: fc.constantFrom(undefined, 'BR'),
    });
    fc.assert(
      fc.property(arb, ({ base, events: raw, zone, split, businessCountry }) => {
        const events: MessageEvent[] = raw.map((r, i) => {
          const at = new Date(base + r.t * 1000 + i).toISOString();
          const user = numberIn(r.country, r.user);
          if (r.direction === 'inbound')
            return inbound(at, user, {
              businessNumber: r.number,
              ...(r.entry ? { entryPoint: r.entry } : {}),
            });
          if (r.kind === 'template') return template(at, user, r.category, { businessNumber: r.number });
          const direct = r.kind === 'direct' && r.category !== 'marketing' && at >= '2026-08-01';
          return reply(at, user, { businessNumber: r.number, ...(direct ? { category: r.category } : {}) });
        });
        const account: Account = {
          timeZone: zone,
          rateCards: SMALL,
          ...(businessCountry ? { businessCountry, authInternationalFrom: '2025-10-01' } : {}),
        };
        const one = priceEvents(events, account);
        const wabas = Object.fromEntries([...new Set(Object.values(split))].map((w) => [w, {}]));
        const many = priceEvents(
          events.map((e) => ({ ...e, waba: split[e.businessNumber!]! })),
          { ...account, wabas },
        );
        expect(many.total).toBe(one.total);
        expect(merge(many.lines)).toEqual(merge(one.lines));
        expect(many.charges.map((c) => c.amount)).toEqual(one.charges.map((c) => c.amount));
      }),
      { numRuns: 150 },
    );
  });
});

/** Lines without their WABA, equal lines merged (counts and amounts added). */
function merge(lines: readonly BillLine[]): BillLine[] {
  const out = new Map<string, BillLine>();
  for (const { waba: _, ...l } of lines) {
    const key = JSON.stringify({ ...l, count: 0, amount: null });
    const prev = out.get(key);
    if (prev === undefined) out.set(key, l);
    else
      out.set(key, {
        ...prev,
        count: prev.count + l.count,
        amount:
          prev.amount === null || l.amount === null ? null : new Decimal(prev.amount).add(l.amount).toFixed(),
      });
  }
  return [...out.values()]
    .map((l) => ({ ...l, amount: l.amount === null ? null : new Decimal(l.amount).toFixed() }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
