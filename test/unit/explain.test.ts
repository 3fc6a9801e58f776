import { describe, expect, it } from 'vitest';
import { basisKind } from '../../engine/decisions/explain.ts';
import {
  type BillLine,
  bundledRateCards,
  estimate,
  explainLine,
  REGIMES,
  regimeTimeline,
  type Scenario,
  type Tier,
} from '../../engine/index.ts';

const lineOf = (lines: readonly BillLine[], category: string, pricingType: string, tier?: Tier) => {
  const l = lines.find(
    (x) =>
      x.category === category &&
      x.pricingType === pricingType &&
      (tier === undefined || (x.tier?.from === tier.from && x.tier.to === tier.to)),
  );
  if (l === undefined) throw new Error(`no ${category}/${pricingType} line`);
  return l;
};

const locatorOf = (id: string) => bundledRateCards.sources[id]!.locator;

const volumes = {
  marketing: 100,
  utility: 1000,
  authentication: 100,
  conversations: 3000,
  repliesPerConversation: 1,
};

describe('explainLine', () => {
  it('PMP (Jul 2025 – Sep 2026): in-window utility E4, free service E5, free entry point E6', () => {
    const s: Scenario = {
      month: '2026-08',
      countries: [{ country: 'BR', ...volumes }],
      assumptions: { entryPointShare: 0.1, utilityInWindowShare: 0.5 },
    };
    const { lines } = estimate(s);
    const utility = explainLine(lineOf(lines, 'utility', 'free_customer_service'));
    expect(utility).toMatchObject({ rule: 'E4', reason: 'utility_in_window' });
    expect(utility.regime).toEqual({
      id: 'PMP',
      from: '2025-07-01',
      to: '2026-09-30',
      sources: REGIMES[2]!.sources,
    });
    // A free line carries no card id; the explanation names the card in force that month.
    expect(utility.card).toMatchObject({
      id: 'pmp-2026-07-01-USD',
      effectiveFrom: '2026-07-01',
      effectiveTo: '2026-09-30',
    });
    expect(utility.basis).toBeUndefined();
    expect(explainLine(lineOf(lines, 'service', 'free_customer_service'))).toMatchObject({
      rule: 'E5',
      reason: 'service_free',
    });
    expect(explainLine(lineOf(lines, 'marketing', 'free_entry_point'))).toMatchObject({
      rule: 'E6',
      reason: 'free_entry_point',
    });
  });

  it('from Oct 2026: service allowance G4, paid service G3, free entry point G8', () => {
    const s: Scenario = {
      month: '2026-11',
      countries: [{ country: 'BR', ...volumes }],
      assumptions: { entryPointShare: 0.1 },
    };
    const { lines } = estimate(s);
    expect(explainLine(lineOf(lines, 'service', 'free_customer_service'))).toMatchObject({
      rule: 'G4',
      reason: 'service_allowance',
      regime: { id: 'PMP_PAID_SERVICE', from: '2026-10-01', to: null },
    });
    expect(explainLine(lineOf(lines, 'service', 'regular'))).toMatchObject({
      rule: 'G3',
      reason: 'list_rate',
    });
    expect(explainLine(lineOf(lines, 'service', 'free_entry_point'))).toMatchObject({ rule: 'G8' });
  });

  it('a tiered line: F3 with its band and the tier table’s provenance', () => {
    const s: Scenario = { month: '2026-11', countries: [{ country: 'AR', utility: 150_000 }] };
    const { lines } = estimate(s);
    const second = lines.find((l) => l.tier?.from === 100001 && l.tier.to === 1000000)!;
    const e = explainLine(second);
    const table = bundledRateCards.cards.find((c) => c.id === 'pmp-2026-10-01-USD')!.tiers!.Argentina!
      .utility!;
    expect(e).toMatchObject({
      rule: 'F3',
      reason: 'volume_tier',
      tier: { from: 100001, to: 1000000 },
      basis: table.provenance.basis,
    });
    expect(e.cellSources).toEqual(table.provenance.sources.map((id) => ({ id, locator: locatorOf(id) })));
  });

  it('a regular line: the card with its sources resolved, and the cell’s own provenance', () => {
    const s: Scenario = { month: '2025-05', countries: [{ country: 'AR', marketing: 10 }] };
    const e = explainLine(estimate(s).lines[0]!);
    const card = bundledRateCards.cards.find((c) => c.id === 'cbp-2025-04-01-USD')!;
    const prov = card.provenance!['Argentina/marketing']!;
    expect(e).toMatchObject({ rule: 'C2', reason: 'list_rate', basis: prov.basis });
    expect(e.basisKind).toBe(prov.basis.split('+')[0]);
    expect(e.card).toEqual({
      id: card.id,
      effectiveFrom: card.effectiveFrom,
      effectiveTo: card.effectiveTo,
      sources: card.sources.map((id) => ({ id, locator: locatorOf(id) })),
    });
    expect(e.cellSources).toEqual(prov.sources.map((id) => ({ id, locator: locatorOf(id) })));
    // A cell without provenance rests on the card's sources.
    const br = explainLine(
      estimate({ month: '2026-11', countries: [{ country: 'BR', marketing: 1 }] }).lines[0]!,
    );
    expect(br).toMatchObject({ rule: 'E1', basis: 'card', basisKind: null });
    expect(br.cellSources).toBeUndefined();
  });

  it('basisKind: the kind a provenance basis starts with, as a code; null for a host’s own word', () => {
    expect(basisKind('carried+xcheck')).toBe('carried');
    expect(basisKind('carried-back+xcheck')).toBe('carried-back');
    expect(basisKind('meta-file')).toBe('meta-file');
    expect(basisKind('xcheck-other-currency')).toBe('xcheck-other-currency');
    expect(basisKind('card')).toBeNull();
    expect(basisKind('our own survey')).toBeNull();
    // Every basis the bundled cards use starts with a known kind.
    for (const c of bundledRateCards.cards)
      for (const p of Object.values(c.provenance ?? {})) expect(basisKind(p.basis), p.basis).not.toBeNull();
  });

  it('conversation-based months: C11 allowance, C13 all free, C14 free entry point', () => {
    const s = (month: string): Scenario => ({
      month,
      countries: [{ country: 'BR', ...volumes }],
      assumptions: { entryPointShare: 0.1 },
    });
    const cbp = estimate(s('2024-03')).lines;
    expect(explainLine(lineOf(cbp, 'service', 'free_tier'))).toMatchObject({
      rule: 'C11',
      reason: 'service_allowance_conversations',
      card: { id: 'cbp-2023-06-01-USD' },
    });
    expect(explainLine(lineOf(cbp, 'service', 'regular'))).toMatchObject({
      rule: 'C11',
      reason: 'list_rate',
    });
    expect(explainLine(lineOf(cbp, 'service', 'free_entry_point'))).toMatchObject({ rule: 'C14' });
    const free = estimate(s('2025-01')).lines;
    expect(explainLine(lineOf(free, 'service', 'free_tier'))).toMatchObject({
      rule: 'C13',
      reason: 'service_free_conversations',
    });
  });

  it('authentication-international: D2', () => {
    const s: Scenario = {
      month: '2026-11',
      countries: [{ country: 'IN', authentication: 100 }],
      assumptions: { authInternationalShare: 1 },
    };
    const { lines } = estimate(s, { businessCountry: 'MX', authInternationalFrom: '2026-11-15' });
    const e = explainLine(lineOf(lines, 'authentication_international', 'regular'));
    expect(e.rule).toBe('D2');
    expect(e.reason).toBe('authentication_international');
  });

  it('a missing figure says why; a month without a card says so', () => {
    const co = estimate({ month: '2025-08', countries: [{ country: 'CO', marketing: 1, utility: 1 }] }).lines;
    const missing = co.find((l) => l.rate === null)!;
    expect(explainLine(missing)).toMatchObject({ reason: 'rate_missing', missing: missing.missing });
    const eur = estimate(
      { month: '2026-11', countries: [{ country: 'BR', marketing: 1 }] },
      { currency: 'EUR' },
    );
    expect(explainLine(eur.lines[0]!, bundledRateCards, 'EUR')).toMatchObject({
      reason: 'no_card',
      missing: 'no-card',
    });
    expect(explainLine(eur.lines[0]!).card).toBeUndefined();
  });

  it('regimeTimeline lists the regimes in order', () => {
    expect(regimeTimeline().map((r) => r.id)).toEqual(['CBP', 'CBP_FREE_SERVICE', 'PMP', 'PMP_PAID_SERVICE']);
  });
});
