/**
 * The card catalog: what a card set holds without its figures (ids, currencies, dates, model,
 * derivation, source ids), and the date questions answered from it: which cards are in force in
 * a month, which currencies a month offers, which months can be compared. The widget holds the
 * bundled catalog (engine/data/catalog.ts, generated) and loads the cards themselves on demand;
 * `comparableMonthsOf` (engine/decisions/compare.ts, with the comparison) answers which months compare,
 * for `comparableMonths` and the widget alike.
 */
import type { RateCard, RateCardSet } from '../types.ts';

/** One card of a catalog: a rate card without its rates, tiers, provenance and notes. */
export type CatalogCard = Pick<
  RateCard,
  'id' | 'model' | 'currency' | 'effectiveFrom' | 'effectiveTo' | 'sources'
> & {
  /** A derived local-currency card (engine/cards/derive.ts): the card it converts and the ratio. */
  readonly derived?: { readonly from: string; readonly ratio: string };
};

/** A card set's catalog: its cards without figures, and the last day its cards were reviewed. */
export type CardCatalog = {
  readonly reviewedThrough: string;
  readonly cards: readonly CatalogCard[];
};

/** The catalog entry of a card (or of a catalog entry: the same fields, copied). */
export function catalogCard(c: CatalogCard): CatalogCard {
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

/** The catalog of a card set. */
export function catalogOf(set: RateCardSet): CardCatalog {
  return { reviewedThrough: set.reviewedThrough, cards: set.cards.map(catalogCard) };
}

/** Cards in force on the first day of `month` (`YYYY-MM`), in `currency` when given. */
export function cardsInForce<C extends CatalogCard>(
  cards: readonly C[],
  month: string,
  currency?: string,
): C[] {
  const day = `${month}-01`;
  return cards.filter(
    (c) =>
      (currency === undefined || c.currency === currency) &&
      c.effectiveFrom <= day &&
      (c.effectiveTo === null || c.effectiveTo >= day),
  );
}

/**
 * Currencies with a card in force in `month`, USD first, then alphabetically. ISO 4217 codes are
 * three ASCII capitals, so code-unit order is alphabetical order: no collator (`localeCompare`
 * builds one, which costs tens of milliseconds on a phone before the widget's first total).
 */
export function currenciesInForce(cards: readonly CatalogCard[], month: string): string[] {
  const set = new Set(cardsInForce(cards, month).map((c) => c.currency));
  return [...set].sort((a, b) => (a === b ? 0 : a === 'USD' ? -1 : b === 'USD' ? 1 : a < b ? -1 : 1));
}

/** The first month (`YYYY-MM`) any card covers, or null for no cards. */
export function firstCardMonth(cards: readonly CatalogCard[]): string | null {
  let first: string | null = null;
  for (const c of cards) if (first === null || c.effectiveFrom < first) first = c.effectiveFrom;
  return first === null ? null : first.slice(0, 7);
}
