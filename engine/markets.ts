import { bundledRateCards } from './data/index.ts';
import type { CountryEntry, MarketMapping, MarketPeriod, RateCardSet } from './types.ts';

export type MarketInfo = {
  /** ISO alpha-2 of the number's country. */
  readonly country: string;
  /** Rate-card market on that date, e.g. `'Rest of Latin America'`. */
  readonly market: string;
  readonly callingCode: string;
  /** Set when the sources leave this mapping uncertain (Kazakhstan before Oct 2026). */
  readonly confidence?: 'ambiguous';
  /** The mapping period's sources (empty for the default market). */
  readonly sources: readonly string[];
};

const E164 = /^\+[1-9]\d{6,14}$/;

type CompiledMapping = {
  readonly byCode: ReadonlyMap<string, readonly CountryEntry[]>;
  readonly byIso: ReadonlyMap<string, CountryEntry>;
  readonly defaultMarket: string;
};

const compiled = new WeakMap<MarketMapping, CompiledMapping>();

function compile(mapping: MarketMapping): CompiledMapping {
  let c = compiled.get(mapping);
  if (c !== undefined) return c;
  const byCode = new Map<string, CountryEntry[]>();
  const byIso = new Map<string, CountryEntry>();
  for (const entry of mapping.countries) {
    const list = byCode.get(entry.callingCode) ?? [];
    list.push(entry);
    byCode.set(entry.callingCode, list);
    byIso.set(entry.iso2, entry);
  }
  // Entries with prefixes are tried first, longest prefix first; the entry without prefixes is the fallback.
  for (const list of byCode.values()) {
    list.sort((a, b) => longest(b) - longest(a));
  }
  c = { byCode, byIso, defaultMarket: mapping.defaultMarket };
  compiled.set(mapping, c);
  return c;
}

function longest(entry: CountryEntry): number {
  let n = 0;
  for (const p of entry.prefixes) n = Math.max(n, p.length);
  return n;
}

/** True for `+` and 7–15 digits, the first not 0. */
export function isE164(text: unknown): text is string {
  return typeof text === 'string' && E164.test(text);
}

/** The country entry a number belongs to, or null when its calling code is unknown. */
export function countryOfNumber(mapping: MarketMapping, number: string): CountryEntry | null {
  const { byCode } = compile(mapping);
  const digits = number.slice(1);
  for (let len = 1; len <= 3 && len < digits.length; len++) {
    const list = byCode.get(digits.slice(0, len));
    if (list === undefined) continue;
    const national = digits.slice(len);
    let fallback: CountryEntry | null = null;
    for (const entry of list) {
      if (entry.prefixes.length === 0) {
        fallback ??= entry;
        continue;
      }
      for (const p of entry.prefixes) if (national.startsWith(p)) return entry;
    }
    return fallback ?? list[list.length - 1] ?? null;
  }
  return null;
}

export function countryByIso(mapping: MarketMapping, iso2: string): CountryEntry | null {
  return compile(mapping).byIso.get(iso2) ?? null;
}

/** The market period of a country on a local date, or null (→ the default market). */
export function periodOn(entry: CountryEntry, date: string): MarketPeriod | null {
  for (const p of entry.markets) {
    if (p.from <= date && (p.to === null || date <= p.to)) return p;
  }
  return null;
}

export function marketInfo(mapping: MarketMapping, entry: CountryEntry, date: string): MarketInfo {
  const period = periodOn(entry, date);
  const base = {
    country: entry.iso2,
    callingCode: entry.callingCode,
    market: period?.market ?? mapping.defaultMarket,
    sources: period?.sources ?? [],
  };
  return period?.confidence === undefined ? base : { ...base, confidence: period.confidence };
}

/**
 * The rate-card market of a recipient's number (E.164) on a local date: calling
 * code, then network prefix where a code is shared (+1 809/829/849 Dominican
 * Republic, +7 6xx/7xx Kazakhstan…), then the date-versioned market membership.
 * Returns null for a number that is not E.164 or whose calling code is unknown.
 */
export function marketOf(
  number: string,
  date: string = new Date().toISOString().slice(0, 10),
  rateCards: RateCardSet = bundledRateCards,
): MarketInfo | null {
  if (!isE164(number)) return null;
  const entry = countryOfNumber(rateCards.markets, number);
  return entry === null ? null : marketInfo(rateCards.markets, entry, date);
}
