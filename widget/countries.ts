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
