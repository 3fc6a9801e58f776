/**
 * Which currency the widget starts in (issue 14): the host's `currency` attribute when a card
 * exists for the month; else the visitor's likely billing currency (from the region of their
 * language tags: Brazil → BRL, India → INR, Spain → EUR) when a card exists; else USD. Which cards
 * exist for a month is the card catalog's answer (`currenciesFor`); nothing here prices anything.
 */
import { type CardMeta, currenciesFor } from '../cards.ts';
import { canonicalTag } from '../lang.ts';

/** Region → the currency Meta bills businesses there in (where it is offered, or required). */
export const BILLING_CURRENCY_BY_REGION: Readonly<Record<string, string>> = {
  BR: 'BRL',
  IN: 'INR',
  ES: 'EUR',
  PT: 'EUR',
};

/** The region (ISO alpha-2) of the first tag that names one: `pt-BR` → BR, `en-IN` → IN, `es` → null. */
export function regionOf(tags: ReadonlyArray<string | null | undefined>): string | null {
  for (const tag of tags) {
    if (typeof tag !== 'string') continue;
    const canon = canonicalTag(tag);
    const m = canon ? /-([A-Z]{2})(?:-|$)/.exec(canon) : null;
    if (m) return m[1]!;
  }
  return null;
}

export type LikelyCurrency = { readonly currency: string; readonly region: string };

/** The visitor's likely billing currency when the month has a card in it; null otherwise. */
export function likelyCurrency(
  catalog: readonly CardMeta[],
  month: string,
  tags: ReadonlyArray<string | null | undefined>,
): LikelyCurrency | null {
  const region = regionOf(tags);
  const currency = region ? BILLING_CURRENCY_BY_REGION[region] : undefined;
  if (!region || !currency) return null;
  return currenciesFor(catalog, month).includes(currency) ? { currency, region } : null;
}

export type CurrencyChoice = {
  readonly currency: string;
  /** `host`: the host's attribute; `region`: the visitor's likely billing currency; `default`: USD. */
  readonly why: 'host' | 'region' | 'default';
  /** The host asked for a currency that has no card this month (shown as a notice, never silently). */
  readonly missing: string | null;
};

/** The starting currency for a month. */
export function chooseCurrency(
  catalog: readonly CardMeta[],
  month: string,
  requested: string | null | undefined,
  tags: ReadonlyArray<string | null | undefined>,
): CurrencyChoice {
  const available = currenciesFor(catalog, month);
  if (requested && available.includes(requested)) return { currency: requested, why: 'host', missing: null };
  const fallback = available.includes('USD') ? 'USD' : (available[0] ?? 'USD');
  // A host's currency with no card: USD (Meta's default), said in a notice.
  if (requested) return { currency: fallback, why: 'default', missing: requested };
  const likely = likelyCurrency(catalog, month, tags);
  if (likely) return { currency: likely.currency, why: 'region', missing: null };
  return { currency: fallback, why: 'default', missing: null };
}
