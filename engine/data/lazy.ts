// GENERATED FILE - do not edit by hand.
// Written by scripts/card-modules.ts from the bundled cards (engine/data/); regenerate with
//   npx tsx scripts/card-modules.ts   (scripts/build-cards.ts and import-meta-cards.ts run it)
import { cardOrder, trusted } from '../cards/checked.ts';
import type { MarketMapping, RateCard, RateCardSet, Source } from '../types.ts';

type Json = Promise<{ readonly default: unknown }>;

/** One loader per bundled card: each card is a module of its own (a lazy chunk in the widget). */
const cards: Readonly<Record<string, () => Json>> = {
  'cbp-2023-06-01-USD': () => import('./cards/cbp-2023-06-01-USD.json', { with: { type: 'json' } }),
  'cbp-2024-06-01-USD': () => import('./cards/cbp-2024-06-01-USD.json', { with: { type: 'json' } }),
  'cbp-2024-07-01-USD': () => import('./cards/cbp-2024-07-01-USD.json', { with: { type: 'json' } }),
  'cbp-2024-08-01-USD': () => import('./cards/cbp-2024-08-01-USD.json', { with: { type: 'json' } }),
  'cbp-2024-10-01-USD': () => import('./cards/cbp-2024-10-01-USD.json', { with: { type: 'json' } }),
  'cbp-2024-11-01-USD': () => import('./cards/cbp-2024-11-01-USD.json', { with: { type: 'json' } }),
  'cbp-2025-02-01-USD': () => import('./cards/cbp-2025-02-01-USD.json', { with: { type: 'json' } }),
  'cbp-2025-04-01-USD': () => import('./cards/cbp-2025-04-01-USD.json', { with: { type: 'json' } }),
  'pmp-2025-07-01-USD': () => import('./cards/pmp-2025-07-01-USD.json', { with: { type: 'json' } }),
  'pmp-2025-10-01-USD': () => import('./cards/pmp-2025-10-01-USD.json', { with: { type: 'json' } }),
  'pmp-2026-01-01-USD': () => import('./cards/pmp-2026-01-01-USD.json', { with: { type: 'json' } }),
  'pmp-2026-04-01-USD': () => import('./cards/pmp-2026-04-01-USD.json', { with: { type: 'json' } }),
  'pmp-2026-07-01-USD': () => import('./cards/pmp-2026-07-01-USD.json', { with: { type: 'json' } }),
  'pmp-2026-10-01-USD': () => import('./cards/pmp-2026-10-01-USD.json', { with: { type: 'json' } }),
  'pmp-2026-10-01-AED': () => import('./cards/pmp-2026-10-01-AED.json', { with: { type: 'json' } }),
  'pmp-2026-07-01-BRL': () => import('./cards/pmp-2026-07-01-BRL.json', { with: { type: 'json' } }),
  'pmp-2026-10-01-BRL': () => import('./cards/pmp-2026-10-01-BRL.json', { with: { type: 'json' } }),
  'pmp-2026-07-01-CLP': () => import('./cards/pmp-2026-07-01-CLP.json', { with: { type: 'json' } }),
  'pmp-2026-07-01-EUR': () => import('./cards/pmp-2026-07-01-EUR.json', { with: { type: 'json' } }),
  'pmp-2025-10-01-INR': () => import('./cards/pmp-2025-10-01-INR.json', { with: { type: 'json' } }),
};

// What the loaders below have brought, for bundledSetOf.
const got = new Map<string, RateCard>();
let markets: MarketMapping | null = null;
let sources: Readonly<Record<string, Source>> | null = null;

/** The full bundled card `id` (notes included), loaded on demand. */
export function loadBundledCard(id: string): Promise<RateCard> {
  const load = cards[id];
  if (load === undefined) return Promise.reject(new Error(`[tarifa] no bundled card ${id}`));
  return load().then((m) => {
    const card = m.default as RateCard;
    got.set(id, card);
    return card;
  });
}

/** The full bundled market mapping, loaded on demand. */
export function loadBundledMarkets(): Promise<MarketMapping> {
  return import('./markets.json', { with: { type: 'json' } }).then((m) => {
    markets = m.default as MarketMapping;
    return markets;
  });
}

/** The bundled source table, loaded on demand. */
export function loadBundledSources(): Promise<Readonly<Record<string, Source>>> {
  return import('./sources.json', { with: { type: 'json' } }).then((m) => {
    sources = m.default as Readonly<Record<string, Source>>;
    return sources;
  });
}

/**
 * The bundled cards `ids` (in a checked set's order, cardOrder) with the full market mapping and the
 * sources, as a checked set, once their loaders above have resolved (else null): the bundled
 * files pass the validator, alone and together, and it makes them into exactly this set
 * (test/unit/bundledCards.test.ts), so pricing them needs no validator (a browser need not load
 * it). Only bundled data: the caller names cards, never passes them.
 */
export function bundledSetOf(ids: readonly string[]): RateCardSet | null {
  const chosen = ids.map((id) => got.get(id));
  if (markets === null || sources === null || chosen.some((c) => c === undefined)) return null;
  const cards = (chosen as RateCard[]).sort(cardOrder);
  return trusted({
    formatVersion: 1,
    reviewedThrough: '2026-12-31',
    cards,
    markets,
    sources,
  });
}
