/**
 * Meta's own documented webhook payloads (test/fixtures/webhooks/meta.ts), read, priced and
 * reconciled. Meta's example timestamps (2022–2025) are replaced where a test needs a given era,
 * and example ids where two of Meta's examples share one; each replacement is named.
 */
import { describe, expect, it } from 'vitest';
import {
  formatTier,
  marketOf,
  type MessageLog,
  parseMessageLog,
  priceEvents,
  reconcile,
  reconcileTiers,
} from '../../engine/index.ts';
import {
  BSUID_DELIVERED_TO_BSUID,
  BSUID_DELIVERED_TO_NUMBER,
  BSUID_INBOUND_TEXT,
  CALL_CONNECT,
  CBP_SERVICE_DELIVERED,
  GROUP_INBOUND_TEXT,
  GROUP_STATUS_AGGREGATED,
  INBOUND_TEXT,
  MAX_PRICE_DELIVERED,
  SYSTEM_MESSAGE,
  TIER_UPDATE,
  withValues,
} from '../fixtures/webhooks/meta.ts';

const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';
/** Unix seconds of a UTC instant, as Meta writes timestamps. */
const unix = (iso: string) => String(Date.parse(iso) / 1000);

/** Meta's example with its timestamp (and, where given, its message id) replaced. */
function at(text: string, from: string, iso: string, id?: [string, string]): string {
  const out = withValues(text, { [`"${from}"`]: `"${unix(iso)}"` });
  return id === undefined ? out : withValues(out, { [id[0]]: id[1] });
}

function read(bodies: string[]): MessageLog {
  const log = parseMessageLog(bodies.join('\n'));
  expect(log.problems).toEqual([]);
  return log;
}

describe('users without a number (business-scoped user IDs, usernames)', () => {
  it('a BSUID is a user: its country gives the market', () => {
    expect(marketOf(BSUID, '2026-04-02')).toMatchObject({ country: 'US', market: 'North America' });
    expect(marketOf(PARENT, '2026-04-02')).toMatchObject({ country: 'US' });
    expect(marketOf('IN.abc123', '2026-04-02')).toMatchObject({ country: 'IN', market: 'India' });
    expect(marketOf('us.123', '2026-04-02')).toBeNull();
    expect(marketOf('XX.123', '2026-04-02')).toBeNull();
  });

  it('a BSUID-only archive is priced at the ID country (no invalid_number rows)', () => {
    const log = read([
      at(BSUID_INBOUND_TEXT, '1749416383', '2026-04-02T10:00:00Z'),
      at(BSUID_DELIVERED_TO_BSUID, '1750030073', '2026-04-02T11:00:00Z'),
    ]);
    expect(log.events.map((e) => [e.direction, e.user])).toEqual([
      ['inbound', BSUID],
      ['outbound', BSUID],
    ]);
    const bill = priceEvents(log.events);
    expect(bill.charges[1]).toMatchObject({ country: 'US', market: 'North America', pricingType: 'regular' });
    const r = reconcile(bill, log.metaPricing!, { events: log.events });
    expect(r.disagreements).toEqual([]);
  });

  it('contacts[] joins number, BSUID and parent BSUID: one person, one window', () => {
    // Meta's inbound examples share one message id: the username one gets its own (else it would be
    // taken as the same webhook delivered twice).
    const log = read([
      at(BSUID_INBOUND_TEXT, '1749416383', '2026-04-02T10:00:00Z', [
        'QTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        'BSUID1',
      ]),
      // A utility template to the same person by number, 1 h later: free inside the window the
      // username message opened (PMP, until 2026-09-30), as Meta says.
      withValues(at(BSUID_DELIVERED_TO_NUMBER, '1750030073', '2026-04-02T11:00:00Z'), {
        '"billable": true': '"billable": false',
        '"type": "regular"': '"type": "free_customer_service"',
        '"category": "marketing"': '"category": "utility"',
      }),
      at(INBOUND_TEXT, '1749416383', '2026-04-03T10:00:00Z'),
    ]);
    expect(new Set(log.events.map((e) => e.user))).toEqual(new Set(['+16505551234']));
    const bill = priceEvents(log.events);
    expect(bill.charges[1]).toMatchObject({ pricingType: 'free_customer_service', category: 'utility' });
    expect(reconcile(bill, log.metaPricing!, { events: log.events }).disagreements).toEqual([]);

    // Without the join (contacts[] removed) the window is missed: the proof that the join matters.
    const unjoined = parseMessageLog(
      [
        at(BSUID_INBOUND_TEXT, '1749416383', '2026-04-02T10:00:00Z'),
        withValues(at(BSUID_DELIVERED_TO_NUMBER, '1750030073', '2026-04-02T11:00:00Z'), {
          '"recipient_user_id": "US.13491208655302741918",': '',
          '"user_id": "US.13491208655302741918",': '',
          '"recipient_parent_user_id": "US.ENT.11815799212886844830",': '',
          '"parent_user_id": "US.ENT.11815799212886844830"': '"x": 1',
          '"category": "marketing"': '"category": "utility"',
        }),
      ].join('\n'),
    );
    expect(unjoined.problems).toEqual([]);
    expect(priceEvents(unjoined.events).charges[1]).toMatchObject({ pricingType: 'regular' });
  });

  it('the join does not depend on the order of the webhooks in the file', () => {
    const bodies = [
      at(BSUID_INBOUND_TEXT, '1749416383', '2026-04-02T10:00:00Z', [
        'QTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        'BSUID1',
      ]),
      at(BSUID_DELIVERED_TO_BSUID, '1750030073', '2026-04-02T11:00:00Z'),
      at(BSUID_DELIVERED_TO_NUMBER, '1750030073', '2026-04-02T12:00:00Z', ['MUMxMAA=', 'MUMxMQ==']),
    ];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      const log = read(order.map((k) => bodies[k]!));
      expect(log.events.map((e) => e.user)).toEqual(['+16505551234', '+16505551234', '+16505551234']);
    }
  });

  it('a status giving only a BSUID joins the earlier number-named statuses of the same message', () => {
    const log = read([
      at(BSUID_DELIVERED_TO_BSUID, '1750030073', '2026-04-02T11:00:00Z'),
      withValues(at(BSUID_DELIVERED_TO_NUMBER, '1750030073', '2026-04-02T11:00:05Z'), {
        '"status": "delivered"': '"status": "read"',
      }),
    ]);
    expect(log.events).toHaveLength(1);
    expect(log.events[0]).toMatchObject({ user: '+16505551234', status: 'delivered' });
  });

  it('an invalid BSUID is a rejected row', () => {
    const log = parseMessageLog(
      withValues(BSUID_INBOUND_TEXT, { '"from_user_id": "US.': '"from_user_id": "us.' }),
    );
    expect(log.events).toEqual([]);
    expect(log.problems.map((p) => p.code)).toEqual(['invalid_user_id']);
  });
});

/** Meta's CBP delivered example made a PMP utility template to `to`, priced by Meta as `type`. */
const utilityTo = (to: string, iso: string, type: string, id = 'BI3MTE5MjVBOTE3MDk5QUVFM0YA') =>
  withValues(at(CBP_SERVICE_DELIVERED, '1750263773', iso, ['BI3MTE5MjVBOTE3MDk5QUVFM0YA', id]), {
    '"recipient_id": "16505551234"': `"recipient_id": "${to}"`,
    '"billable": true': `"billable": ${type === 'regular'}`,
    '"pricing_model": "CBP"': '"pricing_model": "PMP"',
    '"category": "service"': `"category": "utility", "type": "${type}"`,
  });

describe('window openers', () => {
  const call = withValues(at(CALL_CONNECT, '1671644824', '2026-04-02T10:00:00Z'), {
    '<BSUID>': 'US.555',
    '<PARENT_BSUID>': 'US.ENT.555',
    '<PHONE_NUMBER_ID>': '106540352242922',
  });

  it('a call (calls field, connect) opens the customer-service window', () => {
    const log = read([call, utilityTo('16315553602', '2026-04-02T11:00:00Z', 'free_customer_service')]);
    expect(log.events.map((e) => [e.kind, e.user])).toEqual([
      ['call', '+16315553602'],
      ['template', '+16315553602'],
    ]);
    const bill = priceEvents(log.events);
    expect(bill.charges[1]).toMatchObject({ pricingType: 'free_customer_service' });
    expect(reconcile(bill, log.metaPricing!, { events: log.events }).disagreements).toEqual([]);
  });

  it('a system message (the user changed number) opens nothing and is not an event', () => {
    const log = read([
      at(SYSTEM_MESSAGE, '1750269342', '2026-04-02T10:00:00Z'),
      utilityTo('16505551234', '2026-04-02T11:00:00Z', 'regular'),
    ]);
    expect(log.warnings.map((w) => w.code)).toContain('system_message_ignored');
    expect(log.events.map((e) => e.kind)).toEqual(['template']);
    const bill = priceEvents(log.events);
    expect(bill.charges[0]).toMatchObject({ pricingType: 'regular' });
    expect(reconcile(bill, log.metaPricing!, { events: log.events }).disagreements).toEqual([]);
  });

  it('the event contract: a call is inbound only, without category or entry point', () => {
    const base = { at: '2026-04-02T10:00:00Z', user: '+16505551234', kind: 'call' } as const;
    expect(() => priceEvents([{ ...base, direction: 'outbound' }])).toThrow(/call_on_outbound/);
    expect(() => priceEvents([{ ...base, direction: 'inbound', entryPoint: 'ctwa_ad' }])).toThrow(
      /entry_point_on_call/,
    );
    expect(priceEvents([{ ...base, direction: 'inbound' }]).charges[0]).toMatchObject({ pricingType: null });
  });
});

describe('reconcile: billable in its era, every category, cost', () => {
  it('a CBP free-tier archive (2024) reconciles with zero disagreements', () => {
    // Meta's CBP service example, moved into March 2024 (1,000 free service conversations a month:
    // Meta marks them billable), a second reply in the same conversation, and Meta's example as it
    // is (June 2025, every service conversation free, still billable: true).
    const cbp = (iso: string, id: string) =>
      at(CBP_SERVICE_DELIVERED, '1750263773', iso, ['BI3MTE5MjVBOTE3MDk5QUVFM0YA', id]);
    const log = read([
      at(INBOUND_TEXT, '1749416383', '2024-03-05T10:00:00Z', ['QTRBNjU5OUFFRTAzODEwMTQ0RgA=', 'IN1']),
      cbp('2024-03-05T10:01:00Z', 'OUT1'),
      cbp('2024-03-05T10:02:00Z', 'OUT2'),
      at(INBOUND_TEXT, '1749416383', '2025-06-18T15:00:00Z', ['QTRBNjU5OUFFRTAzODEwMTQ0RgA=', 'IN2']),
      CBP_SERVICE_DELIVERED,
    ]);
    const bill = priceEvents(log.events);
    expect(bill.charges.map((c) => c.pricingType)).toEqual([
      null,
      'free_tier',
      'free_tier',
      null,
      'free_tier',
    ]);
    const r = reconcile(bill, log.metaPricing!, { events: log.events });
    expect(r).toMatchObject({ compared: 3, agreed: 3, disagreed: 0 });
    expect(r.billable).toEqual({ service: { ours: 2, meta: 3 } });
    expect(r.totals.map((t) => [t.month, t.category, t.ours.billable, t.meta.billable])).toEqual([
      ['2024-03', 'service', 2, 2],
      ['2025-06', 'service', 0, 1],
    ]);
    // The era matters: Meta saying "not billable" for a 2024 free-tier conversation is a disagreement.
    const flipped = log.metaPricing!.map((m, i) => (i === 1 && m !== null ? { ...m, billable: false } : m));
    expect(reconcile(bill, flipped, { events: log.events }).disagreements.map((d) => d.code)).toEqual([
      'billable_mismatch',
    ]);
    // The old call (no dates) still works and never guesses the era.
    expect(reconcile(bill, log.metaPricing!).disagreed).toBe(0);
  });

  it('a max-price cost is compared with our amount, exactly', () => {
    const body = at(MAX_PRICE_DELIVERED, '1750030073', '2026-10-05T12:00:00Z');
    const log = read([body]);
    expect(log.metaPricing![0]).toMatchObject({
      category: 'marketing_lite',
      cost: { amount: '0.035', currency: 'USD' },
    });
    const bill = priceEvents(log.events);
    const ours = bill.charges[0]!.amount!;
    expect(ours).not.toBe('0.035');
    const r = reconcile(bill, log.metaPricing!, { events: log.events });
    expect(r.disagreements.map((d) => d.code)).toEqual(['amount_mismatch']);
    expect(r.disagreements[0]!.ours.amount).toBe(ours);
    expect(r.totals).toEqual([
      {
        month: '2026-10',
        category: 'marketing',
        ours: { messages: 1, billable: 1, amount: ours, priced: 1 },
        meta: { messages: 1, billable: 1, amount: '0.035', priced: 1 },
        billableDifference: 0,
        codes: { amount_mismatch: 1 },
      },
    ]);
    // Meta's cost equal to our rate (written as a JSON number, trailing zeros dropped): agrees.
    const same = read([withValues(body, { '0.035': String(Number(ours)) })]);
    expect(reconcile(priceEvents(same.events), same.metaPricing!).disagreements).toEqual([]);
    // In another currency: not compared, flagged.
    const eur = read([withValues(body, { '"USD"': '"EUR"' })]);
    expect(reconcile(priceEvents(eur.events), eur.metaPricing!).disagreements.map((d) => d.code)).toEqual([
      'cost_currency_mismatch',
    ]);
  });

  it("Meta's categories and types: marketing_lite and group ones mapped, AI providers' not modelled", () => {
    const log = read([at(MAX_PRICE_DELIVERED, '1750030073', '2026-04-05T12:00:00Z')]);
    const bill = priceEvents(log.events);
    const m = log.metaPricing![0]!;
    const codes = (category: string, type: string | null, events = log.events) =>
      reconcile(bill, [{ ...m, category, type, cost: null }], { events }).disagreements.map((d) => d.code);
    expect(codes('marketing_lite', 'regular')).toEqual([]);
    // A group category for a 1:1 message disagrees when the events are given; alone it maps.
    expect(codes('group_marketing', 'regular')).toEqual(['category_mismatch']);
    expect(reconcile(bill, [{ ...m, category: 'group_marketing', cost: null }]).disagreements).toEqual([]);
    expect(codes('marketing', 'free_group_customer_service')).toEqual(['type_mismatch']);
    expect(codes('general_purpose_ai', 'regular')).toEqual(['meta_unsupported']);
  });
});

describe("Meta's volume-tier webhook", () => {
  it('is read (duplicates once) and its band compared with the band our bill applied', () => {
    const log = read([TIER_UPDATE, TIER_UPDATE]);
    expect(log.tierUpdates).toEqual([
      {
        line: 1,
        at: '2025-03-31T20:11:43.000Z',
        month: '2025-11',
        category: 'utility',
        region: 'India',
        tier: { from: 25000001, to: 50000000 },
      },
    ]);
    // Our bill for a few India utility templates in November 2025 stays in the first band.
    const events = [1, 2, 3].map((k) => ({
      at: `2025-11-0${k}T10:00:00Z`,
      direction: 'outbound' as const,
      user: '+919876500001',
      kind: 'template' as const,
      category: 'utility' as const,
    }));
    const bill = priceEvents(events);
    const band = bill.lines.find((l) => l.category === 'utility')!.tier!;
    expect(formatTier(band)).toMatch(/^0:\d+$/);
    expect(reconcileTiers(bill, log.tierUpdates!)).toEqual([
      {
        month: '2025-11',
        category: 'utility',
        region: 'India',
        meta: { from: 25000001, to: 50000000 },
        ours: band,
        code: 'tier_mismatch',
        line: 1,
      },
    ]);
    const agree = read([withValues(TIER_UPDATE, { '25000001:50000000': formatTier(band) })]);
    expect(reconcile(bill, [], { tierUpdates: agree.tierUpdates! }).tiers.map((t) => t.code)).toEqual([null]);
    const calling = read([withValues(TIER_UPDATE, { '"UTILITY"': '"CALLING"' })]);
    expect(reconcileTiers(bill, calling.tierUpdates!).map((t) => t.code)).toEqual([
      'tier_category_unsupported',
    ]);
  });

  it('a malformed tier update is a rejected row', () => {
    const log = parseMessageLog(withValues(TIER_UPDATE, { '"2025-11"': '"November"' }));
    expect(log.problems.map((p) => p.code)).toEqual(['invalid_tier_update']);
    expect(log.rejected).toBe(1);
  });
});

describe('groups (Groups API)', () => {
  const BR = '5511987650001';
  const IN = '919876500001';
  /** Meta's aggregated group status with its placeholders given values (category, type, time). */
  const groupSend = (iso: string, category: string, type: string, id = 'wamid.G1') =>
    withValues(GROUP_STATUS_AGGREGATED, {
      GROUP_PARTICIPANT_PHONE_NUMBER_1: BR,
      GROUP_PARTICIPANT_PHONE_NUMBER_2: IN,
      WHATSAPP_MESSAGE_ID: id,
      GROUP_ID: 'GRP1',
      BUSINESS_PHONE_NUMBER_ID: '106540352242922',
      WEBHOOK_TRIGGER_TIMESTAMP: unix(iso),
      IS_BILLABLE: String(type === 'regular'),
      PRICING_MODEL: 'PMP',
      '"category": "CONVERSATION_CATEGORY"': `"category": "${category}", "type": "${type}"`,
    });
  const groupInbound = (iso: string) =>
    withValues(GROUP_INBOUND_TEXT, {
      '<WHATSAPP_USER_PHONE_NUMBER>': BR,
      '<WHATSAPP_USER_ID>': BR,
      '<BSUID>': 'BR.777',
      '<PARENT_BSUID>': 'BR.ENT.777',
      '<GROUP_ID>': 'GRP1',
      '<BUSINESS_PHONE_NUMBER_ID>': '106540352242922',
      '<WHATSAPP_MESSAGE_ID>': 'wamid.GIN1',
      '<WEBHOOK_TRIGGER_TIMESTAMP>': unix(iso),
    });

  it('a group send is priced per participant reached, at each participant market rate', () => {
    const log = read([groupSend('2026-04-02T12:00:00Z', 'group_marketing', 'regular')]);
    expect(log.events.map((e) => [e.user, e.group, e.kind, e.category, e.status])).toEqual([
      [`+${BR}`, 'GRP1', 'template', 'marketing', 'read'],
      [`+${IN}`, 'GRP1', 'template', 'marketing', 'read'],
    ]);
    const bill = priceEvents(log.events);
    const oneToOne = priceEvents(log.events.map(({ group: _, ...e }) => e));
    expect(bill.charges.map((c) => [c.country, c.pricingType, c.amount])).toEqual(
      oneToOne.charges.map((c) => [c.country, 'regular', c.amount]),
    );
    expect(bill.charges[0]!.amount).not.toBe(bill.charges[1]!.amount);
    expect(reconcile(bill, log.metaPricing!, { events: log.events }).disagreements).toEqual([]);
  });

  it("a participant's message opens the group's window, not a 1:1 window", () => {
    const log = read([
      groupInbound('2026-04-02T10:00:00Z'),
      // Both participants' utility deliveries are free in the group's window (Meta: free_group_customer_service)…
      groupSend('2026-04-02T11:00:00Z', 'group_utility', 'free_group_customer_service'),
      // …but a 1:1 utility template to the participant who wrote is regular: no 1:1 window.
      utilityTo(BR, '2026-04-02T11:30:00Z', 'regular'),
    ]);
    expect(log.events.map((e) => [e.direction, e.group ?? null])).toEqual([
      ['inbound', 'GRP1'],
      ['outbound', 'GRP1'],
      ['outbound', 'GRP1'],
      ['outbound', null],
    ]);
    const bill = priceEvents(log.events);
    expect(bill.charges.map((c) => c.pricingType)).toEqual([
      null,
      'free_customer_service',
      'free_customer_service',
      'regular',
    ]);
    expect(reconcile(bill, log.metaPricing!, { events: log.events }).disagreements).toEqual([]);
    // Group utility has no volume tiers (F11): the charged 1:1 template is the month's first in the tiers.
    expect(bill.lines.filter((l) => l.pricingType === 'regular').map((l) => l.tier?.from)).toEqual([0]);
  });

  it('group messages are PMP only: before July 2025 they are rejected by the engine', () => {
    const log = read([groupSend('2025-03-02T12:00:00Z', 'group_marketing', 'regular')]);
    expect(() => priceEvents(log.events)).toThrow(/group_before_pmp/);
  });
});
