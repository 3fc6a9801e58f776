/**
 * The named assumption "thresholds of the former market", off by default: a market made standalone
 * (Hong Kong, Hungary, Poland, Qatar, Romania, Singapore on 2026-07-01; Bangladesh, Iraq,
 * Kazakhstan, Kuwait, Morocco, Nepal, Oman, Sri Lanka, Ukraine on 2026-10-01) got its own volume
 * tiers, whose thresholds no source prints. By default the engine prices such a market at the
 * list rate and warns `tiers_unknown` with the card's reason. A host that prefers an estimate
 * passes `withFormerMarketTiers(set)` as `account.rateCards`: each such market then gets the
 * thresholds of the market its countries belonged to the day before (Rest of Asia Pacific, Rest of
 * Central & Eastern Europe, Rest of Middle East, Rest of Africa, Other), with band rates from
 * Meta's fixed steps on the market's own list rate; basis `assumed`, so every bill that uses one
 * warns `tiers_carried`. See docs/rules.md § Options.
 */
import { TIER_COLUMNS } from '../pricing/columns.ts';
import type { RateCard, RateCardSet, TierTable } from '../types.ts';
import { stepRates } from './steps.ts';

function dayBefore(date: string): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The market a market's countries were routed to the day before it first appears in the mapping,
 * with that date; undefined when the market has always existed or its countries came from several.
 */
export function formerMarket(
  set: RateCardSet,
  market: string,
): { market: string; until: string } | undefined {
  const found = new Set<string>();
  let since = '';
  for (const c of set.markets.countries) {
    const k = c.markets.findIndex((p) => p.market === market);
    if (k < 0) continue;
    const start = c.markets[k]!.from;
    const before = c.markets.find((p) => p.to !== null && p.to === dayBefore(start));
    if (before === undefined) return undefined;
    found.add(before.market);
    since = start;
  }
  if (found.size !== 1) return undefined;
  return { market: [...found][0]!, until: dayBefore(since) };
}

/**
 * `set` with a ladder, basis `assumed`, for every market a PMP card lists in `tiersUnknown`: the
 * former market's thresholds on the same card, band 1 the market's own list rate, bands 2… from
 * Meta's fixed steps. A market whose former market has no ladder on the card keeps none.
 */
export function withFormerMarketTiers(set: RateCardSet): RateCardSet {
  const cards = set.cards.map((card): RateCard => {
    if (card.tiersUnknown === undefined) return card;
    const tiers: Record<string, Partial<Record<(typeof TIER_COLUMNS)[number], TierTable>>> = {
      ...(card.tiers ?? {}),
    };
    const still: Record<string, string> = {};
    for (const [market, reason] of Object.entries(card.tiersUnknown)) {
      const former = formerMarket(set, market);
      let open = false;
      for (const col of TIER_COLUMNS) {
        const list = card.rates[market]?.[col];
        if (typeof list !== 'string' || card.tiers?.[market]?.[col]) continue;
        const model = former && card.tiers?.[former.market]?.[col];
        if (!model) {
          open = true; // e.g. auth-international: the former market had no such rate
          continue;
        }
        const steps = stepRates(list, market);
        tiers[market] = {
          ...tiers[market],
          [col]: {
            bands: model.bands.map((b, i) => ({
              from: b.from,
              to: b.to,
              rate: i === 0 ? list : (steps[i] ?? { missing: 'not-found' }),
            })),
            provenance: {
              basis: 'assumed',
              sources: model.provenance.sources,
              note: `assumption withFormerMarketTiers: thresholds of ${former.market} (this market's until ${former.until}); band rates from Meta's steps on this market's list rate (${reason})`,
            },
          },
        };
      }
      if (open) still[market] = reason;
    }
    const out: { -readonly [K in keyof RateCard]: RateCard[K] } = { ...card, tiers };
    if (Object.keys(still).length > 0) out.tiersUnknown = still;
    else delete out.tiersUnknown;
    return out;
  });
  return { ...set, cards };
}
