/**
 * The card modules derived from the bundled cards (engine/data/), for readers that must not
 * hold every figure (the widget; see widget/README.md § Rate cards):
 *   catalog.json  the catalog (engine/data/catalog.ts): every card's id, currency, dates, model, derivation, source ids.
 *   current.json  the first view's set (engine/data/current.ts): the cards still in force in the currencies a
 *                 visitor starts in (FIRST_VIEW_CURRENCIES), without notes and without nested `sources`
 *                 (of market periods and provenance entries),
 *                 the market mapping the same way, and no source table.
 *   lazy.ts       one loader per card (a module of its own: the full file) and for the markets
 *                 and sources.
 * Written by scripts/build-cards.ts and scripts/import-meta-cards.ts after the cards; run alone
 * (`npx tsx scripts/card-modules.ts`) it rewrites them from engine/data/. Pure `cardModules`
 * returns the texts; test/unit/cardModules.test.ts checks the committed files against it.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogCard } from '../engine/cards/catalog.ts';
import { formatCardJson } from '../engine/import/cardJson.ts';
import type { RateCard, RateCardSet } from '../engine/types.ts';

/**
 * The currencies a visitor starts in without choosing one: USD, and the billing currency of the
 * region of their language (widget/form/currency.ts BILLING_CURRENCY_BY_REGION; the unit test
 * checks the two agree). Their cards in force are in the first view, so a visitor in Brazil gets
 * the first total in BRL without a request after the script (issue 17).
 */
export const FIRST_VIEW_CURRENCIES: readonly string[] = ['USD', 'BRL', 'INR', 'EUR'];

/** The first view's cards: still in force (no end date), in a currency a visitor starts in. */
export function isFirstViewCard(c: RateCard): boolean {
  return c.effectiveTo === null && FIRST_VIEW_CURRENCIES.includes(c.currency);
}

/** A copy without `note` / `notes` at any depth and without `sources` below the top level. */
export function compact(value: unknown): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'note' || k === 'notes' || (k === 'sources' && depth > 0)) continue;
      out[k] = walk(x, depth + 1);
    }
    return out;
  };
  return walk(value, 0);
}

const HEAD = `// GENERATED FILE - do not edit by hand.
// Written by scripts/card-modules.ts from the bundled cards (engine/data/); regenerate with
//   npx tsx scripts/card-modules.ts   (scripts/build-cards.ts and import-meta-cards.ts run it)
`;

/** The texts of engine/data/catalog.json, current.json and lazy.ts for a bundled set (in bundled order). */
export function cardModules(set: RateCardSet): Record<'catalog.json' | 'current.json' | 'lazy.ts', string> {
  const catalog = formatCardJson({
    reviewedThrough: set.reviewedThrough,
    cards: set.cards.map(catalogCard),
  });
  const current = formatCardJson({
    formatVersion: set.formatVersion,
    reviewedThrough: set.reviewedThrough,
    cards: set.cards.filter(isFirstViewCard).map((c) => compact(c)),
    markets: compact(set.markets),
    sources: {},
  });
  const json = (file: string) => `import('./${file}', { with: { type: 'json' } })`;
  const lazy = `${HEAD}import { cardOrder, trusted } from '../cards/checked.ts';
import type { MarketMapping, RateCard, RateCardSet, Source } from '../types.ts';

type Json = Promise<{ readonly default: unknown }>;

/** One loader per bundled card: each card is a module of its own (a lazy chunk in the widget). */
const cards: Readonly<Record<string, () => Json>> = {
${set.cards.map((c) => `  '${c.id}': () => ${json(`cards/${c.id}.json`)},`).join('\n')}
};

// What the loaders below have brought, for bundledSetOf.
const got = new Map<string, RateCard>();
let markets: MarketMapping | null = null;
let sources: Readonly<Record<string, Source>> | null = null;

/** The full bundled card \`id\` (notes included), loaded on demand. */
export function loadBundledCard(id: string): Promise<RateCard> {
  const load = cards[id];
  if (load === undefined) return Promise.reject(new Error(\`[tarifa] no bundled card \${id}\`));
  return load().then((m) => {
    const card = m.default as RateCard;
    got.set(id, card);
    return card;
  });
}

/** The full bundled market mapping, loaded on demand. */
export function loadBundledMarkets(): Promise<MarketMapping> {
  return ${json('markets.json')}.then((m) => {
    markets = m.default as MarketMapping;
    return markets;
  });
}

/** The bundled source table, loaded on demand. */
export function loadBundledSources(): Promise<Readonly<Record<string, Source>>> {
  return ${json('sources.json')}.then((m) => {
    sources = m.default as Readonly<Record<string, Source>>;
    return sources;
  });
}

/**
 * The bundled cards \`ids\` (in a checked set's order, cardOrder) with the full market mapping and the
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
    formatVersion: ${set.formatVersion},
    reviewedThrough: '${set.reviewedThrough}',
    cards,
    markets,
    sources,
  });
}
`;
  return { 'catalog.json': catalog, 'current.json': current, 'lazy.ts': lazy };
}

/** Writes the card modules of `set` into `dir` (engine/data). */
export function writeCardModules(dir: string, set: RateCardSet): void {
  for (const [name, text] of Object.entries(cardModules(set))) writeFileSync(join(dir, name), text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bundledRateCards } = await import('../engine/data/index.ts');
  writeCardModules(resolve(import.meta.dirname, '../engine/data'), bundledRateCards);
  console.log('card-modules: engine/data/catalog.json, current.json, lazy.ts written');
}
