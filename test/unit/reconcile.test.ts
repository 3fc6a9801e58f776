import { describe, expect, it } from 'vitest';
import { parseMessageLog, priceEvents, reconcile } from '../../engine/index.ts';

const T0 = Date.UTC(2026, 3, 2, 10) / 1000;
const A = '5511987650001';
const B = '5511987650002';
const C = '919876500001';
const body = (value: object) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ changes: [{ field: 'messages', value: { metadata: { phone_number_id: 'PN1' }, ...value } }] }],
  });
const delivered = (id: string, to: string, s: number, category: string, type: string, billable?: boolean) =>
  body({
    statuses: [
      {
        id,
        status: 'delivered',
        timestamp: String(T0 + s),
        recipient_id: to,
        pricing: { ...(billable === undefined ? {} : { billable }), pricing_model: 'PMP', category, type },
      },
    ],
  });

describe('reconcile', () => {
  const log = parseMessageLog(
    [
      delivered('a1', A, 0, 'utility', 'regular', true), // agrees
      delivered('a2', A, 60, 'marketing_lite', 'regular', true), // agrees (marketing_lite = marketing)
      body({ messages: [{ from: B, id: 'in', timestamp: String(T0 + 100), type: 'text' }] }),
      delivered('b1', B, 160, 'service', 'free_customer_service', false), // agrees
      delivered('b2', B, 200, 'utility', 'regular'), // we: free in the open window (until 2026-09-30)
      delivered('c1', C, 300, 'authentication-international', 'regular'), // we: domestic (no businessCountry)
    ].join('\n'),
  );

  it('compares each message Meta priced, with Meta spellings mapped', () => {
    expect(log.problems).toEqual([]);
    const bill = priceEvents(log.events);
    const r = reconcile(bill, log.metaPricing!);
    expect(r).toMatchObject({ compared: 5, agreed: 3, disagreed: 2, notCompared: 1 });
    expect(r.disagreements.map((d) => [log.messageIds![d.index], d.code])).toEqual([
      ['b2', 'billable_mismatch'],
      ['b2', 'type_mismatch'],
      ['c1', 'category_mismatch'],
    ]);
    expect(r.disagreements[0]!.ours).toEqual({
      billable: false,
      category: 'utility',
      pricingType: 'free_customer_service',
      model: 'PMP',
      amount: '0',
    });
    expect(r.billable).toEqual({
      utility: { ours: 1, meta: 2 },
      marketing: { ours: 1, meta: 1 },
      authentication: { ours: 1, meta: 0 },
      authentication_international: { ours: 0, meta: 1 },
    });
  });

  it('agrees when the account matches what Meta knew (auth-international from a business country)', () => {
    const bill = priceEvents(log.events, { businessCountry: 'BR', authInternationalFrom: '2026-01-01' });
    const r = reconcile(bill, log.metaPricing!);
    expect(r.disagreements.map((d) => log.messageIds![d.index])).toEqual(['b2', 'b2']);
  });

  it('flags what we do not price and what the engine does not model', () => {
    const bill = priceEvents(log.events);
    const meta = log.events.map(() => null as never);
    // Group categories are modelled since the Groups API is priced (issue 15); AI providers' are not.
    meta[0] = {
      billable: true,
      pricingModel: 'PMP',
      category: 'general_purpose_ai',
      type: 'regular',
    } as never;
    const inbound = log.events.findIndex((e) => e.direction === 'inbound');
    meta[inbound] = { billable: true, pricingModel: 'PMP', category: 'utility', type: 'regular' } as never;
    const r = reconcile(bill, meta);
    expect(r.disagreements.map((d) => d.code)).toEqual(['meta_unsupported', 'not_priced_by_us']);
  });
});
