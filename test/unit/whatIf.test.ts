import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDeliveryRate,
  estimate,
  priceEvents,
  recategoriseUtility,
  type Scenario,
  TarifaInputError,
  withFreeEntryPointWindow,
} from '../../engine/index.ts';
import { BR, inbound, plus, reply, template } from './helpers.ts';

const deepFreeze = <T>(x: T): T => {
  if (typeof x === 'object' && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
};

const scenario: Scenario = deepFreeze({
  month: '2026-08',
  countries: [
    {
      country: 'BR',
      marketing: 100,
      utility: 3,
      authentication: 10,
      conversations: 7,
      repliesPerConversation: 3,
    },
    { country: 'MX', utility: 1001 },
  ],
  assumptions: { utilityInWindowShare: 0.5 },
});

const count = (s: Scenario, category: string) =>
  estimate(s)
    .lines.filter((l) => l.category === category)
    .reduce((n, l) => n + l.count, 0);

describe('recategoriseUtility', () => {
  it('moves every utility template to marketing by default', () => {
    const s = recategoriseUtility(scenario);
    expect(s.countries).toEqual([
      { ...scenario.countries[0], marketing: 103, utility: 0 },
      { country: 'MX', marketing: 1001, utility: 0 },
    ]);
    expect(s.month).toBe(scenario.month);
    expect(s.assumptions).toEqual(scenario.assumptions);
    expect(count(s, 'utility')).toBe(0);
    expect(count(s, 'marketing')).toBe(1104);
  });

  it('moves a share in whole messages, halves up, per country', () => {
    const s = recategoriseUtility(scenario, 0.5);
    expect(s.countries[0]).toMatchObject({ marketing: 102, utility: 1 });
    expect(s.countries[1]).toMatchObject({ marketing: 501, utility: 500 });
    expect(recategoriseUtility(scenario, 0)).toEqual(scenario);
  });

  it('never changes the total number of templates', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.double({ min: 0, max: 1, noNaN: true }), (m, u, share) => {
        const s = recategoriseUtility(
          { month: '2026-08', countries: [{ country: 'BR', marketing: m, utility: u }] },
          share,
        );
        const c = s.countries[0]!;
        expect(c.marketing! + c.utility!).toBe(m + u);
        expect(c.utility).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('rejects a share outside 0–1 and leaves invalid volumes to estimate', () => {
    for (const share of [-0.1, 1.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => recategoriseUtility(scenario, share)).toThrow(TarifaInputError);
    }
    const bad = { month: '2026-08', countries: [{ country: 'BR', utility: -5 }] } as Scenario;
    expect(recategoriseUtility(bad)).toEqual(bad);
    expect(() => recategoriseUtility({ month: '2026-08' } as unknown as Scenario)).toThrow(TarifaInputError);
  });
});

describe('applyDeliveryRate', () => {
  it('counts round(sent × rate) templates and replies as delivered', () => {
    const s = applyDeliveryRate(scenario, 0.9);
    expect(s.countries[0]).toMatchObject({ marketing: 90, utility: 3, authentication: 9, conversations: 7 });
    expect(s.countries[1]).toMatchObject({ utility: 901 });
    // 7 × 3 = 21 replies sent, round(18.9) = 19 delivered.
    expect(count(s, 'service')).toBe(19);
    expect(count(scenario, 'service')).toBe(21);
  });

  it('a rate of 1 changes nothing', () => {
    expect(applyDeliveryRate(scenario, 1)).toEqual(scenario);
  });

  it('rejects a rate outside (0, 1]', () => {
    for (const rate of [0, -0.5, 1.0001, Number.NaN]) {
      expect(() => applyDeliveryRate(scenario, rate)).toThrow(TarifaInputError);
    }
  });

  it('property: estimate sees exactly round(round(conversations × replies) × rate) service replies', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 1000 }).map((n) => n / 100),
        fc.integer({ min: 1, max: 1000 }).map((n) => n / 1000),
        (conversations, replies, rate) => {
          const s: Scenario = {
            month: '2026-11',
            countries: [{ country: 'BR', conversations, repliesPerConversation: replies }],
          };
          if (conversations * replies > 1e12) return;
          const sent = Math.round(conversations * replies);
          expect(count(applyDeliveryRate(s, rate), 'service')).toBe(Math.round(sent * rate));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('withFreeEntryPointWindow', () => {
  it('sets the option and keeps the others', () => {
    const a = withFreeEntryPointWindow(
      { currency: 'USD', options: { serviceAllowanceScope: 'account' } },
      '7d',
    );
    expect(a).toEqual({
      currency: 'USD',
      options: { serviceAllowanceScope: 'account', freeEntryPointWindowFromSep2026: '7d' },
    });
    expect(() => withFreeEntryPointWindow({}, '5d' as '7d')).toThrow(TarifaInputError);
  });

  it('changes event pricing, not a monthly estimate (whose entry-point share is an input)', () => {
    const start = '2026-10-05T10:00:00Z';
    const events = [
      inbound(start, BR, { entryPoint: 'ctwa_ad' }),
      reply(plus(start, 5), BR),
      template(plus(start, 5 + 100 * 60), BR, 'marketing'),
    ];
    const short = priceEvents(events, withFreeEntryPointWindow({}, '72h'));
    const long = priceEvents(events, withFreeEntryPointWindow({}, '7d'));
    expect(short.charges[2]!.pricingType).toBe('regular');
    expect(long.charges[2]!.pricingType).toBe('free_entry_point');
    const s: Scenario = {
      month: '2026-10',
      countries: [{ country: 'BR', marketing: 100 }],
      assumptions: { entryPointShare: 0.2 },
    };
    expect(estimate(s, withFreeEntryPointWindow({}, '7d'))).toEqual(
      estimate(s, withFreeEntryPointWindow({}, '72h')),
    );
  });
});
