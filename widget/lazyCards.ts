/**
 * The embed's card store, over the engine's card data modules (public entries, see package.json
 * `exports`): the catalog of every bundled card (`tarifa/cards/catalog`), the first view's set
 * (`tarifa/cards/current`: the cards still in force, in the initial script) and one loader per
 * card, for the markets and for the sources (`tarifa/cards/lazy`: the loaders in the initial
 * script, each card, the markets and the sources a chunk of its own next to the script). Sets of
 * loaded bundled cards come checked from that module (`bundledSetOf`: the bundled files pass the
 * validator in the tests), so the browser loads no validator to price them.
 */
import { cardsInForce, type RateCard, type RateCardSet } from '../engine/core.ts';
import { bundledCatalog } from '../engine/data/catalog.ts';
import { currentRateCards } from '../engine/data/current.ts';
import {
  bundledSetOf,
  loadBundledCard,
  loadBundledMarkets,
  loadBundledSources,
} from '../engine/data/lazy.ts';
import type { CardStore, Ready } from './cards.ts';

// The first view holds the cards in force in the currencies a visitor starts in (USD, BRL for
// Brazil: scripts/card-modules.ts). The loaders (one dynamic import per card, ~0.4 KB gzip) are in
// the initial script, and a card the form then needs (an older month, another currency) is asked
// for by setFor itself, in that render: with the market mapping and the sources, in parallel, one
// round trip (issue 17; the loaders in a chunk of their own made it two, and the hook's effect
// that loads cards runs only after the paint).
export function lazyStore(): CardStore {
  const catalog = bundledCatalog.cards;
  const { reviewedThrough } = bundledCatalog;
  const eager = new Set(currentRateCards.cards.map((c) => c.id));
  // The bundled cards loaded so far (engine/data/lazy.ts keeps them).
  const loaded = new Set<string>();
  const pending = new Map<string, Promise<void>>();
  let sources: RateCardSet['sources'] | null = null;
  let sourcesPromise: Promise<void> | null = null;
  let marketsPromise: Promise<unknown> | null = null;
  let assembled: { key: string; set: RateCardSet } | null = null;
  const firstView: Ready = { rateCards: currentRateCards };
  const full = new Map<string, Promise<RateCard>>();

  const ensureSources = (): Promise<void> => {
    sourcesPromise ??= loadBundledSources().then((s) => {
      sources = s;
    });
    return sourcesPromise;
  };

  // The full market mapping comes with the first card loaded.
  const ensureMarkets = (): Promise<unknown> => {
    marketsPromise ??= loadBundledMarkets();
    return marketsPromise;
  };

  // Bundled cards need no validator in the browser: the engine's data module gives them as a
  // checked set (engine/data/lazy.ts bundledSetOf; test/unit/bundledCards.test.ts).
  const checked = (ids: readonly string[]): RateCardSet => {
    const set = bundledSetOf(ids);
    if (!set) throw new Error('[tarifa] bundled cards asked for before they loaded');
    return set;
  };

  // Older months are priced with a set of full copies only: the loaded cards, the full market
  // mapping and the sources (the first view's copies are compact; see engine/data/current.ts).
  // Null until the market mapping and the sources are in too.
  const setWithLoaded = (): RateCardSet | null => {
    const ids = [...loaded].sort();
    const key = ids.join(',');
    if (assembled?.key !== key) {
      const set = bundledSetOf(ids);
      if (!set) return null;
      assembled = { key, set };
    }
    return assembled.set;
  };

  function load(month: string, currency: string): Promise<void> {
    const needed = cardsInForce(catalog, month, currency).filter(
      (c) => !eager.has(c.id) && !loaded.has(c.id),
    );
    const jobs = needed.map((c) => {
      let p = pending.get(c.id);
      if (!p) {
        p = loadBundledCard(c.id).then(
          () => {
            loaded.add(c.id);
          },
          (err: unknown) => {
            pending.delete(c.id);
            throw err;
          },
        );
        pending.set(c.id, p);
      }
      return p;
    });
    return Promise.all([ensureSources(), ensureMarkets(), ...jobs]).then(() => undefined);
  }

  return {
    catalog,
    reviewedThrough,
    setFor(month, currency) {
      const needed = cardsInForce(catalog, month, currency).filter((c) => !eager.has(c.id));
      if (needed.length === 0) return firstView;
      const set = needed.every((c) => loaded.has(c.id)) ? setWithLoaded() : null;
      if (set) return { rateCards: set };
      // Asked for now (the hook's load, after the first paint, then finds them on their way).
      load(month, currency).catch(() => undefined);
      return null;
    },
    load,
    sources: () => sources,
    loadSources: ensureSources,
    loadFullSet(months, currency) {
      // The first view's cards are compact: their full copies load like older ones.
      const ids = new Set(months.flatMap((m) => cardsInForce(catalog, m, currency).map((c) => c.id)));
      const jobs = [...ids].map((id) => {
        let p = full.get(id);
        if (!p) {
          p = loadBundledCard(id);
          p.catch(() => full.delete(id));
          full.set(id, p);
        }
        return p;
      });
      return Promise.all([ensureSources(), ensureMarkets(), Promise.all(jobs)]).then(() => checked([...ids]));
    },
  };
}
