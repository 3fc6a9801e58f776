import { describe, expect, it } from 'vitest';
import { bundledRateCards } from '../../engine/index.ts';
import { cardBasis, cardStatus } from '../../engine/cards/status.ts';
import type { RateCard, RateCardSet } from '../../engine/types.ts';
import { cardsStatus, formatCardsStatus } from '../../cli/cardsStatus.ts';

const stub = (id: string, effectiveTo: string | null, over: Partial<RateCard> = {}): RateCard => {
  const [model, y, m, d, currency] = id.split('-');
  return {
    id,
    model: model === 'cbp' ? 'CBP' : 'PMP',
    currency: currency!,
    effectiveFrom: `${y}-${m}-${d}`,
    effectiveTo,
    sources: ['S01'],
    rates: { Other: { marketing: '0.0100' } },
    ...over,
  };
};

describe('cards:status (engine/cards/status.ts)', () => {
  it('per currency: newest card, basis, months covered and the months without a card', () => {
    const set: RateCardSet = {
      formatVersion: 1,
      reviewedThrough: '2026-12-31',
      markets: { defaultMarket: 'Other', countries: [] },
      sources: {},
      cards: [
        stub('pmp-2026-07-01-XXX', '2026-09-30', {
          derived: { from: 'pmp-2026-07-01-USD', ratio: '2', known: [] },
        }),
        stub('pmp-2026-01-01-XXX', '2026-03-31'),
        stub('pmp-2026-04-01-USD', '2026-06-30', { sources: ['meta-rates-pmp-2026-04-01-USD'] }),
        stub('pmp-2026-07-01-USD', null),
      ],
    };
    const s = cardStatus(set);
    expect(s.map((x) => x.currency)).toEqual(['USD', 'XXX']);
    expect(s[0]).toMatchObject({
      newest: { id: 'pmp-2026-07-01-USD', basis: 'transcribed', effectiveTo: null },
      months: [{ from: '2026-04', to: null }],
      gaps: [],
      counts: { 'meta-file': 1, transcribed: 1, derived: 0 },
    });
    expect(s[1]).toMatchObject({
      newest: { id: 'pmp-2026-07-01-XXX', basis: 'derived', ratio: '2', from: 'pmp-2026-07-01-USD' },
      months: [
        { from: '2026-01', to: '2026-03' },
        { from: '2026-07', to: '2026-09' },
      ],
      gaps: [
        { from: '2026-04', to: '2026-06' },
        { from: '2026-10', to: '2026-12' },
      ],
    });
    expect(cardsStatus(set).currencies).toEqual(s);
    const text = formatCardsStatus(cardsStatus(set));
    expect(text).toContain('XXX: 2 cards; months covered: 2026-01 → 2026-03; 2026-07 → 2026-09');
    expect(text).toContain(
      '  newest: pmp-2026-07-01-XXX (derived: pmp-2026-07-01-USD × 2), 2026-07-01 → 2026-09-30',
    );
    expect(text).toContain('  no card: 2026-04 → 2026-06; 2026-10 → 2026-12');
  });

  it('the bundle: Meta\u2019s April file, derived local cards, and the INR gap since 2026', () => {
    const byId = Object.fromEntries(bundledRateCards.cards.map((c) => [c.id, cardBasis(c)]));
    expect(byId['pmp-2026-04-01-USD']).toBe('meta-file');
    expect(byId['pmp-2026-10-01-USD']).toBe('transcribed');
    expect(byId['pmp-2026-10-01-BRL']).toBe('derived');
    const inr = cardStatus(bundledRateCards).find((x) => x.currency === 'INR')!;
    expect(inr.gaps).toEqual([{ from: '2026-01', to: '2026-12' }]);
  });
});
