/**
 * A rate-card market (Meta's English name, e.g. `Rest of Latin America`, `Mexico`) in the
 * visitor's language, so no English market name reaches an es / pt-BR screen, CSV or sentence:
 * a named region from the catalogue (`markets.*`), a one-country market through that country's
 * Intl name. The country of a one-country market comes from the card set's market mapping when
 * the caller has it, else from the bill lines priced in that market; Meta's name is the last resort.
 */
import type { TFunction } from 'i18next';
import type { RateCardSet } from '../engine/index.ts';
import { countryName } from './form/countries.ts';

/** Meta's market names that are not the country's English name in Intl (ICU). */
const META_ALIASES: Readonly<Record<string, string>> = { Turkey: 'TR', 'Hong Kong': 'HK' };

export type MarketHints = {
  /** Lines (bill or estimate) with their country and market. */
  readonly lines?: readonly { readonly country: string; readonly market: string | null }[];
  /** The card set's number → market mapping. */
  readonly mapping?: RateCardSet['markets'];
};

const has = (t: TFunction, key: string) => t(key, { defaultValue: '\u0000' }) !== '\u0000';

/** The one country a market covers, if the hints say so. */
export function countryOfMarket(market: string, hints: MarketHints = {}): string | null {
  const alias = META_ALIASES[market];
  if (hints.mapping) {
    const inMarket = hints.mapping.countries.filter((c) => c.markets.some((p) => p.market === market));
    if (inMarket.length === 1) return inMarket[0]!.iso2;
    if (inMarket.length > 1) return null;
  }
  const line = hints.lines?.find(
    (l) => l.market === market && (l.country === alias || countryName(l.country, 'en') === market),
  );
  return line ? line.country : (alias ?? byEnglishName().get(market) ?? null);
}

let english: Map<string, string> | null = null;
/** Every region code Intl knows, by its English name (built once: 676 lookups). */
function byEnglishName(): Map<string, string> {
  if (english) return english;
  english = new Map();
  const A = 65;
  for (let i = 0; i < 26; i++)
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      const name = countryName(code, 'en');
      if (name !== code && !english.has(name)) english.set(name, code);
    }
  return english;
}

export function marketName(market: string, lang: string, t: TFunction, hints: MarketHints = {}): string {
  if (has(t, `markets.${market}`)) return t(`markets.${market}`);
  const iso = countryOfMarket(market, hints);
  return iso ? countryName(iso, lang) : market;
}
