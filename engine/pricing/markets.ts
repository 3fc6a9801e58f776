import type { CountryEntry, MarketMapping, MarketPeriod, RateCardSet } from '../types.ts';

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

/**
 * A business-scoped user ID (BSUID) as Meta prints it: the user's ISO 3166 alpha-2 country, a
 * period, up to 128 letters and digits (`US.13491208655302741918`); a parent BSUID has `ENT.`
 * after the country (`US.ENT.11815799212886844830`).
 */
const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** True for a business-scoped user ID (or a parent one). */
export function isBsuid(text: unknown): text is string {
  return typeof text === 'string' && BSUID.test(text);
}

/** True for a user as events name them: an E.164 number or a business-scoped user ID. */
export function isUserId(text: unknown): text is string {
  return isE164(text) || isBsuid(text);
}

/**
 * The country entry of a user: from the number's calling code, else from a BSUID's country
 * prefix; null when unknown to the mapping (or not a user id).
 */
export function countryOfUser(mapping: MarketMapping, user: string): CountryEntry | null {
  if (typeof user !== 'string') return null;
  if (E164.test(user)) return countryOfNumber(mapping, user);
  if (BSUID.test(user)) return countryByIso(mapping, user.slice(0, 2));
  return null;
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
 * The rate-card market of a recipient on a local date. A number (E.164): calling
 * code, then network prefix where a code is shared (+1 809/829/849 Dominican
 * Republic, +7 6xx/7xx Kazakhstan…); a business-scoped user ID (`US.1349…`): the
 * country of its prefix; then the date-versioned market membership. Returns null
 * for anything else, or a calling code or country the mapping does not know. `date` defaults to
 * today (UTC); the public entry (engine/index.ts) defaults `rateCards` to the bundled set.
 */
export function marketOf(
  number: string,
  date: string | undefined,
  rateCards: RateCardSet,
): MarketInfo | null {
  date ??= new Date().toISOString().slice(0, 10);
  if (!isUserId(number)) return null;
  const entry = countryOfUser(rateCards.markets, number);
  return entry === null ? null : marketInfo(rateCards.markets, entry, date);
}
