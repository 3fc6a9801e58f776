/**
 * The billing rules of the research spec (docs/rules.md), one block per rule
 * group, each test named after the rule it pins. Expected amounts are derived
 * from the rule and the card's figure, never copied from the engine.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  type Bill,
  bundledRateCards,
  formatTier,
  type MessageEvent,
  priceEvents,
  type RateCardSet,
  TarifaInputError,
} from '../../engine/index.ts';
import { BR, BR2, cardRate, DE, IN, inbound, plus, reply, template, US } from './helpers.ts';

const total = (events: readonly MessageEvent[], account?: Account) => priceEvents(events, account).total;
/** Expected money at the 4 decimals the USD cards print. */
const sum = (...xs: string[]) => xs.reduce((a, b) => a.add(b), new Decimal(0)).toFixed(4);
const times = (n: number, rate: string) => new Decimal(rate).mul(n).toFixed(4);

describe('A. shared concepts', () => {
  it('A1: inbound messages and failed deliveries are never charged', () => {
    const bill = priceEvents([
      inbound('2025-08-01T10:00:00Z', BR),
      template('2025-08-01T10:01:00Z', BR, 'marketing', { status: 'failed' }),
    ]);
    expect(bill.total).toBe('0');
    expect(bill.charges.map((c) => c.billable)).toEqual([false, false]);
    expect(bill.charges[0]!.pricingType).toBeNull();
    expect(bill.lines).toEqual([]);
  });

  it('A2: a read status counts as delivered', () => {
    expect(total([template('2025-08-01T10:00:00Z', BR, 'marketing', { status: 'read' })])).toBe(
      cardRate('pmp-2025-07-01-USD', 'Brazil', 'marketing'),
    );
  });

  it('A6: the market comes from calling code and NANP prefix', () => {
    const bill = priceEvents([
      template('2026-10-02T10:00:00Z', '+18095550123', 'marketing'),
      template('2026-10-02T10:00:00Z', '+12125550123', 'marketing'),
      template('2026-10-02T10:00:00Z', '+12425550123', 'marketing'),
    ]);
    expect(bill.charges.map((c) => [c.country, c.market])).toEqual([
      ['DO', 'Rest of Latin America'],
      ['US', 'North America'],
      ['BS', 'Other'],
    ]);
  });

  it('A7: market membership is date-versioned (Kazakhstan standalone from 2026-10-01, Zimbabwe moves 2025-10-01)', () => {
    const kz = '+77011234567';
    const zw = '+263771234567';
    const bill = priceEvents([
      template('2026-09-30T10:00:00Z', kz, 'marketing'),
      template('2026-10-01T10:00:00Z', kz, 'marketing'),
      template('2026-10-01T10:00:00Z', '+79161234567', 'marketing'),
      template('2025-09-30T10:00:00Z', zw, 'marketing'),
      template('2025-10-01T10:00:00Z', zw, 'marketing'),
    ]);
    expect(bill.charges.map((c) => c.market)).toEqual([
      'Other',
      'Kazakhstan',
      'Russia',
      'Other',
      'Rest of Africa',
    ]);
    expect(bill.warnings).toContainEqual({
      code: 'market_ambiguous',
      detail: { country: 'KZ', market: 'Other' },
    });
  });

  it('A9/M2: rate cards and months follow the account time zone', () => {
    // 2024-08-01 02:00Z is still 31 July in São Paulo: the July card applies.
    const at = '2024-08-01T02:00:00Z';
    const sp = priceEvents([template(at, BR, 'utility')], { timeZone: 'America/Sao_Paulo' });
    const utc = priceEvents([template(at, BR, 'utility')]);
    expect(sp.total).toBe(cardRate('cbp-2024-07-01-USD', 'Brazil', 'utility'));
    expect(sp.lines[0]!.month).toBe('2024-07');
    expect(utc.total).toBe(cardRate('cbp-2024-08-01-USD', 'Brazil', 'utility'));
    expect(utc.lines[0]!.month).toBe('2024-08');
  });
});

describe('C. conversation-based pricing (2023-06-01 → 2025-06-30)', () => {
  const card = 'cbp-2023-06-01-USD';
  const t0 = '2023-09-05T12:00:00Z';

  it('C2/C3: one charge per category per 24 h from delivery', () => {
    const bill = priceEvents([
      template(t0, BR, 'marketing'),
      template(plus(t0, 60), BR, 'marketing'),
      template(plus(t0, 24 * 60 - 1), BR, 'marketing'),
      template(plus(t0, 24 * 60), BR, 'marketing'),
    ]);
    expect(bill.total).toBe(times(2, cardRate(card, 'Brazil', 'marketing')));
    const ids = bill.charges.map((c) => c.conversationId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).not.toBe(ids[0]);
    expect(bill.charges.map((c) => c.billable)).toEqual([true, false, false, true]);
  });

  it('C7: different template categories open separate conversations', () => {
    expect(total([template(t0, BR, 'marketing'), template(plus(t0, 1), BR, 'utility')])).toBe(
      sum(cardRate(card, 'Brazil', 'marketing'), cardRate(card, 'Brazil', 'utility')),
    );
  });

  it('C4: a non-template rides free on any open conversation', () => {
    const bill = priceEvents([inbound(t0, BR), template(plus(t0, 1), BR, 'utility'), reply(plus(t0, 2), BR)]);
    expect(bill.charges[2]).toMatchObject({ billable: false, category: 'utility', amount: '0' });
    expect(bill.charges[2]!.conversationId).toBe(bill.charges[1]!.conversationId);
    expect(bill.lines.map((l) => l.category)).toEqual(['utility']);
  });

  it('C4/C11: a non-template with nothing open opens a service conversation, free within the monthly 1,000', () => {
    const bill = priceEvents([inbound(t0, BR), reply(plus(t0, 1), BR), reply(plus(t0, 2), BR)]);
    expect(bill.lines).toHaveLength(1);
    expect(bill.lines[0]).toMatchObject({
      category: 'service',
      pricingType: 'free_tier',
      count: 1,
      amount: '0',
    });
  });

  it('C6: a template inside an open service conversation still opens its own conversation', () => {
    const bill = priceEvents([
      inbound(t0, BR),
      reply(plus(t0, 1), BR),
      template(plus(t0, 2), BR, 'marketing'),
    ]);
    expect(bill.total).toBe(cardRate(card, 'Brazil', 'marketing'));
    expect(bill.charges[2]!.conversationId).not.toBe(bill.charges[1]!.conversationId);
  });

  it('C8: a new user message does not extend a conversation', () => {
    const bill = priceEvents([
      inbound(t0, BR),
      template(plus(t0, 1), BR, 'utility'),
      inbound(plus(t0, 23 * 60), BR),
      template(plus(t0, 24 * 60 + 1), BR, 'utility'),
    ]);
    expect(bill.total).toBe(times(2, cardRate(card, 'Brazil', 'utility')));
  });

  it('C9: conversations are per business phone number (option: per account)', () => {
    const events = [
      template(t0, BR, 'marketing', { businessNumber: 'a' }),
      template(plus(t0, 5), BR, 'marketing', { businessNumber: 'b' }),
    ];
    const rate = cardRate(card, 'Brazil', 'marketing');
    expect(total(events)).toBe(times(2, rate));
    expect(total(events, { options: { conversationScope: 'account' } })).toBe(rate);
  });

  it('C10: a conversation is priced by the card in force when it opens', () => {
    // Opened 31 July 2024 (July card), rides into August: one charge at July's utility rate.
    const bill = priceEvents([
      template('2024-07-31T23:00:00Z', BR, 'utility'),
      template('2024-08-01T05:00:00Z', BR, 'utility'),
    ]);
    expect(bill.total).toBe(cardRate('cbp-2024-07-01-USD', 'Brazil', 'utility'));
    expect(bill.total).toBe('0.0350');
  });

  it('C11: the 1,001st service conversation of the month is charged; the count resets with the month', () => {
    const events: MessageEvent[] = [];
    for (let i = 0; i < 1001; i++) {
      const user = `+55119${String(i).padStart(8, '0')}`;
      events.push(inbound('2023-09-10T10:00:00Z', user), reply('2023-09-10T10:05:00Z', user));
    }
    events.push(inbound('2023-10-01T10:00:00Z', BR), reply('2023-10-01T10:05:00Z', BR));
    const bill = priceEvents(events);
    expect(bill.total).toBe(cardRate(card, 'Brazil', 'service'));
    const sept = bill.lines.filter((l) => l.month === '2023-09');
    expect(sept.map((l) => [l.pricingType, l.count])).toEqual([
      ['regular', 1],
      ['free_tier', 1000],
    ]);
    expect(bill.lines.find((l) => l.month === '2023-10')).toMatchObject({
      pricingType: 'free_tier',
      count: 1,
    });
  });

  it('C11: the free tier is shared by all phone numbers of the account', () => {
    const events: MessageEvent[] = [];
    for (let i = 0; i < 1001; i++) {
      const user = `+55119${String(i).padStart(8, '0')}`;
      const businessNumber = i % 2 === 0 ? 'a' : 'b';
      events.push(inbound('2023-09-10T10:00:00Z', user, { businessNumber }));
      events.push(reply('2023-09-10T10:05:00Z', user, { businessNumber }));
    }
    expect(total(events)).toBe(cardRate(card, 'Brazil', 'service'));
  });

  it('C13: from 2024-11-01 every service conversation is free', () => {
    const events: MessageEvent[] = [];
    for (let i = 0; i < 1001; i++) {
      const user = `+55119${String(i).padStart(8, '0')}`;
      events.push(inbound('2024-11-10T10:00:00Z', user), reply('2024-11-10T10:05:00Z', user));
    }
    const bill = priceEvents(events);
    expect(bill.total).toBe('0');
    expect(bill.lines).toEqual([
      expect.objectContaining({ category: 'service', pricingType: 'free_tier', count: 1001 }),
    ]);
  });

  it('C14–C16: a reply within 24 h of an entry-point message opens a free 72-hour conversation that covers templates', () => {
    const bill = priceEvents([
      inbound(t0, BR, { entryPoint: 'ctwa_ad' }),
      reply(plus(t0, 60), BR),
      template(plus(t0, 60 + 71 * 60), BR, 'marketing'),
      template(plus(t0, 60 + 72 * 60), BR, 'marketing'),
    ]);
    expect(bill.charges.slice(1, 3).map((c) => c.pricingType)).toEqual([
      'free_entry_point',
      'free_entry_point',
    ]);
    expect(bill.charges[3]!.pricingType).toBe('regular');
    expect(bill.total).toBe(cardRate(card, 'Brazil', 'marketing'));
    expect(bill.lines).toContainEqual(
      expect.objectContaining({
        category: 'service',
        pricingType: 'free_entry_point',
        count: 1,
        amount: '0',
      }),
    );
  });

  it('C16: opening a free-entry-point conversation closes every open conversation', () => {
    const bill = priceEvents([
      template(t0, BR, 'utility'),
      inbound(plus(t0, 10), BR, { entryPoint: 'page_cta' }),
      reply(plus(t0, 20), BR),
      template(plus(t0, 30), BR, 'utility'),
      template(plus(t0, 20 + 72 * 60), BR, 'utility'),
    ]);
    expect(bill.charges[3]!.pricingType).toBe('free_entry_point');
    expect(bill.charges[4]!.billable).toBe(true);
    expect(bill.total).toBe(times(2, cardRate(card, 'Brazil', 'utility')));
  });

  it('C18: no reply within 24 h, no free-entry-point conversation', () => {
    const bill = priceEvents([
      inbound(t0, BR, { entryPoint: 'ctwa_ad' }),
      template(plus(t0, 24 * 60 + 1), BR, 'marketing'),
    ]);
    expect(bill.total).toBe(cardRate(card, 'Brazil', 'marketing'));
  });

  it('C20: a utility conversation open across 1 Jul 2025 keeps its later utility templates free', () => {
    const bill = priceEvents([
      template('2025-06-30T20:00:00Z', BR, 'utility'),
      template('2025-07-01T08:00:00Z', BR, 'utility'),
      template('2025-07-01T21:00:00Z', BR, 'utility'),
    ]);
    expect(bill.charges[1]).toMatchObject({
      model: 'CBP',
      amount: '0',
      conversationId: bill.charges[0]!.conversationId,
    });
    expect(bill.charges[2]).toMatchObject({ model: 'PMP', billable: true });
    expect(bill.total).toBe(
      sum(
        cardRate('cbp-2025-04-01-USD', 'Brazil', 'utility'),
        cardRate('pmp-2025-07-01-USD', 'Brazil', 'utility'),
      ),
    );
  });

  it('Known consequence of C4: a utility template can pre-empt a paid service conversation and lower the bill', () => {
    // Meta's rule, not a bug: documented so nobody "fixes" monotonicity here.
    const fill: MessageEvent[] = [];
    for (let i = 0; i < 1000; i++) {
      const user = `+55119${String(i).padStart(8, '0')}`;
      fill.push(inbound('2024-09-02T10:00:00Z', user), reply('2024-09-02T10:05:00Z', user));
    }
    const base = [...fill, inbound('2024-09-20T10:00:00Z', BR2), reply('2024-09-20T10:05:00Z', BR2)];
    const withUtility = [...base, template('2024-09-20T10:01:00Z', BR2, 'utility')];
    expect(total(base)).toBe(cardRate('cbp-2024-08-01-USD', 'Brazil', 'service'));
    expect(total(withUtility)).toBe(cardRate('cbp-2024-08-01-USD', 'Brazil', 'utility'));
    expect(new Decimal(total(withUtility)!).lt(total(base)!)).toBe(true);
  });
});

describe('D. authentication-international', () => {
  const account: Account = { businessCountry: 'BR', authInternationalFrom: '2025-08-15' };

  it('D2: applies from the start date, to recipients outside the business country, in markets that have the rate', () => {
    const bill = priceEvents(
      [
        template('2025-08-14T12:00:00Z', IN, 'authentication'),
        template('2025-08-15T12:00:00Z', IN, 'authentication'),
        template('2025-08-15T12:00:00Z', BR, 'authentication'),
        template('2025-08-15T12:00:00Z', DE, 'authentication'),
      ],
      account,
    );
    expect(bill.charges.map((c) => c.category)).toEqual([
      'authentication',
      'authentication_international',
      'authentication',
      'authentication',
    ]);
    expect(bill.charges[1]!.amount).toBe(
      cardRate('pmp-2025-07-01-USD', 'India', 'authentication_international'),
    );
  });

  it('D2: without a start date the account is not eligible', () => {
    const bill = priceEvents([template('2025-08-15T12:00:00Z', IN, 'authentication')], {
      businessCountry: 'BR',
    });
    expect(bill.charges[0]!.category).toBe('authentication');
  });

  it('D2 under CBP: the test applies to the opening of the authentication conversation (from 2024-07-01 for India)', () => {
    const bill = priceEvents([template('2024-07-10T12:00:00Z', IN, 'authentication')], {
      businessCountry: 'US',
      authInternationalFrom: '2024-07-01',
    });
    expect(bill.total).toBe(cardRate('cbp-2024-07-01-USD', 'India', 'authentication_international'));
    expect(bill.total).toBe('0.0280');
  });

  it('D7: the business country is always billed domestic', () => {
    const bill = priceEvents([template('2025-08-20T12:00:00Z', IN, 'authentication')], {
      businessCountry: 'IN',
      authInternationalFrom: '2025-08-01',
    });
    expect(bill.charges[0]!.category).toBe('authentication');
  });

  it('a missing auth-international figure is reported missing, never guessed', () => {
    const bill = priceEvents([template('2026-10-05T12:00:00Z', '+9647701234567', 'authentication')], {
      businessCountry: 'BR',
      authInternationalFrom: '2026-10-01',
    });
    expect(bill.incomplete).toBe(true);
    expect(bill.lines[0]).toMatchObject({ market: 'Iraq', rate: null, amount: null, missing: 'not-found' });
    expect(bill.charges[0]!.amount).toBeNull();
    expect(bill.total).toBe('0');
    expect(bill.warnings.map((w) => w.code)).toContain('rate_missing');
  });
});

describe('E. per-message pricing (2025-07-01 → 2026-09-30)', () => {
  const t0 = '2025-11-04T12:00:00Z';
  const card = 'pmp-2025-10-01-USD';

  it('E1/E2: every delivered marketing template is charged, also inside a customer-service window', () => {
    const events = [
      inbound(t0, BR),
      template(plus(t0, 1), BR, 'marketing'),
      template(plus(t0, 2), BR, 'marketing'),
    ];
    expect(total(events)).toBe(times(2, cardRate(card, 'Brazil', 'marketing')));
  });

  it('E3: authentication is charged inside a customer-service window', () => {
    expect(total([inbound(t0, BR), template(plus(t0, 1), BR, 'authentication')])).toBe(
      cardRate(card, 'Brazil', 'authentication'),
    );
  });

  it('E4: utility is free inside an open customer-service window and charged outside it', () => {
    const bill = priceEvents([
      inbound(t0, BR),
      template(plus(t0, 24 * 60 - 1), BR, 'utility'),
      template(plus(t0, 24 * 60), BR, 'utility'),
    ]);
    expect(bill.charges[1]).toMatchObject({
      pricingType: 'free_customer_service',
      amount: '0',
      billable: false,
    });
    expect(bill.charges[2]).toMatchObject({ pricingType: 'regular', billable: true });
    expect(bill.total).toBe(cardRate(card, 'Brazil', 'utility'));
  });

  it('A3: each user message resets the 24-hour window', () => {
    const bill = priceEvents([
      inbound(t0, BR),
      inbound(plus(t0, 20 * 60), BR),
      template(plus(t0, 30 * 60), BR, 'utility'),
    ]);
    expect(bill.total).toBe('0');
  });

  it('E5: non-template messages are free', () => {
    const bill = priceEvents([inbound(t0, BR), reply(plus(t0, 1), BR), reply(plus(t0, 2), BR)]);
    expect(bill.total).toBe('0');
    expect(bill.lines).toEqual([
      expect.objectContaining({ category: 'service', pricingType: 'free_customer_service', count: 2 }),
    ]);
  });

  it('E6: the free-entry-point window makes every message free for 72 h from the reply', () => {
    const bill = priceEvents([
      inbound(t0, BR, { entryPoint: 'ctwa_ad' }),
      template(plus(t0, 10), BR, 'marketing'),
      template(plus(t0, 10 + 72 * 60 - 1), BR, 'authentication'),
      template(plus(t0, 10 + 72 * 60), BR, 'marketing'),
    ]);
    expect(bill.charges.slice(1).map((c) => c.pricingType)).toEqual([
      'free_entry_point',
      'free_entry_point',
      'regular',
    ]);
    expect(bill.total).toBe(cardRate(card, 'Brazil', 'marketing'));
  });

  it('E8: free messages do not count towards volume tiers', () => {
    const set = withTiers('pmp-2025-10-01-USD', 'Brazil', 'utility', [
      [0, 2, '0.0068'],
      [3, null, '0.0050'],
    ]);
    const events = [
      inbound(t0, BR),
      template(plus(t0, 1), BR, 'utility'),
      template(plus(t0, 2), BR, 'utility'),
      template(plus(t0, 3), BR2, 'utility'),
      template(plus(t0, 4), BR2, 'utility'),
      template(plus(t0, 5), BR2, 'utility'),
    ];
    const bill = priceEvents(events, { rateCards: set });
    expect(bill.charges.slice(3).map((c) => c.amount)).toEqual(['0.0068', '0.0068', '0.0050']);
    expect(bill.charges.slice(3).map((c) => c.tier)).toEqual([
      { from: 0, to: 2 },
      { from: 0, to: 2 },
      { from: 3, to: null },
    ]);
  });
});

describe('F. volume tiers', () => {
  const t0 = '2025-11-04T12:00:00Z';
  const ladder: [number, number | null, string][] = [
    [0, 2, '0.0068'],
    [3, 4, '0.0060'],
    [5, null, '0.0050'],
  ];

  it('F3: pricing is marginal: each band prices only the messages inside it', () => {
    const set = withTiers('pmp-2025-10-01-USD', 'Brazil', 'utility', ladder);
    const events = Array.from({ length: 6 }, (_, i) => template(plus(t0, i), BR, 'utility'));
    const bill = priceEvents(events, { rateCards: set });
    expect(bill.charges.map((c) => c.amount)).toEqual([
      '0.0068',
      '0.0068',
      '0.0060',
      '0.0060',
      '0.0050',
      '0.0050',
    ]);
    expect(bill.total).toBe(sum('0.0136', '0.0120', '0.0100'));
    expect(bill.lines.map((l) => [l.tier, l.count])).toEqual([
      [{ from: 0, to: 2 }, 2],
      [{ from: 3, to: 4 }, 2],
      [{ from: 5, to: null }, 2],
    ]);
  });

  it('F1: tiers are per market and category; F4: they reset on the 1st in the account time zone', () => {
    const set = withTiers('pmp-2025-10-01-USD', 'Brazil', 'utility', ladder);
    const zone = 'America/Sao_Paulo';
    const events = [
      ...Array.from({ length: 4 }, (_, i) => template(plus('2025-11-30T20:00:00Z', i), BR, 'utility')),
      // 02:00Z on 1 Dec is still 30 Nov in São Paulo: fifth message of November.
      template('2025-12-01T02:00:00Z', BR, 'utility'),
      template('2025-12-01T03:30:00Z', BR, 'utility'),
      template('2025-11-30T20:00:00Z', BR, 'authentication'),
    ];
    const bill = priceEvents(events, { rateCards: set, timeZone: zone });
    expect(bill.charges[4]).toMatchObject({ tier: { from: 5, to: null }, amount: '0.0050' });
    expect(bill.charges[5]).toMatchObject({ tier: { from: 0, to: 2 }, amount: '0.0068' });
  });

  it('F9: tier notation follows Meta (inclusive bounds, MAX) with the real April 2026 North America ladder', () => {
    const events = Array.from({ length: 80_002 }, (_, i) =>
      template(new Date(Date.parse('2026-04-02T00:00:00Z') + i * 1000).toISOString(), US, 'utility'),
    );
    const bill = priceEvents(events);
    expect(bill.lines.map((l) => [l.tier, l.count, l.rate])).toEqual([
      [{ from: 0, to: 80000 }, 80_000, cardRate('pmp-2026-04-01-USD', 'North America', 'utility')],
      [{ from: 80001, to: 750000 }, 2, bill.lines[1]!.rate],
    ]);
    expect(bill.lines.map((l) => formatTier(l.tier!))).toEqual(['0:80000', '80001:750000']);
    expect(new Decimal(bill.lines[1]!.rate!).lt(bill.lines[0]!.rate!)).toBe(true);
    expect(bill.warnings.filter((w) => w.code === 'tiers_carried')).toEqual([]);
  });

  it('D9: authentication-international continues the month’s authentication count', () => {
    const set = withTiers(
      'pmp-2025-10-01-USD',
      'India',
      'authentication',
      ladder.map(([a, b]) => [a, b, '0.0014']),
    );
    const intl = withTiers(set, 'India', 'authentication_international', [
      [0, 2, '0.0280'],
      [3, 4, '0.0260'],
      [5, null, '0.0250'],
    ]);
    const events = [
      template('2025-11-03T10:00:00Z', IN, 'authentication'),
      template('2025-11-03T10:01:00Z', IN, 'authentication'),
      template('2025-11-03T10:02:00Z', IN, 'authentication'),
      template('2025-11-20T10:00:00Z', IN, 'authentication'),
    ];
    const bill = priceEvents(events, {
      rateCards: intl,
      businessCountry: 'BR',
      authInternationalFrom: '2025-11-15',
    });
    expect(bill.charges[3]).toMatchObject({
      category: 'authentication_international',
      tier: { from: 3, to: 4 },
      amount: '0.0260',
    });
  });

  it('a card without a tier table prices at the list rate and says the tiers are unknown', () => {
    const bill = priceEvents([template('2026-10-05T10:00:00Z', '+9647701234567', 'utility')]);
    expect(bill.lines[0]).toMatchObject({
      market: 'Iraq',
      tier: null,
      rate: cardRate('pmp-2026-10-01-USD', 'Iraq', 'utility'),
    });
    expect(bill.warnings).toContainEqual({
      code: 'tiers_unknown',
      detail: {
        card: 'pmp-2026-10-01-USD',
        market: 'Iraq',
        column: 'utility',
        reason: 'new_market_thresholds_not_found', // the card's reason (issue 14)
      },
    });
  });
});

describe('G. paid service messages (2026-10-01 →)', () => {
  const card = 'pmp-2026-10-01-USD';

  function serviceReplies(
    count: number,
    businessNumber: string,
    day = '2026-10-07',
    user = BR,
  ): MessageEvent[] {
    const start = `${day}T08:00:00Z`;
    const out: MessageEvent[] = [inbound(start, user, { businessNumber })];
    for (let i = 0; i < count; i++) out.push(reply(plus(start, 1 + i / 100), user, { businessNumber }));
    return out;
  }

  it('G3/G4: the 1,001st service message of a phone number in a month is charged at the service rate', () => {
    const bill = priceEvents(serviceReplies(1002, 'a'));
    expect(bill.total).toBe(times(2, cardRate(card, 'Brazil', 'service')));
    expect(bill.lines.map((l) => [l.pricingType, l.count])).toEqual([
      ['regular', 2],
      ['free_customer_service', 1000],
    ]);
    expect(bill.lines[0]!.tier).toBeNull();
  });

  it('G4: each business phone number has its own 1,000 (option: one allowance per account)', () => {
    const events = [...serviceReplies(1000, 'a'), ...serviceReplies(1000, 'b', '2026-10-08')];
    expect(total(events)).toBe('0');
    expect(total(events, { options: { serviceAllowanceScope: 'account' } })).toBe(
      times(1000, cardRate(card, 'Brazil', 'service')),
    );
  });

  it('G4: the allowance resets on the 1st in the account time zone and does not roll over', () => {
    const events = [...serviceReplies(1001, 'a', '2026-10-30'), ...serviceReplies(1, 'a', '2026-11-02')];
    expect(total(events)).toBe(cardRate(card, 'Brazil', 'service'));
  });

  it('G7: utility templates inside the customer-service window are charged from 2026-10-01', () => {
    const bill = priceEvents([
      inbound('2026-10-05T10:00:00Z', BR),
      template('2026-10-05T10:01:00Z', BR, 'utility'),
    ]);
    expect(bill.total).toBe(cardRate(card, 'Brazil', 'utility'));
  });

  it('transition instant: in-window utility is free on 30 Sep and charged on 1 Oct (account time zone)', () => {
    const zone = 'America/Mexico_City';
    const mx = '+5215512345678';
    const bill = priceEvents(
      [
        inbound('2026-10-01T04:00:00Z', mx),
        template('2026-10-01T05:59:00Z', mx, 'utility'), // 23:59 on 30 Sep in Mexico City
        template('2026-10-01T06:00:00Z', mx, 'utility'), // 00:00 on 1 Oct
      ],
      { timeZone: zone },
    );
    expect(bill.charges[1]!.pricingType).toBe('free_customer_service');
    expect(bill.charges[2]).toMatchObject({
      pricingType: 'regular',
      amount: cardRate(card, 'Mexico', 'utility'),
    });
  });

  it('G8: the free-entry-point window still makes service replies free and they do not use the allowance', () => {
    const events: MessageEvent[] = [
      inbound('2026-10-05T10:00:00Z', BR2, { entryPoint: 'ctwa_ad' }),
      ...Array.from({ length: 5 }, (_, i) => reply(plus('2026-10-05T10:01:00Z', i), BR2)),
      ...serviceReplies(1000, 'default', '2026-10-06'),
    ];
    expect(total(events)).toBe('0');
  });

  it('Q1 option: a 7-day free-entry-point window for windows opened from 2026-09-28', () => {
    const events = [
      inbound('2026-10-05T10:00:00Z', BR, { entryPoint: 'ctwa_ad' }),
      reply('2026-10-05T10:01:00Z', BR),
      template('2026-10-09T10:00:00Z', BR, 'marketing'),
    ];
    expect(total(events)).toBe(cardRate(card, 'Brazil', 'marketing'));
    expect(total(events, { options: { freeEntryPointWindowFromSep2026: '7d' } })).toBe('0');
  });
});

describe('transition instants in the account time zone', () => {
  const zone = 'America/Sao_Paulo'; // UTC−3

  function serviceConversations(count: number, at: string): MessageEvent[] {
    const out: MessageEvent[] = [];
    for (let i = 0; i < count; i++) {
      const user = `+55219${String(i).padStart(8, '0')}`;
      out.push(inbound(at, user), reply(plus(at, 1), user));
    }
    return out;
  }

  it('1 Nov 2024: the last October service conversation is charged, the first November one is free', () => {
    const events = [
      ...serviceConversations(1000, '2024-10-10T12:00:00Z'),
      inbound('2024-11-01T02:00:00Z', BR), // 23:00 on 31 Oct in São Paulo
      reply('2024-11-01T02:30:00Z', BR),
      inbound('2024-11-01T03:00:00Z', BR2), // 00:00 on 1 Nov
      reply('2024-11-01T03:01:00Z', BR2),
    ];
    const bill = priceEvents(events, { timeZone: zone });
    expect(bill.total).toBe(cardRate('cbp-2024-10-01-USD', 'Brazil', 'service'));
    expect(bill.charges[2001]).toMatchObject({ pricingType: 'regular', billable: true });
    expect(bill.charges[2003]).toMatchObject({ pricingType: 'free_tier', billable: false });
  });

  it('1 Jul 2025: a template at 23:00 on 30 Jun local opens a CBP conversation; at 00:00 on 1 Jul it is one PMP message', () => {
    const bill = priceEvents(
      [template('2025-07-01T02:00:00Z', BR, 'marketing'), template('2025-07-01T03:00:00Z', BR2, 'marketing')],
      { timeZone: zone },
    );
    expect(bill.charges.map((c) => c.model)).toEqual(['CBP', 'PMP']);
    expect(bill.lines.map((l) => [l.month, l.model, l.card])).toEqual([
      ['2025-06', 'CBP', 'cbp-2025-04-01-USD'],
      ['2025-07', 'PMP', 'pmp-2025-07-01-USD'],
    ]);
  });

  it('month end: the service allowance of October ends at 00:00 on 1 Nov local, not UTC', () => {
    const start = '2026-10-31T12:00:00Z';
    const events: MessageEvent[] = [inbound(start, BR)];
    for (let i = 0; i < 1000; i++) events.push(reply(plus(start, i / 100), BR));
    events.push(inbound('2026-11-01T01:00:00Z', BR), reply('2026-11-01T01:30:00Z', BR)); // 22:30 on 31 Oct local
    events.push(reply('2026-11-01T03:00:00Z', BR)); // 00:00 on 1 Nov local
    const bill = priceEvents(events, { timeZone: zone });
    expect(bill.charges[1002]).toMatchObject({ pricingType: 'regular' });
    expect(bill.charges[1003]).toMatchObject({ pricingType: 'free_customer_service' });
    expect(bill.total).toBe(cardRate('pmp-2026-10-01-USD', 'Brazil', 'service'));
  });
});

describe('input is never trusted', () => {
  it('sorts unsorted events and explains them in input order', () => {
    const t0 = '2025-11-04T12:00:00Z';
    const sorted = [inbound(t0, BR), template(plus(t0, 1), BR, 'utility')];
    const bill = priceEvents([sorted[1]!, sorted[0]!]);
    expect(bill.total).toBe('0');
    expect(bill.charges[0]!.pricingType).toBe('free_customer_service');
    expect(bill.charges[1]!.pricingType).toBeNull();
  });

  it('rejects invalid input with one error listing every problem', () => {
    const bad = [
      { at: '2025-11-04 12:00', direction: 'outbound', user: BR, kind: 'template', category: 'marketing' },
      { at: '2025-11-04T12:00:00Z', direction: 'sideways', user: '5511', kind: 'template' },
      { at: '2023-05-31T12:00:00Z', direction: 'outbound', user: BR, kind: 'template', category: 'promo' },
      {
        at: '2025-11-04T12:00:00Z',
        direction: 'outbound',
        user: BR,
        kind: 'free_form',
        entryPoint: 'ctwa_ad',
      },
    ] as unknown as MessageEvent[];
    let error: unknown;
    try {
      priceEvents(bad, { timeZone: 'Mars/Olympus' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TarifaInputError);
    const problems = (error as TarifaInputError).problems.map((p) => `${p.index}:${p.field}:${p.code}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '-1:account.timeZone:invalid_time_zone',
        '0:at:invalid_instant',
        '1:direction:invalid_direction',
        '1:user:invalid_number',
        '1:category:missing_category',
        '2:category:invalid_category',
        '3:entryPoint:entry_point_on_outbound',
      ]),
    );
  });

  it('leaves out events before June 2023 in the account time zone, with a count and a warning', () => {
    const bill = priceEvents(
      [
        template('2023-05-31T23:00:00Z', BR, 'marketing'),
        template('2023-05-30T23:00:00Z', BR, 'utility'),
        template('2023-06-02T10:00:00Z', BR, 'marketing'),
      ],
      { timeZone: 'UTC' },
    );
    expect(bill.total).toBe(cardRate('cbp-2023-06-01-USD', 'Brazil', 'marketing'));
    expect(bill.warnings).toContainEqual({ code: 'before_supported_period', detail: { count: 2 } });
    expect(bill.charges.map((c) => c.billable)).toEqual([false, false, true]);
    expect(bill.lines.map((l) => l.count)).toEqual([1]);
    // 2023-06-01 01:00 in Tokyo is still 31 May 16:00Z: accepted because the account's local date is June.
    expect(
      priceEvents([template('2023-05-31T16:00:00Z', BR, 'marketing')], { timeZone: 'Asia/Tokyo' }).total,
    ).toBe(cardRate('cbp-2023-06-01-USD', 'Brazil', 'marketing'));
  });

  it('rejects unknown options and currencies without cards', () => {
    expect(() => priceEvents([], { currency: 'XXX' })).toThrow(/currency_without_cards/);
    expect(() => priceEvents([], { options: { fepHours: 1 } as never })).toThrow(/unknown_option/);
  });

  it('prices in another bundled currency from its own card', () => {
    const bill = priceEvents([template('2026-07-10T10:00:00Z', DE, 'marketing')], { currency: 'EUR' });
    expect(bill).toMatchObject<Partial<Bill>>({
      currency: 'EUR',
      total: cardRate('pmp-2026-07-01-EUR', 'Germany', 'marketing'),
    });
  });

  it('a month with no card in the currency is missing, not zero', () => {
    const bill = priceEvents([template('2026-10-10T10:00:00Z', DE, 'marketing')], { currency: 'EUR' });
    expect(bill.incomplete).toBe(true);
    expect(bill.total).toBeNull();
    expect(bill.lines[0]).toMatchObject({ rate: null, missing: 'no-card' });
    expect(bill.warnings.map((w) => w.code)).toContain('no_card');
  });
});

/** A copy of a card set (bundled by default) with one tier ladder replaced: the marginal rule is tested on small numbers. */
function withTiers(
  base: string | RateCardSet,
  market: string,
  column: 'utility' | 'authentication' | 'authentication_international',
  bands: readonly (readonly [number, number | null, string])[],
  cardId = typeof base === 'string' ? base : 'pmp-2025-10-01-USD',
): RateCardSet {
  const set: RateCardSet = structuredClone(typeof base === 'string' ? bundledRateCards : base);
  const card = set.cards.find((c) => c.id === cardId) as
    | { tiers?: Record<string, Record<string, unknown>> }
    | undefined;
  if (card === undefined) throw new Error(cardId);
  card.tiers ??= {};
  card.tiers[market] ??= {};
  card.tiers[market]![column] = {
    bands: bands.map(([from, to, rate]) => ({ from, to, rate })),
    provenance: { basis: 'meta-file', sources: ['T01'] },
  };
  return set;
}
