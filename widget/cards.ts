/**
 * Where the widget gets rate cards from. The engine owns the data; this only decides WHEN a card
 * is available. `bundledStore` uses the engine's complete `bundledRateCards` synchronously (tests,
 * unsplit builds). The embed build uses `lazyStore` (widget/lazyCards.ts): the current card ships
 * in the initial script, older cards load on demand from the script's own origin.
 */
import type { RateCard, RateCardSet } from '../engine/index.ts';

export type CardMeta = Pick<
  RateCard,
  'id' | 'model' | 'currency' | 'effectiveFrom' | 'effectiveTo' | 'sources'
> & {
  /** A derived local-currency card (engine/rateCards/derive.ts): the USD card converted and its ratio. */
  readonly derived?: { readonly from: string; readonly ratio: string };
};

export type Ready = {
  /** The set to pass as `account.rateCards`; undefined = the engine's bundled set. */
  readonly rateCards: RateCardSet | undefined;
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

export function metaOf(c: CardMeta): CardMeta {
  const meta = {
    id: c.id,
    model: c.model,
    currency: c.currency,
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo,
    sources: c.sources,
  };
  return c.derived ? { ...meta, derived: { from: c.derived.from, ratio: c.derived.ratio } } : meta;
}

/** Cards in force on the first day of `month` (`YYYY-MM`) in `currency`. */
export function cardsInForce(catalog: readonly CardMeta[], month: string, currency?: string): CardMeta[] {
  const day = `${month}-01`;
  return catalog.filter(
    (c) =>
      (currency === undefined || c.currency === currency) &&
      c.effectiveFrom <= day &&
      (c.effectiveTo === null || c.effectiveTo >= day),
  );
}

/** Currencies with a card in force that month, USD first. */
export function currenciesFor(catalog: readonly CardMeta[], month: string): string[] {
  const set = new Set(cardsInForce(catalog, month).map((c) => c.currency));
  return [...set].sort((a, b) => (a === 'USD' ? -1 : b === 'USD' ? 1 : a.localeCompare(b)));
}

/** First month any card covers, `YYYY-MM`. */
export function firstMonth(catalog: readonly CardMeta[]): string | null {
  let first: string | null = null;
  for (const c of catalog) if (first === null || c.effectiveFrom < first) first = c.effectiveFrom;
  return first === null ? null : first.slice(0, 7);
}

export function bundledStore(set: RateCardSet): CardStore {
  const ready: Ready = { rateCards: undefined };
  const catalog = set.cards.map(metaOf);
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
