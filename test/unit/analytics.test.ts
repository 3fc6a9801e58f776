import { describe, expect, it } from 'vitest';
import { priceEvents, toMetaAnalytics } from '../../engine/index.ts';
import { BR, IN, inbound, reply, template } from './helpers.ts';

describe('toMetaAnalytics', () => {
  it('maps per-message lines to pricing_analytics enums, marketing tier 0:MAX and no tier on free points (R4, R5)', () => {
    const bill = priceEvents(
      [
        template('2026-04-03T10:00:00Z', BR, 'marketing'),
        template('2026-04-03T10:00:00Z', BR, 'utility'),
        inbound('2026-04-03T11:00:00Z', BR),
        template('2026-04-03T11:01:00Z', BR, 'utility'),
        template('2026-04-03T12:00:00Z', IN, 'authentication'),
      ],
      { businessCountry: 'BR', authInternationalFrom: '2026-04-01' },
    );
    const points = toMetaAnalytics(bill.lines);
    expect(
      points.map(
        (p) => p.report === 'pricing_analytics' && [p.country, p.pricing_category, p.pricing_type, p.tier],
      ),
    ).toEqual([
      ['BR', 'MARKETING', 'REGULAR', '0:MAX'],
      ['BR', 'UTILITY', 'REGULAR', '0:250000'],
      ['BR', 'UTILITY', 'FREE_CUSTOMER_SERVICE', null],
      ['IN', 'AUTHENTICATION_INTERNATIONAL', 'REGULAR', '0:750000'],
    ]);
  });

  it('maps conversation-based lines to conversation_analytics (R6)', () => {
    const bill = priceEvents([
      inbound('2024-03-03T10:00:00Z', BR),
      reply('2024-03-03T10:01:00Z', BR),
      template('2024-03-03T10:02:00Z', BR, 'marketing'),
    ]);
    expect(toMetaAnalytics(bill.lines)).toEqual([
      expect.objectContaining({
        conversation_category: 'MARKETING',
        conversation_type: 'REGULAR',
        conversation_direction: 'BUSINESS_INITIATED',
        conversation: 1,
      }),
      expect.objectContaining({
        conversation_category: 'SERVICE',
        conversation_type: 'FREE_TIER',
        conversation_direction: 'USER_INITIATED',
        cost: '0',
      }),
    ]);
  });
});
