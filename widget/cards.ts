/**
 * Where the widget gets rate cards from. The engine owns the data and the rules; this only
 * decides WHEN a card is available. The date questions (cards in force, currencies of a month,
 * the first month, comparable months) are the engine's catalog functions (engine/cards/catalog.ts).
 * `bundledStore` uses a complete set synchronously (tests). The embed uses `lazyStore`
 * (widget/lazyCards.ts): the first view's cards come with the script, the others load on demand.
 */
import {
  type CatalogCard,
  catalogCard,
  cardsInForce,
  currenciesInForce,
  firstCardMonth,
  type RateCardSet,
} from '../engine/core.ts';

export type CardMeta = CatalogCard;

export type Ready = {
  /** The set to pass as `account.rateCards` (a set the engine has checked). */
  readonly rateCards: RateCardSet;
};

export interface CardStore {
  /** Every card the widget can price with, loaded or not. */
  readonly catalog: readonly CardMeta[];
  readonly reviewedThrough: string;
  /** Null when the cards for that month and currency must be loaded first (call `load`). */
  setFor(month: string, currency: string): Ready | null;
  load(month: string, currency: string): Promise<void>;
  /** Source locators, or null until loaded. */
  sources(): RateCardSet['sources'] | null;
  loadSources(): Promise<void>;
  /**
   * A complete set (full copies of the cards in force in each of `months` in `currency`, the
   * full market mapping and sources) for the comparison and the explanations; loaded on demand.
   */
  loadFullSet(months: readonly string[], currency: string): Promise<RateCardSet>;
}

export {
  catalogCard as metaOf,
  cardsInForce,
  currenciesInForce as currenciesFor,
  firstCardMonth as firstMonth,
};

/** A store over a complete, checked set (the engine's bundled cards in tests). */
export function bundledStore(set: RateCardSet): CardStore {
  const ready: Ready = { rateCards: set };
  const catalog = set.cards.map(catalogCard);
  return {
    catalog,
    reviewedThrough: set.reviewedThrough,
    setFor: () => ready,
    load: () => Promise.resolve(),
    sources: () => set.sources,
    loadSources: () => Promise.resolve(),
    loadFullSet: () => Promise.resolve(set),
  };
}
