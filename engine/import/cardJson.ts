/**
 * The text of the bundled card files (engine/data/): the JSON layout and the generated
 * `index.ts`. Shared by scripts/build-cards.ts (research CSVs) and scripts/import-meta-cards.ts
 * (Meta's files) so both write byte-identical output. Pure: returns strings, writes nothing.
 */

/** 2-space JSON; an object or array whose one-line form fits in the line (110) is written on one line. */
export function formatCardJson(v: unknown): string {
  const WIDTH = 110;
  const one = (x: unknown): string => {
    if (Array.isArray(x)) return x.length ? `[${x.map(one).join(', ')}]` : '[]';
    if (x !== null && typeof x === 'object') {
      const e = Object.entries(x);
      return e.length ? `{ ${e.map(([k, y]) => `${JSON.stringify(k)}: ${one(y)}`).join(', ')} }` : '{}';
    }
    return JSON.stringify(x);
  };
  const fmt = (x: unknown, ind: string, lead: number): string => {
    const line = one(x);
    if (x === null || typeof x !== 'object' || ind.length + lead + line.length <= WIDTH) return line;
    const inner = `${ind}  `;
    if (Array.isArray(x)) return `[\n${x.map((y) => inner + fmt(y, inner, 1)).join(',\n')}\n${ind}]`;
    const e = Object.entries(x);
    return `{\n${e
      .map(([k, y]) => `${inner}${JSON.stringify(k)}: ${fmt(y, inner, JSON.stringify(k).length + 3)}`)
      .join(',\n')}\n${ind}}`;
  };
  return `${fmt(v, '', 0)}\n`;
}

type CardKey = { readonly id: string; readonly currency: string; readonly effectiveFrom: string };

/** Bundled order: USD first, then other currencies alphabetically; by date within a currency. */
export function bundledOrder<T extends CardKey>(cards: readonly T[]): T[] {
  return [...cards].sort((a, b) =>
    a.currency !== b.currency
      ? a.currency === 'USD'
        ? -1
        : b.currency === 'USD'
          ? 1
          : a.currency < b.currency
            ? -1
            : 1
      : a.effectiveFrom < b.effectiveFrom
        ? -1
        : 1,
  );
}

/** The generated engine/data/index.ts for cards already in bundled order. */
export function bundleIndexSource(cards: readonly CardKey[], reviewedThrough: string): string {
  const ident = (id: string) => `card_${id.replace(/-/g, '_')}`;
  return `// GENERATED FILE - do not edit by hand.
// Written by scripts/build-cards.ts from the research CSVs; regenerate with
//   npx tsx scripts/build-cards.ts [path-to-shared-ratecards]   (default ../shared/ratecards)
// See engine/data/README.md for what is bundled and how confident each card is.
import { trusted } from '../cards/checked.ts';
import type { MarketMapping, RateCard, RateCardSet, Source } from '../types.ts';
${cards.map((c) => `import ${ident(c.id)} from './cards/${c.id}.json' with { type: 'json' };`).join('\n')}
import markets from './markets.json' with { type: 'json' };
import sources from './sources.json' with { type: 'json' };

/** Ids of the bundled cards, by currency (USD first) then date. */
export const bundledCardIds: readonly string[] = [
${cards.map((c) => `  '${c.id}',`).join('\n')}
];

/** The rate cards bundled with Tarifa (validated by test/unit/bundledCards.test.ts). */
export const bundledRateCards: RateCardSet = trusted({
  formatVersion: 1,
  reviewedThrough: '${reviewedThrough}',
  cards: [
${cards.map((c) => `    ${ident(c.id)} as unknown as RateCard,`).join('\n')}
  ],
  markets: markets as unknown as MarketMapping,
  sources: sources as unknown as Readonly<Record<string, Source>>,
});
`;
}
