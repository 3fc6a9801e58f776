/**
 * Direct Send (Meta, Jul 2026): a utility or authentication message sent without a template,
 * as a free-form message with a `category`, billed as a template of that category.
 * Expected amounts come from the card's figures and the rule, never from the engine.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type MessageEvent, priceEvents, TarifaInputError } from '../../engine/index.ts';
import { DIRECT_SEND_FROM } from '../../engine/pricing/regimes.ts';
import { BR, cardRate, IN, inbound, plus, reply, template } from './helpers.ts';

/** A Direct Send message: free-form, outbound, with a category. */
const direct = (
  at: string,
  user: string,
  category: 'utility' | 'authentication',
  extra: Partial<MessageEvent> = {},
): MessageEvent => ({ at, direction: 'outbound', user, kind: 'free_form', category, ...extra });

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TarifaInputError) return e.problems.map((p) => `${p.index}:${p.field}:${p.code}`);
    throw e;
  }
  return [];
};

describe('Direct Send', () => {
  const aug = 'pmp-2026-07-01-USD';
  const oct = 'pmp-2026-10-01-USD';

  it(`starts on ${DIRECT_SEND_FROM} (local date); before it, such an event is an input problem`, () => {
    expect(DIRECT_SEND_FROM).toBe('2026-07-31');
    expect(
      problemsOf(() =>
        priceEvents([
          direct('2026-07-30T23:59:00Z', BR, 'utility'),
          direct('2026-07-31T00:00:00Z', BR, 'utility'),
          { ...direct('2026-08-01T10:00:00Z', BR, 'utility'), category: 'marketing' },
          { ...direct('2026-08-01T10:00:00Z', BR, 'utility'), direction: 'inbound' },
        ]),
      ),
    ).toEqual([
      '0:category:direct_send_before_launch',
      '2:category:category_on_free_form',
      '3:category:category_on_free_form',
    ]);
    // 23:30 on 30 Jul in São Paulo is 02:30Z on 31 Jul: still before the launch locally.
    expect(
      problemsOf(() =>
        priceEvents([direct('2026-07-31T02:30:00Z', BR, 'utility')], { timeZone: 'America/Sao_Paulo' }),
      ),
    ).toEqual(['0:category:direct_send_before_launch']);
  });

  it('outside any window: priced at the utility rate, never as service, and no "outside the window" warning', () => {
    const bill = priceEvents([direct('2026-08-10T10:00:00Z', BR, 'utility')]);
    expect(bill.total).toBe(cardRate(aug, 'Brazil', 'utility'));
    expect(bill.charges[0]).toMatchObject({ category: 'utility', pricingType: 'regular', billable: true });
    expect(bill.warnings.map((w) => w.code)).not.toContain('free_form_outside_window');
  });

  it('inside a customer-service window before Oct 2026: free like an in-window utility template (option: charged)', () => {
    const events = [inbound('2026-08-10T10:00:00Z', BR), direct('2026-08-10T10:05:00Z', BR, 'utility')];
    const bill = priceEvents(events);
    expect(bill.total).toBe('0');
    expect(bill.charges[1]).toMatchObject({ category: 'utility', pricingType: 'free_customer_service' });
    const charged = priceEvents(events, { options: { directSendInWindowUtility: 'charged' } });
    expect(charged.total).toBe(cardRate(aug, 'Brazil', 'utility'));
    // A template keeps E4 whatever the option.
    const tpl = priceEvents([events[0]!, template('2026-08-10T10:05:00Z', BR, 'utility')], {
      options: { directSendInWindowUtility: 'charged' },
    });
    expect(tpl.total).toBe('0');
  });

  it('inside a free-entry-point window: free, with its own category', () => {
    const bill = priceEvents([
      inbound('2026-08-10T10:00:00Z', BR, { entryPoint: 'ctwa_ad' }),
      reply('2026-08-10T10:01:00Z', BR),
      direct('2026-08-11T10:00:00Z', BR, 'utility'),
      direct('2026-08-11T10:01:00Z', BR, 'authentication'),
    ]);
    expect(bill.total).toBe('0');
    expect(bill.lines.map((l) => `${l.category}/${l.pricingType}/${l.count}`)).toEqual([
      'utility/free_entry_point/1',
      'authentication/free_entry_point/1',
      'service/free_entry_point/1',
    ]);
  });

  it('Oct 2026, allowance partly used: Direct Send is charged and never spends the 1,000 free service messages', () => {
    const start = '2026-10-07T08:00:00Z';
    const events: MessageEvent[] = [inbound(start, BR)];
    for (let i = 0; i < 999; i++) events.push(reply(plus(start, 1 + i / 100), BR));
    // Inside the window: G7 charges in-window utility from Oct 2026, Direct Send too.
    events.push(direct(plus(start, 20), BR, 'utility'));
    events.push(direct(plus(start, 21), BR, 'authentication'));
    events.push(reply(plus(start, 22), BR)); // the 1,000th service message: still free
    events.push(reply(plus(start, 23), BR)); // the 1,001st: charged
    const bill = priceEvents(events);
    const expected = new Decimal(cardRate(oct, 'Brazil', 'utility'))
      .add(cardRate(oct, 'Brazil', 'authentication'))
      .add(cardRate(oct, 'Brazil', 'service'));
    expect(bill.total).toBe(expected.toFixed(4));
    const service = bill.lines.filter((l) => l.category === 'service');
    expect(service.map((l) => `${l.pricingType}/${l.count}`)).toEqual([
      'regular/1',
      'free_customer_service/1000',
    ]);
  });

  it('counts towards the utility tiers together with utility templates', () => {
    const bill = priceEvents([
      template('2026-08-10T10:00:00Z', BR, 'utility'),
      direct('2026-08-10T11:00:00Z', BR, 'utility'),
    ]);
    expect(bill.lines).toHaveLength(1);
    expect(bill.lines[0]).toMatchObject({ category: 'utility', pricingType: 'regular', count: 2 });
  });

  it('authentication Direct Send takes the authentication-international rate under D2', () => {
    const bill = priceEvents([direct('2026-08-10T10:00:00Z', IN, 'authentication')], {
      businessCountry: 'BR',
      authInternationalFrom: '2026-08-01',
    });
    expect(bill.charges[0]!.category).toBe('authentication_international');
    expect(bill.total).toBe(cardRate(aug, 'India', 'authentication_international'));
  });
});
