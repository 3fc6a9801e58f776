/**
 * Country names and matching. The list of countries comes from the engine's market mapping;
 * names come from Intl.DisplayNames in the visitor's language.
 */
const cache = new Map<string, Intl.DisplayNames | null>();
const names = new Map<string, string>();
/** Country name in the visitor's language; the code itself if Intl has none. */
export function countryName(code: string, lang: string): string {
  const key = `${lang}|${code}`;
  const known = names.get(key);
  if (known !== undefined) return known;
  const name = lookup(code, lang);
  names.set(key, name);
  return name;
}

function lookup(code: string, lang: string): string {
  let dn = cache.get(lang);
  if (dn === undefined) {
    try {
      dn = new Intl.DisplayNames([lang], { type: 'region' });
    } catch {
      dn = null;
    }
    cache.set(lang, dn);
  }
  try {
    return dn?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Lowercase, accent-free text for matching what a visitor types against names. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** Letters and digits only, accent-free and lowercase: `EE.UU.` → `eeuu`, `Méjico` → `mejico`. */
export function searchKey(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}

/**
 * Names visitors type that Intl does not give in any of our languages: abbreviations, old
 * spellings, parts of a country. Matched like names (accent- and punctuation-insensitive).
 */
export const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['EEUU', 'EE. UU.', 'USA', 'EUA', 'America', 'Estados Unidos de América', 'United States of America'],
  GB: [
    'UK',
    'Inglaterra',
    'England',
    'Gran Bretaña',
    'Great Britain',
    'Grã-Bretanha',
    'Escocia',
    'Escócia',
    'Scotland',
    'Gales',
    'Wales',
  ],
  MX: ['Méjico'],
  NL: ['Holanda', 'Holland'],
  AE: ['UAE', 'EAU', 'Emiratos', 'Emirados', 'Dubái', 'Dubai'],
  KR: ['Corea', 'Coreia', 'Korea'],
  CZ: ['República Checa', 'Czech Republic', 'Chequia'],
  RU: ['Rusia', 'Rússia'],
  DO: ['RD', 'Dominicana'],
};

const keyCache = new Map<string, readonly string[]>();
/** Search keys of a country: its name in es, pt-BR and en (and the visitor's locale), its aliases, its code. */
export function countryKeys(code: string, locale: string): readonly string[] {
  const k = `${locale}|${code}`;
  let keys = keyCache.get(k);
  if (!keys) {
    const names = [locale, 'es', 'pt-BR', 'en'].map((l) => countryName(code, l));
    keys = [...new Set([...names, ...(COUNTRY_ALIASES[code] ?? [])].map(searchKey))];
    keyCache.set(k, keys);
  }
  return keys;
}

/** Whether a country matches what the visitor typed (any language, alias or its ISO code). */
export function countryMatches(code: string, query: string, locale: string): boolean {
  const q = searchKey(query);
  if (q === '') return true;
  if (code.toLowerCase() === q) return true;
  return countryKeys(code, locale).some((k) => k.includes(q));
}
