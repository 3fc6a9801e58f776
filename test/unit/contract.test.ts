/**
 * The input contract (one error listing every problem; nothing disappears), the rules in force
 * that the engine states (US marketing, local-currency accounts, paid_exempt) and projected months.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  bundledRateCards,
  estimate,
  type MessageEvent,
  priceEvents,
  type Scenario,
  TarifaInputError,
} from '../../engine/index.ts';
import { BR, cardRate, IN, inbound, plus, reply, template, US } from './helpers.ts';

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TarifaInputError) return e.problems.map((p) => `${p.index}:${p.field}:${p.code}`);
    throw e;
  }
  return [];
};

describe('one error with every problem', () => {
  it('account problems do not hide the scenario’s problems', () => {
    const problems = problemsOf(() =>
      estimate(
        { month: '2026-13', countries: [{ country: 'XX', marketing: -1 }] },
        { timeZone: 'Mars/Olympus', currency: 'usd' },
      ),
    );
    expect(problems).toEqual([
      '-1:account.timeZone:invalid_time_zone',
      '-1:account.currency:invalid_currency',
      '-1:scenario.month:invalid_month',
      '-1:scenario.countries[0].country:unknown_country',
      '-1:scenario.countries[0].marketing:invalid_volume',
    ]);
  });

  it('account problems do not hide the events’ problems', () => {
    const problems = problemsOf(() =>
      priceEvents([template('2026-08-01T10:00:00Z', '+999123456789', 'marketing')], {
        currency: 'EURO',
        businessCountry: 'XX',
      }),
    );
    expect(problems).toEqual([
      '-1:account.currency:invalid_currency',
      '-1:account.businessCountry:unknown_country',
      '0:user:unknown_calling_code',
    ]);
  });

  it('unknown keys at every level are problems with their path', () => {
    const scenario = {
      month: '2026-11',
      countries: [{ country: 'BR', servce: 3, utility: 1 }],
      assumption: { entryPointShare: 0.5 },
      assumptions: { phoneNumber: 2 },
    } as unknown as Scenario;
    const account = {
      timezone: 'UTC',
      options: { fep: 1 },
      wabas: { a: { zone: 'UTC' } },
    } as unknown as Account;
    expect(problemsOf(() => estimate(scenario, account))).toEqual([
      '-1:account.timezone:unknown_field',
      '-1:account.options.fep:unknown_option',
      '-1:account.wabas.a.zone:unknown_field',
      '-1:scenario.assumption:unknown_field',
      '-1:scenario.assumptions.phoneNumber:unknown_field',
      '-1:scenario.countries[0].servce:unknown_field',
    ]);
    const event = {
      ...template('2026-08-01T10:00:00Z', BR, 'marketing'),
      categry: 'utility',
    } as MessageEvent;
    expect(problemsOf(() => priceEvents([event]))).toEqual(['0:categry:unknown_field']);
  });

  it('a month without a card is an explicit missing line with its reason, never a silent 0', () => {
    const est = estimate(
      { month: '2026-11', countries: [{ country: 'BR', marketing: 10 }] },
      { currency: 'EUR' },
    );
    expect(est.incomplete).toBe(true);
    expect(est.total).toBeNull();
    expect(est.lines).toEqual([
      expect.objectContaining({
        category: 'marketing',
        count: 10,
        rate: null,
        amount: null,
        missing: 'no-card',
      }),
    ]);
    expect(est.warnings.map((w) => w.code)).toContain('no_card');
  });

  it('CBP: templates said to be inside free-entry-point windows with no customer conversation are priced, and counted in a warning', () => {
    const est = estimate({
      month: '2024-03',
      countries: [{ country: 'BR', marketing: 10, utility: 4 }],
      assumptions: { entryPointShare: 0.5 },
    });
    expect(est.lines.map((l) => `${l.category}:${l.count}`)).toEqual(['marketing:10', 'utility:4']);
    expect(est.warnings).toContainEqual({
      code: 'entry_point_without_conversations',
      detail: { country: 'BR', count: 7 },
    });
  });
});

describe('rules in force that the engine states', () => {
  it('marketing to US numbers from 2025-04-01: priceEvents trusts the log and warns; estimate prices it at 0', () => {
    const events = [
      template('2025-03-31T12:00:00Z', US, 'marketing'),
      template('2025-04-01T12:00:00Z', US, 'marketing'),
      template('2025-08-01T12:00:00Z', US, 'marketing'),
      template('2025-08-01T12:00:00Z', US, 'utility'),
    ];
    const bill = priceEvents(events);
    expect(bill.charges.filter((c) => c.category === 'marketing' && c.billable)).toHaveLength(3);
    expect(bill.warnings).toContainEqual({ code: 'us_marketing_undeliverable', detail: { count: 2 } });
    const est = estimate({ month: '2025-08', countries: [{ country: 'US', marketing: 100, utility: 5 }] });
    expect(est.lines.map((l) => l.category)).toEqual(['utility']);
    expect(est.warnings).toContainEqual({ code: 'us_marketing_undeliverable', detail: { count: 100 } });
    const before = estimate({ month: '2025-03', countries: [{ country: 'US', marketing: 100 }] });
    expect(before.lines.map((l) => `${l.category}:${l.count}`)).toEqual(['marketing:100']);
    expect(before.warnings.map((w) => w.code)).not.toContain('us_marketing_undeliverable');
  });

  it('Indian businesses need an INR account from 2027-01-01, Brazilian ones a BRL account from 2027-07-01', () => {
    const codes = (month: string, account: Account) =>
      estimate({ month, countries: [{ country: 'BR', marketing: 1 }] }, account).warnings.filter(
        (w) => w.code === 'account_currency_required',
      );
    expect(codes('2026-12', { businessCountry: 'IN' })).toEqual([]);
    expect(codes('2027-01', { businessCountry: 'IN' })).toEqual([
      { code: 'account_currency_required', detail: { country: 'IN', currency: 'INR', from: '2027-01-01' } },
    ]);
    expect(codes('2027-06', { businessCountry: 'BR' })).toEqual([]);
    expect(codes('2027-07', { businessCountry: 'BR' })).toHaveLength(1);
    expect(codes('2027-07', { businessCountry: 'MX' })).toEqual([]);
    const bill = priceEvents([template('2027-01-05T10:00:00Z', IN, 'utility')], { businessCountry: 'IN' });
    expect(bill.warnings.map((w) => w.code)).toContain('account_currency_required');
  });

  it('paid_exempt (option paidServiceExempt, off by default): service messages stay free', () => {
    const start = '2026-10-07T08:00:00Z';
    const events: MessageEvent[] = [inbound(start, BR)];
    for (let i = 0; i < 1002; i++) events.push(reply(plus(start, 1 + i / 100), BR));
    const rate = cardRate('pmp-2026-10-01-USD', 'Brazil', 'service');
    expect(priceEvents(events).total).toBe(new Decimal(rate).mul(2).toFixed(4));
    const exempt = priceEvents(events, { options: { paidServiceExempt: true } });
    expect(exempt.total).toBe('0');
    expect(exempt.warnings.map((w) => w.code)).not.toContain('unverified_rule');
    const scenario: Scenario = {
      month: '2026-11',
      countries: [{ country: 'BR', conversations: 1100, repliesPerConversation: 1 }],
    };
    expect(estimate(scenario).total).toBe(new Decimal(rate).mul(100).toFixed(4));
    expect(estimate(scenario, { options: { paidServiceExempt: true } }).total).toBe('0');
  });
});

describe('projected months', () => {
  it('a month after the reviewed period is priced with the newest card and says so', () => {
    const reviewed = bundledRateCards.reviewedThrough;
    const after = new Date(Date.parse(`${reviewed}T00:00:00Z`) + 86_400_000 * 40).toISOString().slice(0, 7);
    const newest = bundledRateCards.cards
      .filter((c) => c.currency === 'USD')
      .reduce((a, b) => (a.effectiveFrom > b.effectiveFrom ? a : b));
    const est = estimate({ month: after, countries: [{ country: 'BR', marketing: 1 }] });
    expect(est).toMatchObject({ projected: true, projectedWith: newest.id, cards: [newest.id] });
    const inside = estimate({ month: reviewed.slice(0, 7), countries: [{ country: 'BR', marketing: 1 }] });
    expect(inside.projected).toBeUndefined();
    const bill = priceEvents([template(`${after}-05T10:00:00Z`, BR, 'marketing')]);
    expect(bill).toMatchObject({ projected: true, projectedWith: newest.id });
    expect(bill.total).toBe(cardRate(newest.id, 'Brazil', 'marketing'));
    expect(
      priceEvents([template(`${reviewed.slice(0, 7)}-05T10:00:00Z`, BR, 'marketing')]).projected,
    ).toBeUndefined();
  });
});

describe('per-market authentication-international start (map form)', () => {
  it('the country’s date wins over its market’s; a recipient in neither is never international', () => {
    const account: Account = {
      businessCountry: 'BR',
      authInternationalFrom: { India: '2026-08-01', ID: '2026-09-01', Pakistan: '2026-08-20T00:00:00Z' },
    };
    const PK = '+923001234567';
    const ID = '+6281234567890';
    const NG = '+2348012345678';
    const bill = priceEvents(
      [
        template('2026-08-10T10:00:00Z', IN, 'authentication'),
        template('2026-08-10T10:00:00Z', ID, 'authentication'),
        template('2026-09-10T10:00:00Z', ID, 'authentication'),
        template('2026-08-19T23:59:00Z', PK, 'authentication'),
        template('2026-08-20T00:00:00Z', PK, 'authentication'),
        template('2026-08-10T10:00:00Z', NG, 'authentication'),
      ],
      account,
    );
    expect(bill.charges.map((c) => c.category)).toEqual([
      'authentication_international',
      'authentication',
      'authentication_international',
      'authentication',
      'authentication_international',
      'authentication',
    ]);
    expect(
      problemsOf(() => priceEvents([], { businessCountry: 'BR', authInternationalFrom: { Atlantis: 'x' } })),
    ).toEqual([
      '-1:account.authInternationalFrom.Atlantis:unknown_market',
      '-1:account.authInternationalFrom.Atlantis:invalid_date',
    ]);
  });
});
