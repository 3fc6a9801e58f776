/**
 * Issue 18, item 3: the codes that cross from the engine to the widget are typed objects. Tiers
 * are `{ from, to }` (Meta's `LOWER:UPPER` only in text outputs), a warning's detail is an object,
 * a missing figure's reason is one of the engine's codes.
 */
import { describe, expect, it } from 'vitest';
import { billTable, linesCsv } from '../../cli/format.ts';
import { warningKey } from '../../engine/pricing/ledger.ts';
import {
  bundledRateCards,
  estimate,
  formatTier,
  parseRateCards,
  parseTier,
  priceEvents,
  type RateCardSet,
  type Tier,
  warningDetailText,
} from '../../engine/index.ts';

describe('tiers', () => {
  it("reads and writes Meta's notation (inclusive bounds, MAX for the open band)", () => {
    expect(parseTier('0:100000')).toEqual({ from: 0, to: 100000 });
    expect(parseTier('100001:MAX')).toEqual({ from: 100001, to: null });
    expect(formatTier({ from: 0, to: 250000 })).toBe('0:250000');
    expect(formatTier({ from: 250001, to: null })).toBe('250001:MAX');
    for (const bad of [
      '',
      '0-100',
      '1:',
      ':5',
      'MAX:1',
      '1.5:2',
      ' 0:1',
      '0:max',
      '99999999999999999999:MAX',
    ])
      expect(parseTier(bad), bad).toBeNull();
  });

  it('round trips: a bill line’s tier → text (CLI table and CSV) → the same object', () => {
    const e = estimate({ month: '2026-11', countries: [{ country: 'BR', utility: 300_000 }] });
    const tiers = e.lines.map((l) => l.tier).filter((t): t is Tier => t !== null);
    expect(tiers).toEqual([
      { from: 0, to: 250_000 },
      { from: 250_001, to: expect.any(Number) },
    ]);
    for (const t of tiers) expect(parseTier(formatTier(t))).toEqual(t);
    // The CLI writes the notation, and reading its CSV back gives the engine's objects.
    const csv = linesCsv([{ lines: e.lines }])
      .trim()
      .split('\r\n');
    const column = csv[0]!.split(',').indexOf('tier');
    const back = csv.slice(1).map((row) => row.split(',')[column]!);
    expect(back.map((t) => (t === '' ? null : parseTier(t)))).toEqual(e.lines.map((l) => l.tier));
    expect(billTable(e)).toContain(' 0:250000 ');
  });
});

describe('a missing figure', () => {
  it('a Pakistan utility line at 200,000 messages: the band rate is missing, `tier-not-found`', () => {
    const e = estimate({ month: '2026-12', countries: [{ country: 'PK', utility: 200_000 }] });
    const missing = e.lines.filter((l) => l.rate === null);
    expect(missing).toMatchObject([
      {
        market: 'Pakistan',
        category: 'utility',
        tier: { from: 150_001, to: 1_000_000 },
        missing: 'tier-not-found',
      },
    ]);
    expect(e.warnings).toContainEqual({
      code: 'tier_rate_missing',
      detail: {
        card: 'pmp-2026-10-01-USD',
        market: 'Pakistan',
        column: 'utility',
        tier: { from: 150_001, to: 1_000_000 },
        reason: 'not-found',
      },
    });
    // The text form keeps the slash-joined detail of the CLI's table.
    const w = e.warnings.find((x) => x.code === 'tier_rate_missing')!;
    expect(warningDetailText(w)).toBe('pmp-2026-10-01-USD/Pakistan/utility/150001:1000000/not-found');
    expect(billTable(e)).toContain(
      'Warning: tier_rate_missing pmp-2026-10-01-USD/Pakistan/utility/150001:1000000/not-found',
    );
  });

  it('a market the card does not list, a cell Meta prints n/a, a host card’s own reason: each its code', () => {
    const base = bundledRateCards;
    const card = base.cards.find((c) => c.id === 'pmp-2026-10-01-USD')!;
    // Pakistan left off the card (with its tiers and provenance), Brazil's utility n/a (no ladder),
    // Brazil's marketing missing for a reason of the host's own.
    const { Pakistan, ...rates } = card.rates;
    const { Pakistan: pkTiers, ...tiers } = card.tiers ?? {};
    const { utility: brUtilityTiers, ...brTiers } = tiers.Brazil ?? {};
    void [Pakistan, pkTiers, brUtilityTiers];
    const set: RateCardSet = parseRateCards({
      ...base,
      cards: [
        ...base.cards.filter((c) => c.id !== card.id),
        {
          ...card,
          rates: {
            ...rates,
            Brazil: { ...rates.Brazil, utility: null, marketing: { missing: 'asked Meta, no answer' } },
          },
          tiers: { ...tiers, Brazil: brTiers },
          provenance: Object.fromEntries(
            Object.entries(card.provenance ?? {}).filter(([k]) => !k.startsWith('Pakistan/')),
          ),
        },
      ],
    });
    const e = estimate(
      {
        month: '2026-11',
        countries: [
          { country: 'PK', marketing: 10 },
          { country: 'BR', utility: 10, marketing: 10 },
        ],
      },
      { rateCards: set },
    );
    const reasons = e.lines.filter((l) => l.rate === null).map((l) => [l.country, l.category, l.missing]);
    expect(reasons).toEqual([
      ['BR', 'marketing', 'other'],
      ['BR', 'utility', 'not-applicable'],
      ['PK', 'marketing', 'market-not-on-card'],
    ]);
    expect(
      e.warnings
        .filter((w) => w.code === 'rate_missing')
        .map((w) => warningDetailText(w).split('/').slice(1)),
    ).toEqual([
      ['Brazil', 'marketing', 'other'],
      ['Brazil', 'utility', 'not-applicable'],
      ['Pakistan', 'marketing', 'market-not-on-card'],
    ]);
  });
});

describe('warnings', () => {
  it('count details are numbers; a bill lists each warning once, by code, then by detail', () => {
    const bill = priceEvents([
      {
        at: '2023-05-31T12:00:00Z',
        direction: 'outbound',
        user: '+5511999990000',
        kind: 'template',
        category: 'utility',
      },
      {
        at: '2023-05-30T12:00:00Z',
        direction: 'outbound',
        user: '+5511999990000',
        kind: 'template',
        category: 'utility',
      },
    ]);
    expect(bill.warnings).toEqual([{ code: 'before_supported_period', detail: { count: 2 } }]);
    expect(warningDetailText(bill.warnings[0]!)).toBe('2');
    const e = estimate(
      {
        month: '2026-11',
        countries: [
          { country: 'KZ', utility: 1 },
          { country: 'PK', utility: 200_000 },
          { country: 'IQ', utility: 5 },
          { country: 'HK', utility: 5 },
        ],
      },
      { currency: 'USD' },
    );
    expect(e.warnings.map((w) => w.code)).toEqual([
      'tier_rate_missing',
      'tiers_carried',
      'tiers_unknown',
      'tiers_unknown',
      'tiers_unknown',
    ]);
    const keys = e.warnings.map(warningKey);
    expect(keys).toEqual([...new Set(keys)].sort());
    expect(Object.isFrozen(e.warnings[0]!.detail)).toBe(true);
    // A market's warnings sort by the market's name (its detail's first differing field).
    const tiersUnknown = e.warnings.filter((w) => w.code === 'tiers_unknown');
    expect(tiersUnknown.map((w) => w.detail.market)).toEqual(['Hong Kong', 'Iraq', 'Kazakhstan']);
  });
});
