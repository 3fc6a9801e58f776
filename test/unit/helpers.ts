import { bundledRateCards, type MessageEvent, type RateCardSet } from '../../engine/index.ts';
import type { Category, RateCategory } from '../../engine/types.ts';

type Extra = Partial<Omit<MessageEvent, 'at' | 'user' | 'direction' | 'kind' | 'category'>>;

/** A user writes to the business. */
export const inbound = (at: string, user: string, extra: Extra = {}): MessageEvent => ({
  at,
  direction: 'inbound',
  user,
  kind: 'free_form',
  ...extra,
});

/** The business delivers a template. */
export const template = (at: string, user: string, category: Category, extra: Extra = {}): MessageEvent => ({
  at,
  direction: 'outbound',
  user,
  kind: 'template',
  category,
  ...extra,
});

/** The business delivers a non-template (text, media, interactive) message. */
export const reply = (at: string, user: string, extra: Extra = {}): MessageEvent => ({
  at,
  direction: 'outbound',
  user,
  kind: 'free_form',
  ...extra,
});

/** A figure of a bundled card, read from the data (the rule under test is the engine's, not the figure). */
export function cardRate(cardId: string, market: string, column: RateCategory): string {
  const card = bundledRateCards.cards.find((c) => c.id === cardId);
  const cell = card?.rates[market]?.[column];
  if (typeof cell !== 'string') throw new Error(`no figure for ${cardId}/${market}/${column}`);
  return cell;
}

/** ISO instant `minutes` after a base instant. */
export function plus(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

export const BR = '+5511987650001';
export const BR2 = '+5511987650002';
export const IN = '+919876500001';
export const US = '+12025550101';
export const DE = '+4915112345678';

/** Every volume-tier threshold divided by 1,000: the marginal rules on numbers a test can reach. */
export function smallTiers(set: RateCardSet, divisor = 1000): RateCardSet {
  const copy = structuredClone(set) as unknown as {
    cards: { tiers?: Record<string, Record<string, { bands: { from: number; to: number | null }[] }>> }[];
  };
  for (const card of copy.cards) {
    for (const columns of Object.values(card.tiers ?? {})) {
      for (const table of Object.values(columns)) {
        let from = 0;
        for (const band of table.bands) {
          band.from = from;
          if (band.to !== null) band.to = Math.max(from + 1, Math.floor(band.to / divisor));
          from = (band.to ?? 0) + 1;
        }
      }
    }
  }
  return copy as unknown as RateCardSet;
}
