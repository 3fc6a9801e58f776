// GENERATED FILE - do not edit by hand.
// Written by scripts/build-cards.ts from the research CSVs; regenerate with
//   npx tsx scripts/build-cards.ts [path-to-shared-ratecards]   (default ../shared/ratecards)
// See engine/data/README.md for what is bundled and how confident each card is.
import { trusted } from '../cards/checked.ts';
import type { MarketMapping, RateCard, RateCardSet, Source } from '../types.ts';
import card_cbp_2023_06_01_USD from './cards/cbp-2023-06-01-USD.json' with { type: 'json' };
import card_cbp_2024_06_01_USD from './cards/cbp-2024-06-01-USD.json' with { type: 'json' };
import card_cbp_2024_07_01_USD from './cards/cbp-2024-07-01-USD.json' with { type: 'json' };
import card_cbp_2024_08_01_USD from './cards/cbp-2024-08-01-USD.json' with { type: 'json' };
import card_cbp_2024_10_01_USD from './cards/cbp-2024-10-01-USD.json' with { type: 'json' };
import card_cbp_2024_11_01_USD from './cards/cbp-2024-11-01-USD.json' with { type: 'json' };
import card_cbp_2025_02_01_USD from './cards/cbp-2025-02-01-USD.json' with { type: 'json' };
import card_cbp_2025_04_01_USD from './cards/cbp-2025-04-01-USD.json' with { type: 'json' };
import card_pmp_2025_07_01_USD from './cards/pmp-2025-07-01-USD.json' with { type: 'json' };
import card_pmp_2025_10_01_USD from './cards/pmp-2025-10-01-USD.json' with { type: 'json' };
import card_pmp_2026_01_01_USD from './cards/pmp-2026-01-01-USD.json' with { type: 'json' };
import card_pmp_2026_04_01_USD from './cards/pmp-2026-04-01-USD.json' with { type: 'json' };
import card_pmp_2026_07_01_USD from './cards/pmp-2026-07-01-USD.json' with { type: 'json' };
import card_pmp_2026_10_01_USD from './cards/pmp-2026-10-01-USD.json' with { type: 'json' };
import card_pmp_2026_10_01_AED from './cards/pmp-2026-10-01-AED.json' with { type: 'json' };
import card_pmp_2026_07_01_BRL from './cards/pmp-2026-07-01-BRL.json' with { type: 'json' };
import card_pmp_2026_10_01_BRL from './cards/pmp-2026-10-01-BRL.json' with { type: 'json' };
import card_pmp_2026_07_01_CLP from './cards/pmp-2026-07-01-CLP.json' with { type: 'json' };
import card_pmp_2026_07_01_EUR from './cards/pmp-2026-07-01-EUR.json' with { type: 'json' };
import card_pmp_2025_10_01_INR from './cards/pmp-2025-10-01-INR.json' with { type: 'json' };
import markets from './markets.json' with { type: 'json' };
import sources from './sources.json' with { type: 'json' };

/** Ids of the bundled cards, by currency (USD first) then date. */
export const bundledCardIds: readonly string[] = [
  'cbp-2023-06-01-USD',
  'cbp-2024-06-01-USD',
  'cbp-2024-07-01-USD',
  'cbp-2024-08-01-USD',
  'cbp-2024-10-01-USD',
  'cbp-2024-11-01-USD',
  'cbp-2025-02-01-USD',
  'cbp-2025-04-01-USD',
  'pmp-2025-07-01-USD',
  'pmp-2025-10-01-USD',
  'pmp-2026-01-01-USD',
  'pmp-2026-04-01-USD',
  'pmp-2026-07-01-USD',
  'pmp-2026-10-01-USD',
  'pmp-2026-10-01-AED',
  'pmp-2026-07-01-BRL',
  'pmp-2026-10-01-BRL',
  'pmp-2026-07-01-CLP',
  'pmp-2026-07-01-EUR',
  'pmp-2025-10-01-INR',
];

/** The rate cards bundled with Tarifa (validated by test/unit/bundledCards.test.ts). */
export const bundledRateCards: RateCardSet = trusted({
  formatVersion: 1,
  reviewedThrough: '2026-12-31',
  cards: [
    card_cbp_2023_06_01_USD as unknown as RateCard,
    card_cbp_2024_06_01_USD as unknown as RateCard,
    card_cbp_2024_07_01_USD as unknown as RateCard,
    card_cbp_2024_08_01_USD as unknown as RateCard,
    card_cbp_2024_10_01_USD as unknown as RateCard,
    card_cbp_2024_11_01_USD as unknown as RateCard,
    card_cbp_2025_02_01_USD as unknown as RateCard,
    card_cbp_2025_04_01_USD as unknown as RateCard,
    card_pmp_2025_07_01_USD as unknown as RateCard,
    card_pmp_2025_10_01_USD as unknown as RateCard,
    card_pmp_2026_01_01_USD as unknown as RateCard,
    card_pmp_2026_04_01_USD as unknown as RateCard,
    card_pmp_2026_07_01_USD as unknown as RateCard,
    card_pmp_2026_10_01_USD as unknown as RateCard,
    card_pmp_2026_10_01_AED as unknown as RateCard,
    card_pmp_2026_07_01_BRL as unknown as RateCard,
    card_pmp_2026_10_01_BRL as unknown as RateCard,
    card_pmp_2026_07_01_CLP as unknown as RateCard,
    card_pmp_2026_07_01_EUR as unknown as RateCard,
    card_pmp_2025_10_01_INR as unknown as RateCard,
  ],
  markets: markets as unknown as MarketMapping,
  sources: sources as unknown as Readonly<Record<string, Source>>,
});
